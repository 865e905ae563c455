import {
  DomainError,
  isDomainError,
  operationConflict,
  operationNotFound,
  planInvalid,
  planNotFound,
} from "../../../functions/core/errors";

describe("domain errors", () => {
  it("carry a stable code and the HTTP status it stands for", () => {
    expect(planNotFound("shop")).toMatchObject({ code: "PlanNotFound", status: 404, message: 'Plan "shop" does not exist.' });
    expect(operationNotFound("op-1")).toMatchObject({ code: "OperationNotFound", status: 404 });
    expect(new DomainError("PlanVersionConflict", "changed").status).toBe(412);
    expect(new DomainError("ImportUnsupported", "script").status).toBe(422);
  });

  it("name the running operation in a conflict, so a caller can watch it", () => {
    expect(operationConflict("shop", "op-9")).toMatchObject({
      code: "OperationConflict",
      status: 409,
      message: 'Plan "shop" is busy with operation op-9.',
      details: { operationId: "op-9" },
    });
  });

  it("list every validation error of an invalid plan", () => {
    const errors = [
      { pointer: "/name", message: "bad" },
      { pointer: "/groups/0/items", message: "empty" },
    ];
    expect(planInvalid(errors)).toMatchObject({ code: "PlanInvalid", status: 400, message: "The plan has 2 errors.", details: { errors } });
    expect(planInvalid(errors.slice(0, 1)).message).toBe("The plan has 1 error.");
  });

  it("are recognized by name and code, also after crossing a serialization boundary", () => {
    const error = planNotFound("shop");
    expect(isDomainError(error)).toBe(true);
    expect(isDomainError({ ...JSON.parse(JSON.stringify({ name: error.name, code: error.code, message: error.message })) })).toBe(true);
    expect(isDomainError(new Error("x"))).toBe(false);
    expect(isDomainError({ name: "DomainError", code: "Nope" })).toBe(false);
    expect(isDomainError(null)).toBe(false);
  });
});
