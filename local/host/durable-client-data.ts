// The binding data the Durable Functions extension gives a `df.input.durableClient()` input: management URL
// templates (what `createCheckStatusResponse` hands out, protected by the system key) and `rpcBaseUrl`, the
// extension's local HTTP endpoint that `DurableClient` calls for startNew, getStatus, raiseEvent, etc.

export interface DurableClientEndpoints {
  /** Origin of the host's public HTTP front, e.g. http://127.0.0.1:7071. */
  origin: string;
  /** Base URL of the keyless loopback durable API, ending in a slash. */
  rpcBaseUrl: string;
  taskHubName: string;
  connectionName: string;
  systemKey: string;
}

/** The placeholder the extension puts where the instance id goes in management URLs. */
export const INSTANCE_ID_PLACEHOLDER = "INSTANCEID";

export function durableClientData(endpoints: DurableClientEndpoints): Record<string, unknown> {
  const webhooks = `${endpoints.origin}/runtime/webhooks/durabletask`;
  const required = `taskHub=${encodeURIComponent(endpoints.taskHubName)}&connection=${encodeURIComponent(endpoints.connectionName)}&code=${encodeURIComponent(endpoints.systemKey)}`;
  return {
    taskHubName: endpoints.taskHubName,
    creationUrls: {
      createNewInstancePostUri: `${webhooks}/orchestrators/{functionName}[/{instanceId}]?code=${encodeURIComponent(endpoints.systemKey)}`,
      createAndWaitOnNewInstancePostUri: `${webhooks}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&code=${encodeURIComponent(endpoints.systemKey)}`,
    },
    managementUrls: managementUrls(webhooks, INSTANCE_ID_PLACEHOLDER, required),
    baseUrl: webhooks,
    requiredQueryStringParameters: required,
    rpcBaseUrl: endpoints.rpcBaseUrl,
  };
}

/** The links the extension returns for one instance (202 bodies and `createCheckStatusResponse`). */
export function managementUrls(webhooks: string, instanceId: string, required: string): Record<string, string> {
  const instance = `${webhooks}/instances/${instanceId}`;
  return {
    id: instanceId,
    purgeHistoryDeleteUri: `${instance}?${required}`,
    sendEventPostUri: `${instance}/raiseEvent/{eventName}?${required}`,
    statusQueryGetUri: `${instance}?${required}`,
    terminatePostUri: `${instance}/terminate?reason={text}&${required}`,
    suspendPostUri: `${instance}/suspend?reason={text}&${required}`,
    resumePostUri: `${instance}/resume?reason={text}&${required}`,
    rewindPostUri: `${instance}/rewind?reason={text}&${required}`,
    restartPostUri: `${instance}/restart?${required}`,
  };
}
