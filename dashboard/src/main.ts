// The dashboard's entry point: signs in with the function key (typed in, or from a `#key=` fragment), then shows
// the estate, the chosen plan and the chosen operation. Without a key it shows the sign-in message and calls nothing.
// The view in focus is kept in the query (`?plan=…`, `?operation=…`) so a reload or a shared link lands on it.
import "./styles.css";
import { NotSignedInError, StandbyApi } from "./api";
import { adoptKeyFromFragment, forgetKey, storedKey, storeKey } from "./credentials";
import { byId } from "./dom";
import { EstateView } from "./estate-view";
import { OperationView } from "./operation-view";
import { PlanView } from "./plan-view";

const ESTATE_POLL_MS = 5_000;
/** The API sits beside the dashboard: `/api/dashboard/` -> `/api/v1/`. */
const API_BASE = new URL("../v1/", new URL(".", window.location.href));

let api: StandbyApi | undefined;
let estateTimer: ReturnType<typeof setInterval> | undefined;

function currentApi(): StandbyApi {
  if (api === undefined) throw new NotSignedInError();
  return api;
}

const estate = new EstateView({ openPlan: (plan) => navigate({ plan }), openOperation: (operation) => navigate({ operation }) });
const planView = new PlanView(currentApi, (operation) => navigate({ operation }), reportError);
const operationView = new OperationView(currentApi, reportError);

function reportError(error: unknown): void {
  if (error instanceof NotSignedInError) {
    signOut("The function key was not accepted. Sign in again.");
    return;
  }
  byId("estate-status").textContent = `Could not load: ${error instanceof Error ? error.message : String(error)}`;
}

function navigate(view: { plan?: string; operation?: string }): void {
  const query = new URLSearchParams();
  if (view.plan !== undefined) query.set("plan", view.plan);
  if (view.operation !== undefined) query.set("operation", view.operation);
  window.history.pushState(null, "", `${window.location.pathname}${query.size > 0 ? `?${query}` : ""}`);
  showSelection();
}

function showSelection(): void {
  const query = new URLSearchParams(window.location.search);
  const plan = query.get("plan");
  const operation = query.get("operation");
  if (plan !== null) planView.show(plan).catch(reportError);
  else planView.hide();
  if (operation !== null) operationView.show(operation);
  else operationView.hide();
  (byId(operation !== null ? "operation" : plan !== null ? "plan" : "estate") as HTMLElement).scrollIntoView();
}

function signIn(key: string): void {
  api = new StandbyApi(API_BASE, key);
  byId("sign-in").hidden = true;
  byId("estate").hidden = false;
  byId("sign-out").hidden = false;
  const refresh = (): void => {
    estate.refresh(currentApi()).catch(reportError);
  };
  refresh();
  estateTimer = setInterval(refresh, ESTATE_POLL_MS);
  showSelection();
}

function signOut(message: string): void {
  forgetKey(window.sessionStorage);
  api = undefined;
  if (estateTimer !== undefined) clearInterval(estateTimer);
  estateTimer = undefined;
  operationView.hide();
  planView.hide();
  byId("estate").hidden = true;
  byId("estate-table").querySelector("tbody")?.replaceChildren();
  byId("sign-out").hidden = true;
  byId("sign-in").hidden = false;
  byId("sign-in-message").textContent = message;
  byId("key-input").focus();
}

byId<HTMLFormElement>("sign-in-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = byId<HTMLInputElement>("key-input");
  if (input.value.trim() === "") return;
  storeKey(window.sessionStorage, input.value);
  input.value = "";
  signIn(storedKey(window.sessionStorage) as string);
});
byId("sign-out").addEventListener("click", () => signOut("Signed out. Sign in with the function key to see the estate."));
window.addEventListener("popstate", () => {
  if (api !== undefined) showSelection();
});

adoptKeyFromFragment(window.location, window.history, window.sessionStorage);
const key = storedKey(window.sessionStorage);
if (key === undefined) signOut(byId("sign-in-message").textContent ?? "");
else signIn(key);
