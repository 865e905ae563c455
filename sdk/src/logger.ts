import { createClientLogger } from "@azure/logger";

/** The package's logger: enable with `AZURE_LOG_LEVEL=info` or `setLogLevel` from `@azure/logger`. */
export const logger = createClientLogger("standby");
