// ARM rejects a request without an api-version, or with one the resource provider does not serve, before it routes it.
import { ArmError } from "./arm-error";

export interface ProviderVersions {
  /** Lower-case provider namespace as it appears in paths. */
  namespace: string;
  versions: readonly string[];
}

export const SITE_RECOVERY_VERSIONS: ProviderVersions = {
  namespace: "microsoft.recoveryservices",
  versions: ["2021-06-01", "2022-10-01", "2023-01-01", "2023-02-01", "2023-04-01", "2023-06-01", "2023-08-01", "2024-01-01", "2024-02-01", "2024-04-01", "2024-10-01", "2025-01-01", "2025-02-01", "2025-08-01"],
};

export const TRAFFIC_MANAGER_VERSIONS: ProviderVersions = {
  namespace: "microsoft.network",
  versions: ["2017-05-01", "2018-02-01", "2018-03-01", "2018-04-01", "2018-08-01", "2022-04-01"],
};

const PROVIDERS = [SITE_RECOVERY_VERSIONS, TRAFFIC_MANAGER_VERSIONS];

/** Checks the api-version of an ARM request and returns it; paths of unknown providers only need one to be present. */
export function checkApiVersion(path: string, query: URLSearchParams): string {
  const apiVersion = query.get("api-version");
  if (apiVersion === null || apiVersion === "") {
    throw new ArmError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
  }
  const lowerPath = path.toLowerCase();
  const provider = PROVIDERS.find((candidate) => lowerPath.includes(`/providers/${candidate.namespace}/`));
  if (provider && !provider.versions.includes(apiVersion)) {
    throw new ArmError(
      400,
      "InvalidApiVersionParameter",
      `The api-version '${apiVersion}' is invalid. The supported versions are '${provider.versions.join(",")}'.`,
    );
  }
  return apiVersion;
}
