// The lab as `npm start` runs it (the compiled start script, in its own process): it reaches the ready line, writes
// lab.json, and on SIGINT stops Azurite, the ARM emulator and the host, leaving every port free.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./host-process";

const READY = /Standby is ready at (http:\/\/127\.0\.0\.1:\d+)/;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

describe("npm start (the lab)", () => {
  let stateDir: string;
  beforeAll(() => {
    stateDir = mkdtempSync(join(tmpdir(), "lab-state-"));
  });
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it("starts Azurite, the ARM emulator and the host, describes itself in lab.json, and stops all three on SIGINT", async () => {
    const child = spawn(process.execPath, [join(REPO_ROOT, "dist/local/lab/start.js"), "--port", "0", "--state-dir", stateDir], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        const timeout = setTimeout(() => reject(new Error(`no ready line within 60 s:\n${output}`)), 60_000);
        child.stdout.on("data", () => {
          const ready = READY.exec(output);
          if (ready) {
            clearTimeout(timeout);
            resolve(ready[1]);
          }
        });
        void exited.then((code) => reject(new Error(`the lab exited with ${code}:\n${output}`)));
      });

      const lab = JSON.parse(readFileSync(join(stateDir, "lab.json"), "utf8")) as { endpoint: string; key: string; armEndpoint: string; storage: string };
      expect(lab.endpoint).toBe(endpoint);
      expect(lab.armEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(lab.storage).toContain("BlobEndpoint=http://127.0.0.1:");
      // The Standby API answers with the lab's key and refuses without it.
      expect((await fetch(`${lab.endpoint}/api/v1/plans`)).status).toBe(401);
      expect((await fetch(`${lab.endpoint}/api/v1/plans`, { headers: { "x-functions-key": lab.key } })).status).toBe(200);
      expect((await fetch(`${lab.armEndpoint}/_emulator/eventgrid/subscriptions`)).status).toBe(200);

      const ports = [lab.endpoint, lab.armEndpoint, ...lab.storage.split(";").filter((part) => part.includes("Endpoint=http"))].map((text) => Number(/:(\d+)/.exec(text.split("//")[1])?.[1]));
      expect(ports).toHaveLength(5);
      child.kill("SIGINT");
      expect(await exited).toBe(0);
      expect(output).toContain("Lab stopped.");
      for (const port of ports) expect(await portIsFree(port)).toBe(true);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
