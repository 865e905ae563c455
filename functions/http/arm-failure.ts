// A failed ARM read during a request is not the caller's mistake and not a bug of ours: it is answered 502 with
// what ARM said, so the caller can tell "Site Recovery is throttling or down" from "Standby is broken".
import { HttpProblem } from "./problem";

export async function readFromArm<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if ((error as { name?: unknown }).name !== "RestError") throw error;
    const code = (error as { code?: unknown }).code;
    const said = typeof status === "number" ? `${status}${typeof code === "string" ? ` ${code}` : ""}` : "no answer";
    throw new HttpProblem(502, "ArmRequestFailed", `Site Recovery or Traffic Manager could not be read (${said}); try again.`);
  }
}
