import { Type, type Static } from "@sinclair/typebox";

/** One invalid field of a request body, located by its JSON pointer (RFC 6901). */
export const FieldErrorSchema = Type.Object(
  {
    pointer: Type.String({ description: "JSON pointer to the offending value, e.g. /groups/1/items/0." }),
    message: Type.String(),
  },
  { $id: "FieldError" },
);
export type FieldError = Static<typeof FieldErrorSchema>;

/**
 * Every error the API returns is `application/problem+json` (RFC 9457). Validation failures list every error at
 * once in `errors`; a 409 because the plan is busy names the running operation in `operationId`, so a caller can
 * watch it instead of guessing.
 */
export const ProblemDetailsSchema = Type.Object(
  {
    type: Type.String({ description: "URI reference identifying the problem type; about:blank when generic." }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
    operationId: Type.Optional(Type.String()),
  },
  { $id: "ProblemDetails" },
);
export type ProblemDetails = Static<typeof ProblemDetailsSchema>;

/** Media type of every error body. */
export const PROBLEM_MEDIA_TYPE = "application/problem+json";
