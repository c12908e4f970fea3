/**
 * The one error hierarchy of the service. Domain and application code throw these; the HTTP error
 * handler is the only place that turns a code into a status, so a new error never needs a new catch.
 */
export type DomainErrorCode = 'VALIDATION' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;

  /** Messages safe to show a client, in the RealWorld `errors.body` list. */
  readonly details: readonly string[];

  constructor(message: string, details: readonly string[] = [message]) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION';
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

/** A uniqueness rule broke (username or email taken); RealWorld reports it as a validation failure. */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}
