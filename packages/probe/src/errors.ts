/** Why a probe run could not finish. The CLI prints the message as one line; the code is stable. */
export const PROBE_ERROR_CODES = [
  /** The command ended before it opened a port. */
  'SERVICE_EXITED',
  /** No port within the startup timeout. */
  'NO_PORT',
  /** A port opened but no Node.js process under the command loaded the sampler. */
  'NO_SAMPLER',
  /** The service ended while it was being measured. */
  'SERVICE_CRASHED',
  /** The service stopped answering the sampler (its event loop stayed blocked). */
  'SERVICE_UNRESPONSIVE',
  /** SIGINT or SIGTERM reached the probe. */
  'INTERRUPTED',
] as const;

export type ProbeErrorCode = (typeof PROBE_ERROR_CODES)[number];

export class ProbeError extends Error {
  override name = 'ProbeError';
  constructor(
    readonly code: ProbeErrorCode,
    message: string,
    /** The service's exit code, when it exited. */
    readonly serviceExitCode?: number | null,
  ) {
    super(message);
  }
}
