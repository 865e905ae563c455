// Who is calling, for the timeline and approvals. In Azure, App Service authentication (Entra ID) validates the
// token and passes the signed-in principal in x-ms-client-principal-name, removing any such header a client sent;
// but only while it is enabled. Without it the header holds whatever the caller typed, so any key holder could
// record any name, which is why the header is believed only when the platform says authentication is on. A request
// that got in with a function key alone carries no person: it is recorded as a key caller, and a name in the
// request body is never used.
export const FUNCTION_KEY_CALLER = "function key";

const PRINCIPAL_NAME_HEADER = "x-ms-client-principal-name";
const MAX_PRINCIPAL_LENGTH = 256;

export interface CallerAuthentication {
  /** App Service authentication is on (WEBSITE_AUTH_ENABLED), so the platform wrote the principal headers. */
  readonly appServiceAuthentication: boolean;
}

export function callerIdentity(header: (name: string) => string | undefined, authentication: CallerAuthentication): string {
  if (!authentication.appServiceAuthentication) return FUNCTION_KEY_CALLER;
  const principal = header(PRINCIPAL_NAME_HEADER)?.trim();
  return principal ? principal.slice(0, MAX_PRINCIPAL_LENGTH) : FUNCTION_KEY_CALLER;
}
