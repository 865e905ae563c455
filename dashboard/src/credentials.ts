// The function key the dashboard signs its data calls with. It lives in sessionStorage (gone when the tab closes)
// and may arrive in the URL fragment (`#key=…`, printed by `npm start`): fragments never leave the browser, and the
// fragment is removed from the address bar at once so the key is not left in history or in a copied link.
const STORAGE_KEY = "standby.functionKey";

export function adoptKeyFromFragment(location: Location, history: History, storage: Storage): void {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ""));
  const key = fragment.get("key");
  if (key === null) return;
  if (key.trim() !== "") storage.setItem(STORAGE_KEY, key.trim());
  history.replaceState(history.state, "", `${location.pathname}${location.search}`);
}

export function storedKey(storage: Storage): string | undefined {
  const key = storage.getItem(STORAGE_KEY);
  return key === null || key === "" ? undefined : key;
}

export function storeKey(storage: Storage, key: string): void {
  storage.setItem(STORAGE_KEY, key.trim());
}

export function forgetKey(storage: Storage): void {
  storage.removeItem(STORAGE_KEY);
}
