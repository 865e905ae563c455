/**
 * Exit codes scripts can rely on. An operation that ends failed or canceled exits 1 like any other failure, so
 * `standby failover … --watch && next-step` only goes on after a successful failover.
 */
export const ExitCode = {
  ok: 0,
  /** An error, or a watched operation that ended failed or canceled. */
  failed: 1,
  /** Bad command line: unknown command or flag, missing argument. */
  usage: 2,
  /** The plan, operation or drill does not exist (404). */
  notFound: 3,
  /** Conflict: the plan is busy with another operation, or the ETag no longer matches (409, 412). */
  conflict: 4,
  /** The key is missing or wrong, or the token was refused (401, 403). */
  unauthorized: 5,
  /** Watching was interrupted (Ctrl-C); the operation goes on in the service. */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
