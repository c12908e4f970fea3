import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, type DomainErrorCode } from '../../domain/domain-error.js';

const STATUS: Record<DomainErrorCode, number> = {
  VALIDATION: 422,
  CONFLICT: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
};

function errorBody(messages: readonly string[]) {
  return { errors: { body: messages } };
}

/** The one place where errors become HTTP responses, in the RealWorld `{ errors: { body: [] } }` shape. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
    if (error instanceof DomainError) {
      return reply.status(STATUS[error.code]).send(errorBody(error.details));
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status < 500) {
      // Framework errors for client mistakes (malformed JSON, body too large, rate limited) are safe to echo.
      return reply.status(status).send(errorBody([error.message]));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody(['internal server error']));
  });

  app.setNotFoundHandler((request, reply) => reply.status(404).send(errorBody([`route ${request.method} ${request.url} not found`])));
}
