/**
 * Failures the user can fix (a non-empty target, an unknown module, a missing anchor). The CLI
 * prints the message and exits 2; anything else is a bug and keeps its stack.
 */
export type ScaffoldErrorCode =
  | 'INVALID_NAME'
  | 'TARGET_NOT_EMPTY'
  | 'NOT_A_STRATA_PROJECT'
  | 'UNKNOWN_MODULE'
  | 'FILE_EXISTS'
  | 'MISSING_ANCHOR'
  | 'TEMPLATE_MISSING';

export class ScaffoldError extends Error {
  override name = 'ScaffoldError';

  constructor(
    readonly code: ScaffoldErrorCode,
    message: string,
  ) {
    super(message);
  }
}
