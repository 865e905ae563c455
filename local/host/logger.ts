// Where the host's own messages and the app's logs go; `main.ts` prints them, tests collect them.
export type LogLevel = "debug" | "information" | "warning" | "error";

export type HostLogger = (level: LogLevel, message: string) => void;

/** Maps the worker's log levels onto the host's. */
export function hostLevel(level: string): LogLevel {
  switch (level) {
    case "trace":
    case "debug":
      return "debug";
    case "warning":
      return "warning";
    case "error":
    case "critical":
      return "error";
    default:
      return "information";
  }
}
