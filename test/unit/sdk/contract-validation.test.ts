// The contract's own validator (schemaErrors, shared by the app and the SDK) checks the contract's date-times as
// RFC 3339 strings instead of refusing every document that carries one.
import { OperationSchema, schemaErrors, type Operation } from "@standby/client/contract";
import { operation, step } from "./fixtures";

describe("schemaErrors on documents with date-times", () => {
  const valid: Operation = operation("op-1", "running", [step("db-1", "running")]);

  it("accepts RFC 3339 date-times", () => {
    expect(schemaErrors(OperationSchema, valid)).toEqual([]);
    expect(schemaErrors(OperationSchema, { ...valid, createdAt: "2026-01-05T10:00:00+01:00" })).toEqual([]);
  });

  it("refuses a date-time that is not RFC 3339, at its pointer", () => {
    for (const createdAt of ["yesterday", "2026-01-05", "2026-13-45T99:00:00Z"]) {
      expect(schemaErrors(OperationSchema, { ...valid, createdAt }).map((error) => error.pointer)).toEqual(["/createdAt"]);
    }
  });
});
