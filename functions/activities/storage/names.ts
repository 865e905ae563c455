// Names that become blob names are checked here, again, even though the HTTP layer checks them first: a store must
// never build a path from a name that could climb out of its container or alias another blob.
import { PLAN_NAME_PATTERN, RESOURCE_NAME_PATTERN } from "@standby/client/contract";
import { DomainError } from "../../core/errors";

const PLAN_NAME = new RegExp(PLAN_NAME_PATTERN);
const OPERATION_ID = new RegExp(RESOURCE_NAME_PATTERN);

export function isPlanName(name: string): boolean {
  return PLAN_NAME.test(name);
}

export function isOperationId(id: string): boolean {
  return OPERATION_ID.test(id);
}

export function assertPlanName(name: string): void {
  if (!isPlanName(name)) {
    throw new DomainError("RequestInvalid", `"${printable(name)}" is not a plan name: use 1 to 63 lowercase letters, digits or dashes, starting with a letter or digit.`, {
      errors: [{ pointer: "", message: "Not a valid plan name." }],
    });
  }
}

export function assertOperationId(id: string): void {
  if (!isOperationId(id)) {
    throw new DomainError("RequestInvalid", `"${printable(id)}" is not an operation id.`, {
      errors: [{ pointer: "", message: "Not a valid operation id." }],
    });
  }
}

/** Echoes a refused name without control characters and without letting it grow the message without bound. */
export function printable(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, "?");
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}
