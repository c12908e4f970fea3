import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import helmet from 'helmet';
import { checkedHeaderValue, outgoingHeadersOf } from './reply-headers.js';

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
 * The names helmet gives for the options above. setSecurityHeaders stores under them as literal
 * names (a store under a name written in the code is one inline-cache check; under a name from a
 * list, a megamorphic lookup each), so they are checked against what helmet actually produced: a
 * helmet that sets another header, or drops one, stops the service at start-up instead of leaving
 * the header out.
 */
const LITERAL_NAMES = ['content-security-policy', 'cross-origin-resource-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options'];
if (Object.keys(SECURITY_HEADERS).sort().join() !== LITERAL_NAMES.join()) {
  throw new Error(`helmet's security headers changed (${Object.keys(SECURITY_HEADERS).join(', ')}): update setSecurityHeaders`);
}
const value = (name: string) => checkedHeaderValue(name, SECURITY_HEADERS[name] as string);
const CSP = value('content-security-policy');
const CORP = value('cross-origin-resource-policy');
const HSTS = value('strict-transport-security');
const NOSNIFF = value('x-content-type-options');
const FRAME_OPTIONS = value('x-frame-options');

/**
 * Puts the security headers on one reply. The app's onRequest hook does it for every routed request
 * (buildHttpApp); the answers Fastify gives before routing (see answerFrameworkError) run no hooks and
 * call it themselves.
 */
export function setSecurityHeaders(reply: FastifyReply): void {
  const headers = outgoingHeadersOf(reply);
  if (headers === undefined) {
    for (const [name, value] of SECURITY_HEADER_ENTRIES) reply.header(name, value);
    return;
  }
  headers['content-security-policy'] = ['content-security-policy', CSP];
  headers['cross-origin-resource-policy'] = ['cross-origin-resource-policy', CORP];
  headers['strict-transport-security'] = ['strict-transport-security', HSTS];
  headers['x-content-type-options'] = ['x-content-type-options', NOSNIFF];
  headers['x-frame-options'] = ['x-frame-options', FRAME_OPTIONS];
}
