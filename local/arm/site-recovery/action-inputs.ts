// Validation of the bodies of Site Recovery actions. Bad input is refused with ARM's 400 before anything changes.
import { invalidInput } from "../server/arm-error";

export interface ActionInput {
  failoverDirection?: "PrimaryToRecovery" | "RecoveryToPrimary";
  networkId?: string;
  sourceSiteOperations?: "Required" | "NotRequired";
  /** Item inputs: the instanceType of providerSpecificDetails; plan inputs: every entry's. */
  providerTypes: string[];
  recoveryPointId?: string;
}

export interface InputRules {
  /** The body must be `{properties: {...}}`. */
  bodyRequired: boolean;
  directionRequired?: boolean;
  networkRequired?: boolean;
  /** Plan inputs carry providerSpecificDetails as an array. */
  providerDetailsArray?: boolean;
}

const DIRECTIONS = ["PrimaryToRecovery", "RecoveryToPrimary"];
const SOURCE_SITE_OPERATIONS = ["Required", "NotRequired"];

export function parseActionInput(body: unknown, rules: InputRules): ActionInput {
  if (body === undefined || body === null) {
    if (rules.bodyRequired) throw invalidInput("The request body is required and must be an object with 'properties'.", "InvalidRequestContent");
    return { providerTypes: [] };
  }
  if (typeof body !== "object" || Array.isArray(body)) throw invalidInput("The request body must be a JSON object.", "InvalidRequestContent");
  const properties = (body as { properties?: unknown }).properties;
  if (properties === undefined) {
    if (rules.bodyRequired) throw invalidInput("The request body must have a 'properties' object.", "InvalidRequestContent");
    return { providerTypes: [] };
  }
  if (typeof properties !== "object" || properties === null || Array.isArray(properties)) {
    throw invalidInput("'properties' must be a JSON object.", "InvalidRequestContent");
  }
  const props = properties as Record<string, unknown>;
  const input: ActionInput = { providerTypes: [] };

  if (props.failoverDirection !== undefined) {
    if (typeof props.failoverDirection !== "string" || !DIRECTIONS.includes(props.failoverDirection)) {
      throw invalidInput(`'failoverDirection' must be one of ${DIRECTIONS.join(", ")}.`);
    }
    input.failoverDirection = props.failoverDirection as ActionInput["failoverDirection"];
  } else if (rules.directionRequired) {
    throw invalidInput("'failoverDirection' is required.");
  }

  if (props.networkId !== undefined && typeof props.networkId !== "string") throw invalidInput("'networkId' must be a string.");
  input.networkId = props.networkId as string | undefined;
  if (rules.networkRequired && props.networkType !== "NoNetworkAttachAsInput" && !input.networkId) {
    throw invalidInput("'networkId' is required for a test failover into a network ('networkType': 'VmNetworkAsInput').");
  }

  if (props.sourceSiteOperations !== undefined) {
    if (typeof props.sourceSiteOperations !== "string" || !SOURCE_SITE_OPERATIONS.includes(props.sourceSiteOperations)) {
      throw invalidInput(`'sourceSiteOperations' must be one of ${SOURCE_SITE_OPERATIONS.join(", ")}.`);
    }
    input.sourceSiteOperations = props.sourceSiteOperations as ActionInput["sourceSiteOperations"];
  }

  const details = props.providerSpecificDetails;
  if (details !== undefined && details !== null) {
    const entries = rules.providerDetailsArray ? details : [details];
    if (!Array.isArray(entries)) throw invalidInput("'providerSpecificDetails' must be an array for a recovery plan.");
    for (const entry of entries) {
      if (typeof entry !== "object" || entry === null || typeof (entry as { instanceType?: unknown }).instanceType !== "string") {
        throw invalidInput("Each 'providerSpecificDetails' must be an object with an 'instanceType'.");
      }
      input.providerTypes.push((entry as { instanceType: string }).instanceType);
      const recoveryPointId = (entry as { recoveryPointId?: unknown }).recoveryPointId;
      if (recoveryPointId !== undefined && recoveryPointId !== null) {
        if (typeof recoveryPointId !== "string") throw invalidInput("'recoveryPointId' must be a string.");
        input.recoveryPointId = recoveryPointId;
      }
    }
  }
  return input;
}
