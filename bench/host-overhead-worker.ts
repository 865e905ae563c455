// One store's measurements of the host-overhead benchmark, in a process of its own: a process can load an app only
// once (see local/host/app-loader.ts). Prints the rows as one JSON line.
import { measureHostOverhead, type Store } from "./host-overhead-cases";

const store = process.argv[2] as Store;
if (store !== "memory" && store !== "azurite") {
  console.error("usage: node host-overhead-worker.js memory|azurite");
  process.exit(2);
}
measureHostOverhead(store).then(
  (rows) => console.log(JSON.stringify(rows)),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
