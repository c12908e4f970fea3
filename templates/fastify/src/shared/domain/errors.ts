/**
 * The one error hierarchy of the service. Use cases and the domain throw these; the HTTP layer maps
 * each `kind` to a status in one place (shared/interfaces/http/error-mapper.ts), so no other code
 * decides what an error looks like on the wire.
 */
export type ErrorKind = 'validation' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'rule-violation';

export abstract class AppError extends Error {
  abstract readonly kind: ErrorKind;

  constructor(
    /** Stable, machine-readable code clients can switch on, e.g. `ORDER_NOT_CANCELLABLE`. */
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  readonly kind = 'validation';
}

export class UnauthorizedError extends AppError {
  readonly kind = 'unauthorized';
}

export class ForbiddenError extends AppError {
  readonly kind = 'forbidden';
}

export class NotFoundError extends AppError {
  readonly kind = 'not-found';
}

export class ConflictError extends AppError {
  readonly kind = 'conflict';
}

/** A business invariant was broken: the request was well-formed but the domain refuses it. */
export class DomainRuleError extends AppError {
  readonly kind = 'rule-violation';
}
