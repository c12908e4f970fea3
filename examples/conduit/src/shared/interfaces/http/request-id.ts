export const REQUEST_ID_HEADER = 'x-request-id';
const VALID_REQUEST_ID = /^[\w.-]{1,128}$/;

/** Trust an upstream request id only if it looks like one: it ends up in every log line of the request. */
export function acceptRequestId(header: unknown, generate: () => string): string {
  return typeof header === 'string' && VALID_REQUEST_ID.test(header) ? header : generate();
}
