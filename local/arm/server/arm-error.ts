// ARM's error contract: a status, a machine-readable code and a message, answered as {error:{code,message}}.
// Both code and message are always present: the SDKs only surface `code` on RestError when both are there.

export class ArmError extends Error {
  override readonly name = "ArmError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

export function resourceNotFound(type: string, name: string): ArmError {
  return new ArmError(404, "ResourceNotFound", `The Resource '${type}/${name}' was not found.`);
}

export function invalidInput(message: string, code = "InvalidParameter"): ArmError {
  return new ArmError(400, code, message);
}
