// Serves the dashboard's built files (dist/dashboard, made by `npm run build`) as the app's anonymous static
// route. The files hold no data: every data call the page makes carries the key, so the route itself can stay
// anonymous. Only files under the folder are served, with their content type and a strict CSP that allows
// nothing but this origin.
import { readFile } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";

export interface DashboardAnswer {
  status: number;
  headers: Record<string, string>;
  body?: Buffer | string;
}

/** The compiled handler lives in dist/functions/http/handlers; the built dashboard beside it in dist/dashboard. */
export const DASHBOARD_FOLDER = resolve(__dirname, "../../../dashboard");

export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** Names Vite gives built files: letters, digits, `-`, `_`, `.`, in folders; no dot-files, no `..`. */
const SAFE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": DASHBOARD_CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
};

/**
 * The answer for `GET {routePrefix}/dashboard/{path}`. `requestPath` is the URL's path as requested: the page's
 * relative asset URLs need the folder form (`/dashboard/`), so the bare `/dashboard` is redirected there.
 */
export async function serveDashboardAsset(path: string | undefined, requestPath: string, folder = DASHBOARD_FOLDER): Promise<DashboardAnswer> {
  const wanted = path === undefined || path === "" ? "index.html" : path;
  if ((path === undefined || path === "") && !requestPath.endsWith("/")) {
    return { status: 308, headers: { ...SECURITY_HEADERS, Location: `${requestPath}/` } };
  }
  const contentType = CONTENT_TYPES[extname(wanted).toLowerCase()];
  if (!SAFE_PATH.test(wanted) || wanted.split("/").some((segment) => segment === "..") || contentType === undefined) return notFound();
  const file = resolve(folder, wanted);
  if (!file.startsWith(folder + sep)) return notFound();
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch (error) {
    if (isMissing(error)) return wanted === "index.html" ? notBuilt() : notFound();
    throw error;
  }
  // Built assets carry a content hash in their names and never change; the page itself must always be fresh.
  const cacheControl = wanted.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
  return { status: 200, headers: { ...SECURITY_HEADERS, "Content-Type": contentType, "Cache-Control": cacheControl }, body };
}

function notFound(): DashboardAnswer {
  return { status: 404, headers: { ...SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8" }, body: "Not found" };
}

function notBuilt(): DashboardAnswer {
  return { status: 503, headers: { ...SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8" }, body: "The dashboard is not built: run `npm run build`." };
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR";
}
