import type { FastifyReply } from 'fastify';

type HeaderValues = Record<string, string | number | string[] | undefined>;

/** Fastify's symbol for a reply's header object (lib/symbols.js), found on the first reply. */
const FASTIFY_REPLY_HEADERS = 'fastify.reply.headers';
let headersKey: symbol | null | undefined;

/**
 * A reply's header object, which Fastify hands to Node's writeHead as it is; undefined when this
 * Fastify keeps its headers some other way (then use reply.header()).
 *
 * Why not reply.header(): it lower-cases the name and stores under a name that differs from call to
 * call, a megamorphic keyed store into an object that grows one property at a time; for the ten
 * headers every response starts with, that was about 1,000 instructions each under callgrind.
 */
export function headersOf(reply: FastifyReply): HeaderValues | undefined {
  if (headersKey === undefined) {
    headersKey = Object.getOwnPropertySymbols(reply).find((symbol) => symbol.description === FASTIFY_REPLY_HEADERS) ?? null;
  }
  if (headersKey === null) return undefined;
  const headers = (reply as unknown as Record<symbol, unknown>)[headersKey];
  return typeof headers === 'object' && headers !== null ? (headers as HeaderValues) : undefined;
}
