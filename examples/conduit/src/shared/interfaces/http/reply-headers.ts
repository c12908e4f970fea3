import { IncomingMessage, ServerResponse, validateHeaderName, validateHeaderValue } from 'node:http';
import { Socket } from 'node:net';
import type { FastifyReply } from 'fastify';

/**
 * A response header as Node keeps it until the response is written: the name as sent, and the value.
 * A new array per response, as Node's own are: Node's appendHeader changes an entry in place.
 */
export type HeaderEntry = [name: string, value: string];

/** A response's headers as Node keeps them (`getHeaders()` reads them): lower-cased name → entry. */
export type OutgoingHeaders = Record<string, HeaderEntry>;

/**
 * The value of a header whose name and value are fixed, checked here, once, as Node checks every
 * header it is given (a bad one stops the service at start-up).
 */
export function checkedHeaderValue(name: string, value: string): string {
  validateHeaderName(name);
  validateHeaderValue(name, value);
  return value;
}

/**
 * The node:http symbol under which a response keeps the headers set on it (`setHeader`), found and
 * checked once: that an entry stored there is what `getHeader` reads and what `writeHead` writes.
 * Undefined on a Node that keeps them some other way; headers then go through `reply.header()`.
 */
const OUTGOING_HEADERS = findOutgoingHeadersKey();

function findOutgoingHeadersKey(): symbol | undefined {
  try {
    const response = new ServerResponse(new IncomingMessage(new Socket()));
    const key = Object.getOwnPropertySymbols(response).find((symbol) => symbol.description === 'kOutHeaders');
    if (key === undefined) return undefined;
    response.setHeader('X-Probe', 'set');
    const headers = (response as unknown as Record<symbol, unknown>)[key] as Record<string, unknown> | null;
    const probe = headers?.['x-probe'];
    if (!Array.isArray(probe) || probe[0] !== 'X-Probe' || probe[1] !== 'set') return undefined;
    headers!['x-entry'] = ['x-entry', 'kept'];
    if (response.getHeader('x-entry') !== 'kept') return undefined;
    response.writeHead(200, { 'content-length': '0' });
    const written = (response as unknown as { _header?: unknown })._header;
    return typeof written === 'string' && written.includes('\r\nx-entry: kept\r\n') && written.includes('\r\ncontent-length: 0\r\n') ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The reply's headers as Node keeps them, for the headers every response carries (security headers,
 * request id, rate-limit counts); undefined when this Node keeps them some other way (then use
 * reply.header()). Only for entries whose name and value are known to be valid: Node does not check
 * these again.
 *
 * Why not reply.header(): Fastify keeps its headers in an object of its own and hands it to Node's
 * writeHead, which validates every name and value with a regular expression each, lower-cases the
 * name and concatenates it, on every response (about 1,000 instructions per header under callgrind,
 * 19.7k per single article against the bare route's 4.3k). The headers a response already holds
 * were checked when they were set (by `setHeader`, or once, by checkedHeaderValue), and
 * writeHead writes them without checking them again; Fastify's own (content-type, content-length)
 * are added to them by `setHeader` and checked as before. `getHeader()`, `hasHeader()` and Fastify's
 * `reply.getHeader()` see them; Fastify's error handler cannot drop them, so errors carry them too.
 */
export function outgoingHeadersOf(reply: FastifyReply): OutgoingHeaders | undefined {
  if (OUTGOING_HEADERS === undefined) return undefined;
  const response = reply.raw as unknown as Record<symbol, OutgoingHeaders | null | undefined>;
  const headers = response[OUTGOING_HEADERS];
  if (headers !== null) return headers;
  const created = new HeaderStore();
  response[OUTGOING_HEADERS] = created;
  return created;
}

/**
 * The object a response's headers are kept in. Like node:http's own, nothing is inherited (no header
 * name can reach Object.prototype: `hasHeader('constructor')` stays false); unlike it
 * (`{ __proto__: null }`, which V8 keeps as a hash table), its properties are laid out as a fixed
 * shape, so adding the same headers in the same order on every response and listing them in
 * writeHead take V8's fast paths (with the hash table, the adds and the listing went through V8's
 * runtime: about 4,500 instructions per response under callgrind).
 */
const HeaderStore = function HeaderStore() {} as unknown as new () => OutgoingHeaders;
(HeaderStore as unknown as { prototype: object }).prototype = Object.create(null) as object;
