import type { FastifyInstance } from 'fastify';

/**
 * RealWorld clients (the official Postman collection among them) send `Content-Type: application/json`
 * on GET and DELETE with no body, which Fastify rejects by default. An empty body is treated as
 * absent; anything else still goes through Fastify's own parser, with its prototype-poisoning guards.
 */
export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' || body === undefined) {
      done(null, undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
}
