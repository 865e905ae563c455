// `npm run emulator` as a user runs it (the compiled entry point): the exact listening line, a working ARM surface,
// and a clean stop on SIGTERM and SIGINT.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const MAIN = join(__dirname, "..", "..", "..", "dist", "local", "arm", "main.js");

function startMain(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first (npm test does)`);
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n").find((candidate) => candidate.startsWith("ARM emulator listening on "));
      if (line !== undefined && output.includes("\n")) resolve({ child, url: line.slice("ARM emulator listening on ".length).trim() });
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("the emulator command", () => {
  it("prints exactly the listening line, serves ARM, and stops cleanly on SIGTERM", async () => {
    const { child, url } = await startMain(["--port", "0", "--estate", "shop", "--virtual"]);
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const estate = (await (await fetch(`${url}/_emulator/estate`)).json()) as { vaults: { id: string }[] };
      const plans = await fetch(`${url}${estate.vaults[0].id}/replicationRecoveryPlans?api-version=2023-06-01`);
      expect(plans.status).toBe(200);
      const clock = (await (await fetch(`${url}/_emulator/clock`)).json()) as { spec: { mode: string } };
      expect(clock.spec.mode).toBe("virtual");
    } finally {
      const exited = exitCode(child);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  });

  it("runs scaled time with --speed, refuses to advance it, and stops on SIGINT", async () => {
    const { child, url } = await startMain(["--estate", "hybrid", "--speed", "60"]);
    try {
      const clock = (await (await fetch(`${url}/_emulator/clock`)).json()) as { spec: { mode: string; speed: number } };
      expect(clock.spec).toMatchObject({ mode: "scaled", speed: 60 });
      expect((await fetch(`${url}/_emulator/clock/advance`, { method: "POST", body: JSON.stringify({ ms: 1000 }) })).status).toBe(409);
    } finally {
      const exited = exitCode(child);
      child.kill("SIGINT");
      expect(await exited).toBe(0);
    }
  });

  it("refuses an unknown estate with a message and a non-zero exit", async () => {
    await expect(startMain(["--estate", "atlantis"])).rejects.toThrow(/exited with 1: .*no estate named "atlantis"/s);
  });
});
