import { Type } from "@sinclair/typebox";

/**
 * Names that appear in URLs (plans, operations, drills): letters, digits, '-' and '_', starting with a letter or
 * digit. Anything else (dots, slashes, percent-escapes) is refused before it can reach storage paths.
 */
export const RESOURCE_NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$";

export const ResourceNameSchema = Type.String({ pattern: RESOURCE_NAME_PATTERN, minLength: 1, maxLength: 63 });

/** Date-times on the wire are RFC 3339 strings in UTC. */
export const DateTimeSchema = Type.String({ format: "date-time" });
