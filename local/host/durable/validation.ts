// Checks on ids that callers pass in, with the rules the Durable Functions extension applies.
import type { EntityId } from "./contract";

export function validateInstanceId(instanceId: unknown): asserts instanceId is string {
  if (typeof instanceId !== "string" || instanceId.length === 0) throw new TypeError("an instance id must be a non-empty string");
  if (instanceId.length > 100) throw new RangeError(`instance id '${instanceId.slice(0, 20)}...' is longer than 100 characters`);
  if (instanceId.startsWith("@")) throw new RangeError(`instance id '${instanceId}' must not start with '@' (reserved for entities)`);
  // eslint-disable-next-line no-control-regex
  if (/[/\\#?\u0000-\u001f\u007f]/.test(instanceId)) throw new RangeError(`instance id '${instanceId}' must not contain '/', '\\', '#', '?' or control characters`);
}

export function validateEntityId(entity: EntityId): void {
  if (!entity || typeof entity.name !== "string" || entity.name === "") throw new TypeError("an entity id needs a non-empty name");
  if (typeof entity.key !== "string" || entity.key === "") throw new TypeError("an entity id needs a non-empty key");
  if (entity.name.includes("@")) throw new RangeError(`entity name '${entity.name}' must not contain '@'`);
}
