// The local host plays App Service: unless it stands in for App Service authentication, no x-ms-client-principal*
// header a caller sends reaches the app, and the app is told authentication is off; standing in, the headers pass
// (a test playing a signed-in person) and the app is told it is on.
import { appServiceAuthSettings, headersForApp } from "../../../local/host/http/app-service-auth";
import { parseHostCommandLine } from "../../../local/host/options";

const SENT = {
  "x-functions-key": "k",
  "content-type": "application/json",
  "x-ms-client-principal-name": "alice@contoso.com",
  "x-ms-client-principal-id": "00000000-0000-0000-0000-000000000001",
  "x-ms-client-principal-idp": "aad",
  "x-ms-client-principal": "eyJhdXRoX3R5cCI6ImFhZCJ9",
  "X-MS-CLIENT-PRINCIPAL-NAME": "mallory@contoso.com",
};

describe("the local host without the App Service authentication stand-in", () => {
  it("drops every x-ms-client-principal* header, whatever its case, and keeps the others", () => {
    expect(headersForApp(SENT, false)).toEqual({ "x-functions-key": "k", "content-type": "application/json" });
  });

  it("tells the app that App Service authentication is off", () => {
    expect(appServiceAuthSettings(false)).toEqual({ WEBSITE_AUTH_ENABLED: "False" });
  });

  it("is the default of the command line", () => {
    expect(parseHostCommandLine(["--app", "a"], {}).appServiceAuth).toBe(false);
  });
});

describe("the local host standing in for App Service authentication", () => {
  it("passes the principal headers through", () => {
    expect(headersForApp(SENT, true)).toEqual(SENT);
  });

  it("tells the app that App Service authentication is on, as App Service does", () => {
    expect(appServiceAuthSettings(true)).toEqual({ WEBSITE_AUTH_ENABLED: "True" });
  });

  it("is chosen with --app-service-auth", () => {
    expect(parseHostCommandLine(["--app", "a", "--app-service-auth", "--virtual"], {})).toMatchObject({ appServiceAuth: true, clockSpec: { mode: "virtual" } });
  });
});
