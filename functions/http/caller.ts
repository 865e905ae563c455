// Who is calling, for the timeline and approvals. In Azure, App Service authentication (Entra ID) validates the
// token and passes the signed-in principal in x-ms-client-principal-name, overwriting any such header a client
// sent. A request that got in with a function key alone carries no person: it is recorded as a key caller, and a
// name in the request body is never used.
export const FUNCTION_KEY_CALLER = "function key";

export function callerIdentity(header: (name: string) => string | undefined): string {
  const principal = header("x-ms-client-principal-name")?.trim();
  return principal ? principal.slice(0, 256) : FUNCTION_KEY_CALLER;
}
