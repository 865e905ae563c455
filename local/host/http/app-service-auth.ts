// App Service authentication, as far as the app can tell: when it is on, the platform owns the
// x-ms-client-principal* request headers (it removes what a client sent and writes the signed-in principal) and
// tells the app so with WEBSITE_AUTH_ENABLED=True; when it is off, the app sees neither. The local host validates no
// tokens, so standing in for it means passing the caller's principal headers through as if the platform had written
// them (how a test plays a signed-in person); not standing in means dropping them, so that a caller without a
// token cannot name a person.

/** The environment variable App Service sets for the app; the host plays the platform, so the host sets it. */
export const APP_SERVICE_AUTH_SETTING = "WEBSITE_AUTH_ENABLED";

const CLIENT_PRINCIPAL_HEADER_PREFIX = "x-ms-client-principal";

/** The settings the platform adds for the app, overriding any the environment or local.settings.json hold. */
export function appServiceAuthSettings(standIn: boolean): Record<string, string> {
  return { [APP_SERVICE_AUTH_SETTING]: standIn ? "True" : "False" };
}

/** The request headers the app's function gets: without the stand-in, no principal header from a caller survives. */
export function headersForApp(headers: Record<string, string>, standIn: boolean): Record<string, string> {
  if (standIn) return headers;
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.toLowerCase().startsWith(CLIENT_PRINCIPAL_HEADER_PREFIX)));
}
