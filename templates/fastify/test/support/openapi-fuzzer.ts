import { readFileSync } from 'node:fs';

/** The parts of an OpenAPI 3.1 document the fuzzer reads. */
interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: string[];
  format?: string;
  minLength?: number;
  minimum?: number;
}
interface Operation {
  security?: unknown[];
  parameters?: { name: string; in: 'path' | 'query'; schema: Schema }[];
  requestBody?: { content: { 'application/json': { schema: Schema } } };
}
export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FuzzResponse {
  status: number;
  contentType: string;
  text: string;
}

export interface FuzzFigures {
  inputs: number;
  byStatus: Record<string, number>;
  /** Requests whose answer broke a promise: a 5xx, a body outside the error format, a stack trace. */
  failures: { request: FuzzRequest; status: number; text: string }[];
}

export function readSpec(url: URL): OpenApi {
  return JSON.parse(readFileSync(url, 'utf8')) as OpenApi;
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values that have broken validators, drivers and serialisers: each is a JSON text fragment. */
const HOSTILE_JSON = [
  'null', 'true', '0', '-0', '-1', '2147483648', '9007199254740993', '1e309', '-1e309', '0.1', '"NaN"', '""',
  '"\\u0000"', '"a\\u0000b"', '"\\ud800"', '"\\udfff\\ud800"', '"😀"', '"\\u202e\\u0041"', '"<script>alert(1)</script>"', `"' OR 1=1 --"`,
  '"%00"', '"${7*7}"', '"../../etc/passwd"', `"${'x'.repeat(70_000)}"`, '{}', '[]', '[null]', '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}', `${'['.repeat(5_000)}${']'.repeat(5_000)}`, `${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`,
  '"2030-02-30T25:61:00Z"', '"00000000-0000-0000-0000-000000000000"', '"ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ"',
];

/** Raw bodies that are not the JSON object a route expects. */
const HOSTILE_BODIES = [
  '', '{', '{"a":', '}', 'null', '[]', '"text"', '12', '\u0000', '{"__proto__":{"polluted":"yes"}}', '{"email":"a","email":{}}',
  `{"a":${'1'.repeat(400)}}`, '\ufeff{}', '{"a":"\\x00"}', '{"a":1,}', `{"k":"${'y'.repeat(1_100_000)}"}`,
];

/** Path and query values, already percent-encoded where they would be on the wire. */
const HOSTILE_SEGMENTS = [
  'not-a-uuid', '%00', 'a%00b', '%ZZ', '%', '%F0%28%8C%BC', '..%2F..%2Fetc%2Fpasswd', '__proto__', 'constructor', 'prototype',
  '1e309', '-0', '%E2%80%AE', 'x'.repeat(5_000), '00000000-0000-0000-0000-000000000000', '%25', '%20', "'%20OR%201=1",
];

const AUTH = (random: () => number, token: string): string | undefined => {
  const roll = random();
  if (roll < 0.6) return `Bearer ${token}`;
  if (roll < 0.7) return undefined;
  const forged = [`Bearer ${token}x`, 'Bearer a.b.c', 'Basic YTpi', 'Bearer', `Bearer ${'A'.repeat(10_000)}`,
    'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIiwicm9sZXMiOlsiYWRtaW4iXX0.', 'bearer  spaces  here'];
  return forged[Math.floor(random() * forged.length)];
};

function sample(schema: Schema, random: () => number): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'object') return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, child]) => [key, sample(child, random)]));
  if (schema.type === 'array') return [sample(schema.items ?? {}, random)];
  if (schema.type === 'integer') return Math.max(schema.minimum ?? 1, 1);
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000001';
  if (schema.format === 'email') return `fuzz-${Math.floor(random() * 1e9)}@example.test`;
  if (schema.minLength === 3) return 'EUR';
  return 'a valid looking value';
}

/** A JSON text of `value` with one property (at the top or one level down) replaced by a hostile fragment. */
function mutateBody(value: unknown, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const roll = random();
  if (roll < 0.15) return pick(HOSTILE_BODIES);
  const marker = '"__FUZZ_SLOT__"';
  const target = structuredClone(value) as Record<string, unknown>;
  const keys = Object.keys(target);
  if (roll < 0.25 && keys.length > 0) {
    delete target[pick(keys)];
    return JSON.stringify(target);
  }
  if (roll < 0.35) return JSON.stringify(target).replace(/}$/, `,"${pick(['__proto__', 'constructor', 'extra', 'role', 'ownerId'])}":${pick(HOSTILE_JSON)}}`);
  const key = keys.length > 0 ? pick(keys) : 'field';
  const nested = target[key];
  if (Array.isArray(nested) && nested[0] && typeof nested[0] === 'object' && random() < 0.5) {
    const inner = nested[0] as Record<string, unknown>;
    inner[pick(Object.keys(inner))] = '__FUZZ_SLOT__';
  } else {
    target[key] = '__FUZZ_SLOT__';
  }
  return JSON.stringify(target).replace(marker, pick(HOSTILE_JSON));
}

/** One malformed request for a random operation of the spec. */
export function malformedRequest(spec: OpenApi, random: () => number, token: string): FuzzRequest {
  const operations = Object.entries(spec.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));
  const { path, method, operation } = operations[Math.floor(random() * operations.length)]!;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let url = path;
  const query: string[] = [];
  for (const parameter of operation.parameters ?? []) {
    const hostile = random() < 0.7;
    const value = hostile ? pick(HOSTILE_SEGMENTS) : encodeURIComponent(String(sample(parameter.schema, random)));
    if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, value);
    else if (random() < 0.8) query.push(`${parameter.name}=${value}`);
  }
  if (random() < 0.2) query.push(pick(['__proto__[polluted]=yes', 'constructor[prototype][polluted]=yes', 'limit=1&limit=2', 'a=%00', `${'k'.repeat(2_000)}=1`]));
  const headers: Record<string, string> = {};
  const authorization = AUTH(random, token);
  if (authorization) headers.authorization = authorization;
  if (random() < 0.1) headers['x-request-id'] = pick(['\u00ff', 'a'.repeat(500), 'id with spaces', '../../', '%00']);
  const request: FuzzRequest = { method: method.toUpperCase(), path: query.length > 0 ? `${url}?${query.join('&')}` : url, headers };
  const schema = operation.requestBody?.content['application/json'].schema;
  if (schema || random() < 0.1) {
    request.body = mutateBody(sample(schema ?? { type: 'object', properties: {} }, random), random);
    headers['content-type'] = random() < 0.9 ? 'application/json' : pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/xml']);
  }
  return request;
}

const STACK = /\n\s+at |node_modules|\.ts:\d+/;

/** Whether a response keeps the service's promises: no 5xx, errors in the one format, no internals. */
export function brokenPromise(response: FuzzResponse): string | undefined {
  if (response.status === 0 || response.status >= 500) return `status ${response.status}`;
  if (STACK.test(response.text)) return 'stack trace or source path in the body';
  if (response.status >= 400) {
    if (!response.contentType.includes('application/json')) return `error body is ${response.contentType || 'untyped'}`;
    const body = JSON.parse(response.text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string') return 'error body outside the {"error":{code,message}} format';
  }
  return undefined;
}

/** Sends `inputs` malformed requests, `concurrency` at a time, and returns the figures. */
export async function fuzz(options: {
  spec: OpenApi;
  send: (request: FuzzRequest) => Promise<FuzzResponse>;
  token: string;
  inputs: number;
  seed: number;
  concurrency?: number;
}): Promise<FuzzFigures> {
  const random = seeded(options.seed);
  const figures: FuzzFigures = { inputs: 0, byStatus: {}, failures: [] };
  const requests = Array.from({ length: options.inputs }, () => malformedRequest(options.spec, random, options.token));
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      // A dropped connection is an answer too (a broken one): recorded, not thrown.
      const response = await options.send(request).catch((error: Error): FuzzResponse => ({ status: 0, contentType: '', text: `connection failed: ${error.message}` }));
      figures.inputs += 1;
      figures.byStatus[response.status] = (figures.byStatus[response.status] ?? 0) + 1;
      const broken = brokenPromise(response);
      if (broken) figures.failures.push({ request: { ...request, body: request.body?.slice(0, 300) }, status: response.status, text: `${broken}: ${response.text.slice(0, 300)}` });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return figures;
}
