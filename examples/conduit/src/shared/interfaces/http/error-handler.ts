import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorCode } from '../../domain/domain-error.js';
import { setRequestIdHeader } from './request-id.js';
import { setSecurityHeaders } from './security-headers.js';

const STATUS: Record<DomainErrorCode, number> = {
  VALIDATION: 422,
  CONFLICT: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
};

/**
 * A dependency's error sorted by cause, with only the facts that are safe to log (for the database:
 * SQLSTATE and constraint, never the statement's bound parameters). Bootstrap supplies the classifier.
 */
export interface DependencyFailure {
  kind: 'data' | 'integrity' | 'unavailable' | 'other';
  facts: object;
}
export type DependencyErrorClassifier = (error: unknown) => DependencyFailure | undefined;

const DEPENDENCY_RESPONSE: Record<DependencyFailure['kind'], { status: number; message: string }> = {
  data: { status: 422, message: 'a value in the request cannot be stored' },
  integrity: { status: 422, message: 'the request conflicts with existing data' },
  unavailable: { status: 503, message: 'service temporarily unavailable, retry shortly' },
  other: { status: 500, message: 'internal server error' },
};

function errorBody(messages: readonly string[]) {
  // Messages may echo the request (a 10 KB path): bounded, so an error never amplifies its input.
  return { errors: { body: messages.map((message) => (message.length > 300 ? `${message.slice(0, 300)}…` : message)) } };
}

/**
 * Errors Fastify raises before routing (a malformed percent-encoding, an over-long parameter) do
 * not reach the error handler; this gives them the same shape. Passed as Fastify's `frameworkErrors`.
 *
 * Fastify answers them outside any route, so no onRequest or onSend hook runs: the headers those
 * hooks put on every other response are set here. The request's id already went through the app's
 * genReqId (a caller's well-formed x-request-id kept, anything else replaced by a minted one).
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  setSecurityHeaders(reply);
  setRequestIdHeader(reply, request.id);
  void reply.status(status).send(errorBody([error.message]));
}

/** The one place where errors become HTTP responses, in the RealWorld `{ errors: { body: [] } }` shape. */
export function registerErrorHandling(app: FastifyInstance, classify: DependencyErrorClassifier = () => undefined): void {
  app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
    if (error instanceof DomainError) {
      return reply.status(STATUS[error.code]).send(errorBody(error.details));
    }
    const failure = classify(error);
    if (failure) {
      const response = DEPENDENCY_RESPONSE[failure.kind];
      // The error object itself is never logged: a query error's message carries the SQL and its parameters.
      if (failure.kind === 'other') request.log.error({ dependency: failure.facts }, 'unexpected dependency error');
      else request.log.warn({ dependency: failure.facts, failure: failure.kind }, 'dependency error mapped to a response');
      if (response.status === 503) reply.header('retry-after', '1');
      return reply.status(response.status).send(errorBody([response.message]));
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status < 500) {
      // Framework errors for client mistakes (malformed JSON, body too large, rate limited) are safe to echo.
      return reply.status(status).send(errorBody([error.message]));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody(['internal server error']));
  });

  app.setNotFoundHandler((request, reply) => reply.status(404).send(errorBody([`route ${request.method} ${request.url.slice(0, 200)} not found`])));
}
