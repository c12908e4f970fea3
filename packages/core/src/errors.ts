/**
 * Tool failures (not findings) with stable codes. The CLI maps every StrataError to one line on stderr and
 * exit code 2; docs/errors.md lists the same codes and a test keeps the two in step.
 */
export const ERROR_CODES = {
  ROOT_NOT_FOUND: 'The path to analyse does not exist.',
  ROOT_NOT_DIRECTORY: 'The path to analyse is not a directory.',
  CONFIG_INVALID: 'The configuration file has a key with a value that is not allowed.',
  CONFIG_UNREADABLE: 'The configuration file could not be read or evaluated.',
  BASELINE_INVALID: 'The baseline file is not a Strata baseline.',
  WORKER_FAILED: 'A parser worker thread failed.',
  OUTPUT_UNWRITABLE: 'The report could not be written to its file or to standard output.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class StrataError extends Error {
  override name = 'StrataError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
