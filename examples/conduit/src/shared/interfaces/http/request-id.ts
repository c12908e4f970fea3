import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { outgoingHeadersOf } from './reply-headers.js';

export const REQUEST_ID_HEADER = 'x-request-id';
const VALID_REQUEST_ID = /^[\w.-]{1,128}$/;

/**
 * The id last minted here or last accepted from a caller: a valid header value either way. Fastify
 * asks for a request's id (genReqId) and runs its onRequest hooks in one go, so the id the hook puts
 * on the reply is this one, and setRequestIdHeader need not test it again (a regular expression per
 * response, about 1,000 instructions under callgrind); any other id is tested.
 */
let lastValidId: string | undefined;

/** Trust an upstream request id only if it looks like one: it ends up in every log line of the request. */
export function acceptRequestId(header: unknown, generate: () => string): string {
  if (typeof header === 'string' && VALID_REQUEST_ID.test(header)) {
    lastValidId = header;
    return header;
  }
  return generate();
}

/** Leading zeros for a counter of 1 to 12 hex digits (48 bits: far more ids than a process will mint). */
const ZEROS = Array.from({ length: 12 }, (_, length) => '0'.repeat(length));

/**
 * Request ids in the form of a UUID (8-4-4-4-12 hex digits): 80 random bits drawn once per process,
 * then a 48-bit counter. Unique within a process by the counter and across processes by the random
 * part; not a version-4 UUID, and not unpredictable, which an id that only correlates log lines with a
 * response does not need (it grants nothing). `randomUUID()` built its string from 16 random bytes
 * on every response (36 concatenations): about 1,900 instructions per response under callgrind.
 */
export function requestIdMinter(random: (size: number) => Buffer = randomBytes): () => string {
  const hex = random(10).toString('hex');
  const prefix = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-`;
  let count = 0;
  return () => {
    count += 1;
    const digits = count.toString(16);
    // A lookup, not padStart: padStart builds its padding with String.prototype.repeat per call.
    const id = prefix + (ZEROS[12 - digits.length] ?? '') + digits;
    lastValidId = id;
    return id;
  };
}

/**
 * Puts the request's id on its reply (see outgoingHeadersOf for why not reply.header()): straight
 * into Node's store when it is known to be a valid header value (minted or accepted here, see
 * lastValidId), through reply.header(), which Node checks, otherwise.
 */
export function setRequestIdHeader(reply: FastifyReply, id: string): void {
  const headers = outgoingHeadersOf(reply);
  if (headers !== undefined && (id === lastValidId || VALID_REQUEST_ID.test(id))) headers['x-request-id'] = [REQUEST_ID_HEADER, id];
  else reply.header(REQUEST_ID_HEADER, id);
}
