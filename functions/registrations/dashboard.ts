// Registers the operator dashboard's static files: one anonymous GET route under the app's route prefix
// (`/api/dashboard/…`). Anonymous because the files hold no data; the page signs every data call with the key.
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { serveDashboardAsset } from "../http/handlers/dashboard-assets";

app.http("dashboard", {
  methods: ["GET"],
  route: "dashboard/{*path}",
  authLevel: "anonymous",
  handler: async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    try {
      const answer = await serveDashboardAsset(request.params.path, new URL(request.url).pathname);
      return { status: answer.status, headers: answer.headers, ...(answer.body === undefined ? {} : { body: answer.body }) };
    } catch (error) {
      context.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      return { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: "The dashboard could not be served; see the log." };
    }
  },
});
