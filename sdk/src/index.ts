/** Version of the Standby client package; the full client arrives with the SDK issue. */
export const SDK_VERSION = "0.1.0";
