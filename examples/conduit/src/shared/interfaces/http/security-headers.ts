import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import helmet from 'helmet';

/**
 * Security headers for a JSON API: helmet's values, computed once at start-up and put on every reply.
 *
 * The set is the OWASP REST Security Cheat Sheet's for API responses: a CSP that allows nothing
 * (`default-src 'none'; frame-ancestors 'none'`: a JSON body rendered as a document may load
 * nothing and be framed by nobody), HSTS, nosniff, X-Frame-Options and Cross-Origin-Resource-Policy.
 * helmet's other defaults only mean something for HTML documents (DNS prefetch, download and
 * cross-domain policy switches, the XSS auditor, referrer and opener policies, origin-keyed agent
 * clusters); each header costs every response its validation and bytes, on the server and in the
 * client (21 headers per response against the bare route's 5 were the largest per-response cost left).
 *
 * Not helmet's middleware per request: its six middlewares each call the raw response's setHeader
 * (validated one by one by Node), and any raw header sends Fastify's writeHead down Node's slow path,
 * which sets every other header one by one too. The headers never depend on the request, so helmet
 * runs once here against a recording response and the reply gets the same names and values as plain
 * reply headers (kept by Fastify's error handler too, so errors carry them as before).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze(recordHelmetHeaders());

function recordHelmetHeaders(): Record<string, string> {
  const setHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    xFrameOptions: { action: 'deny' },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    referrerPolicy: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  const headers: Record<string, string> = {};
  // helmet only sets and removes headers (X-Powered-By, which nothing here sets); it reads nothing.
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failure: unknown;
  setHeaders({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => (failure = error));
  if (failure) throw failure;
  return headers;
}

/** Name and value pairs, so that a reply does not list the object's keys and look each value up again. */
const SECURITY_HEADER_ENTRIES: readonly (readonly [string, string])[] = Object.freeze(Object.entries(SECURITY_HEADERS));

/**
 * Puts the security headers on one reply. The onRequest hook below does it for every routed request;
 * the answers Fastify gives before routing (see answerFrameworkError) run no hooks and call it themselves.
 */
export function setSecurityHeaders(reply: FastifyReply): void {
  for (const [name, value] of SECURITY_HEADER_ENTRIES) reply.header(name, value);
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (_request, reply, done) => {
    setSecurityHeaders(reply);
    done();
  });
}
