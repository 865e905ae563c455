// The lab as `npm start` runs it (the compiled start script, in its own process): it reaches the ready line, writes
// lab.json, and on SIGINT stops Azurite, the ARM emulator and the host, leaving every port free. Started again on
// the same state folder it keeps its key, its storage and its simulated time.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./host-process";

const READY = /Standby is ready at (http:\/\/127\.0\.0\.1:\d+)/;

interface LabJson {
  endpoint: string;
  key: string;
  masterKey: string;
  armEndpoint: string;
  storage: string;
}

interface LabProcess {
  child: ChildProcessWithoutNullStreams;
  endpoint: string;
  exited: Promise<number | null>;
  output(): string;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function startLabProcess(stateDir: string): Promise<LabProcess> {
  const child = spawn(process.execPath, [join(REPO_ROOT, "dist/local/lab/start.js"), "--port", "0", "--state-dir", stateDir, "--no-drill"], { cwd: REPO_ROOT });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
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
  }).catch((error: Error) => {
    child.kill("SIGKILL");
    throw error;
  });
  return { child, endpoint, exited, output: () => output };
}

/** A plan over the shop estate, from the emulator's view of it. */
async function shopPlan(armEndpoint: string): Promise<unknown> {
  const estate = (await (await fetch(`${armEndpoint}/_emulator/estate`)).json()) as {
    subscriptionId: string;
    resourceGroup: string;
    vaults: { name: string }[];
    protectedItems: { id: string; tier: string }[];
    trafficManagerProfiles: { id: string; endpoints: { name: string; priority: number }[] }[];
  };
  const tier = (name: string) => estate.protectedItems.filter((item) => item.tier === name).map((item) => item.id);
  const profile = estate.trafficManagerProfiles[0];
  const [primary, standby] = [...profile.endpoints].sort((a, b) => a.priority - b.priority);
  return {
    name: "shop",
    vault: { subscriptionId: estate.subscriptionId, resourceGroup: estate.resourceGroup, name: estate.vaults[0].name },
    objectives: { rpoSeconds: 900, rtoSeconds: 3600 },
    groups: ["db", "app", "web"].map((name) => ({ name, items: tier(name) })),
    traffic: { profile: profile.id, primaryEndpoint: primary.name, standbyEndpoint: standby.name },
  };
}

describe("npm start (the lab)", () => {
  let stateDir: string;
  beforeAll(() => {
    stateDir = mkdtempSync(join(tmpdir(), "lab-state-"));
  });
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it("starts Azurite, the ARM emulator and the host, describes itself in lab.json, stops all three on SIGINT, and restarts with its state", async () => {
    const first = await startLabProcess(stateDir);
    let firstLab: LabJson;
    let simulatedAtStop: number;
    try {
      firstLab = JSON.parse(readFileSync(join(stateDir, "lab.json"), "utf8")) as LabJson;
      expect(firstLab.endpoint).toBe(first.endpoint);
      expect(firstLab.armEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(firstLab.storage).toContain("BlobEndpoint=http://127.0.0.1:");
      // The Standby API answers with the lab's key and refuses without it.
      expect((await fetch(`${firstLab.endpoint}/api/v1/plans`)).status).toBe(401);
      const put = await fetch(`${firstLab.endpoint}/api/v1/plans/shop`, {
        method: "PUT",
        headers: { "x-functions-key": firstLab.key, "content-type": "application/json" },
        body: JSON.stringify(await shopPlan(firstLab.armEndpoint)),
      });
      expect(put.status).toBe(201);
      const clock = (await (await fetch(`${firstLab.endpoint}/admin/clock`, { headers: { "x-functions-key": firstLab.masterKey } })).json()) as { mode: string; speed: number; now: string };
      expect(clock).toMatchObject({ mode: "scaled", speed: 60 });
      simulatedAtStop = Date.parse(clock.now);

      const ports = [firstLab.endpoint, firstLab.armEndpoint, ...firstLab.storage.split(";").filter((part) => part.includes("Endpoint=http"))].map((text) => Number(/:(\d+)/.exec(text.split("//")[1])?.[1]));
      expect(ports).toHaveLength(5);
      first.child.kill("SIGINT");
      expect(await first.exited).toBe(0);
      expect(first.output()).toContain("Lab stopped.");
      for (const port of ports) expect(await portIsFree(port)).toBe(true);
    } finally {
      first.child.kill("SIGKILL");
    }

    const second = await startLabProcess(stateDir);
    try {
      const secondLab = JSON.parse(readFileSync(join(stateDir, "lab.json"), "utf8")) as LabJson;
      expect(secondLab.key).toBe(firstLab.key);
      const plans = await fetch(`${secondLab.endpoint}/api/v1/plans/shop`, { headers: { "x-functions-key": secondLab.key } });
      expect(plans.status).toBe(200);
      const clock = (await (await fetch(`${secondLab.endpoint}/admin/clock`, { headers: { "x-functions-key": secondLab.masterKey } })).json()) as { now: string };
      // Simulated time carries on from where the first run stopped instead of going back to the wall clock.
      expect(Date.parse(clock.now)).toBeGreaterThanOrEqual(simulatedAtStop);
      second.child.kill("SIGINT");
      expect(await second.exited).toBe(0);
    } finally {
      second.child.kill("SIGKILL");
    }
  }, 240_000);

  it("refuses a second lab on a state folder that a running lab holds", async () => {
    const running = await startLabProcess(stateDir);
    try {
      const child = spawn(process.execPath, [join(REPO_ROOT, "dist/local/lab/start.js"), "--port", "0", "--state-dir", stateDir, "--no-drill"], { cwd: REPO_ROOT });
      let output = "";
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      expect(code).toBe(1);
      expect(output).toMatch(/another lab \(pid \d+\) is using/);
      running.child.kill("SIGINT");
      expect(await running.exited).toBe(0);
    } finally {
      running.child.kill("SIGKILL");
    }
  });
});
