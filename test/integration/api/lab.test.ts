// The lab harness itself, which other integration and e2e tests rely on: one clock for emulator and host, a host
// that survives a SIGKILL restart on the same address with its state in storage, and a clean stop.
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
});

afterAll(async () => {
  await lab?.stop();
});

async function hostNowMs(): Promise<number> {
  const response = await fetch(`${lab.hostUrl}/admin/clock`, { headers: { "x-functions-key": lab.masterKey } });
  return Date.parse(((await response.json()) as { now: string }).now);
}

describe("the lab", () => {
  it("moves emulator and host time together, and only when asked", async () => {
    const emulatorBefore = lab.emulator.clock.now();
    const hostBefore = await hostNowMs();
    await lab.advance(10 * 60_000);
    expect(lab.emulator.clock.now() - emulatorBefore).toBe(10 * 60_000);
    expect((await hostNowMs()) - hostBefore).toBe(10 * 60_000);
    expect(await hostNowMs()).toBe(lab.emulator.clock.now());
  });

  it("restarts a SIGKILLed host on the same address, with the same key and the state kept in storage", async () => {
    expect((await api(lab, "PUT", "/plans/shop", { json: await shopPlan(lab) })).status).toBe(201);
    await lab.restartHost({ kill: "SIGKILL" });
    const read = await api<{ name: string }>(lab, "GET", "/plans/shop");
    expect(read.status).toBe(200);
    expect(read.body.name).toBe("shop");
    expect(await hostNowMs()).toBe(lab.emulator.clock.now());
  });

  it("logs the ARM calls the app makes", async () => {
    await lab.control("DELETE", "/_emulator/requests");
    expect((await api(lab, "POST", "/plans/shop/validate")).status).toBe(200);
    const requests = await lab.emulatorRequests();
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((entry) => entry.status < 400)).toBe(true);
  });
});
