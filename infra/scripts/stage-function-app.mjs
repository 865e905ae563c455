// Builds the folder azd deploys to the Function App (azure.yaml runs this as its prepackage hook):
//   dist/azure-package/{host.json, package.json, dist/functions/**, node_modules/**}
// The repository root is an npm workspace whose app depends on the local @standby/client package through a
// symlink, and whose devDependencies (TypeScript, Azurite, test tools) have no place on a Function App. So the
// package is staged: the compiled app, the same `main` (dist/functions/index.js) and host.json, the SDK packed as a
// tarball, and production dependencies installed from the lock-free manifest below. azd then zips the folder as is
// (remoteBuild: false), so Azure runs exactly what was built here.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const out = join(root, "dist", "azure-package");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

// The SDK's prepack builds it; the app is compiled against it.
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "vendor"), { recursive: true });
const packed = run(npm, ["pack", "--pack-destination", join(out, "vendor")], join(root, "sdk")).trim().split("\n").pop();
run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-b", "functions"], root);

const entry = join(root, "dist", "functions", "index.js");
if (!existsSync(entry)) throw new Error(`the compiled entry ${entry} is missing after the build`);
cpSync(join(root, "dist", "functions"), join(out, "dist", "functions"), {
  recursive: true,
  filter: (source) => !source.endsWith(".d.ts") && !source.endsWith(".tsbuildinfo"),
});
cpSync(join(root, "host.json"), join(out, "host.json"));

const app = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const sdk = JSON.parse(readFileSync(join(root, "sdk", "package.json"), "utf8"));
const manifest = {
  name: app.name,
  version: app.version,
  private: true,
  description: app.description,
  license: app.license,
  main: app.main,
  engines: app.engines,
  dependencies: { ...app.dependencies, [sdk.name]: `file:vendor/${packed}` },
  overrides: app.overrides,
};
writeFileSync(join(out, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
run(npm, ["install", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"], out);

// azd applies .funcignore; node_modules stays in the package because nothing is built remotely.
writeFileSync(join(out, ".funcignore"), "vendor/\n*.map\n");
const size = readdirSync(join(out, "node_modules")).length;
console.log(`staged ${out} (main ${manifest.main}, ${size} top-level packages in node_modules)`);
