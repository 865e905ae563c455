// Command-line options of the lab: `npm start -- [--port 7071] [--arm-port P] [--speed 60] [--state-dir .standby]`.
export interface LabOptions {
  /** Port of the Functions host (the API); 0 picks a free one. */
  port: number;
  /** Port of the ARM emulator; 0 (the default) picks a free one. */
  armPort: number;
  /** Simulated seconds per real second; 1 is real time. */
  speed: number;
  /** Where Azurite's data, the lab's key and lab.json live. */
  stateDir: string;
}

export const DEFAULT_PORT = 7071;
export const DEFAULT_SPEED = 60;
export const LAB_USAGE = "usage: npm start -- [--port 7071] [--arm-port 0] [--speed 60] [--state-dir .standby]";

export function parseLabOptions(args: string[]): LabOptions {
  const values = new Map<string, string>();
  for (let index = 0; index < args.length; index++) {
    const name = args[index];
    if (!["--port", "--arm-port", "--speed", "--state-dir"].includes(name)) throw new Error(`unknown option "${name}"\n${LAB_USAGE}`);
    const value = args[++index];
    if (value === undefined || value.startsWith("--")) throw new Error(`option ${name} needs a value\n${LAB_USAGE}`);
    values.set(name, value);
  }
  const port = parsePort(values.get("--port") ?? String(DEFAULT_PORT), "--port");
  const speed = Number(values.get("--speed") ?? DEFAULT_SPEED);
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`--speed must be a positive number, got "${values.get("--speed")}"`);
  return {
    port,
    armPort: parsePort(values.get("--arm-port") ?? "0", "--arm-port"),
    speed,
    // A second lab on another port gets its own state, so two labs can run side by side.
    stateDir: values.get("--state-dir") ?? (port === DEFAULT_PORT ? ".standby" : `.standby/lab-${port}`),
  };
}

function parsePort(text: string, option: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${option} must be an integer from 0 to 65535, got "${text}"`);
  return port;
}
