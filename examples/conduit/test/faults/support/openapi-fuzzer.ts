import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** One request the fuzzer sends: already malformed in at least one place. */
export interface FuzzCase {
  operation: string;
  mutation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Real values the valid skeleton of each request uses, so malformed parts are reached past routing and auth. */
export interface FuzzContext {
  token: string;
  username: string;
  slug: string;
  commentId: number;
}

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; required?: string[]; $ref?: string; format?: string };
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
  $ref?: string;
}
interface Operation {
  method: string;
  template: string;
  parameters: Parameter[];
  body: Schema | undefined;
  secured: boolean;
}

/** A small seeded generator (mulberry32), so a failing run can be replayed from its printed seed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function resolve<T>(spec: any, node: T & { $ref?: string }): T {
  if (!node?.$ref) return node;
  const target = node.$ref.replace(/^#\//, '').split('/').reduce((value: any, key) => value?.[key], spec);
  return resolve(spec, target);
}

/** The operations of an OpenAPI 3 document, with $refs resolved. */
export function readOperations(specPath: string): Operation[] {
  const spec = parse(readFileSync(specPath, 'utf8'));
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries<any>(spec.paths)) {
    for (const method of ['get', 'post', 'put', 'delete']) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((parameter: Parameter) => resolve(spec, parameter));
      const requestBody = operation.requestBody ? resolve<any>(spec, operation.requestBody) : undefined;
      const bodySchema = requestBody?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        template,
        parameters,
        body: bodySchema ? expand(spec, bodySchema) : undefined,
        secured: Array.isArray(operation.security) && operation.security.length > 0,
      });
    }
  }
  return operations;
}

function expand(spec: any, schema: Schema, depth = 0): Schema {
  const resolved = resolve(spec, schema);
  if (depth > 6) return resolved;
  return {
    ...resolved,
    ...(resolved.properties
      ? { properties: Object.fromEntries(Object.entries(resolved.properties).map(([key, value]) => [key, expand(spec, value, depth + 1)])) }
      : {}),
    ...(resolved.items ? { items: expand(spec, resolved.items, depth + 1) } : {}),
  };
}

/** A valid value for a schema: the skeleton every mutation starts from. */
function valid(schema: Schema, name: string, context: FuzzContext): unknown {
  if (schema.type === 'object' || schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, valid(value, key, context)]));
  }
  if (schema.type === 'array') return ['fuzz'];
  if (schema.type === 'integer' || schema.type === 'number') return 1;
  if (schema.type === 'boolean') return true;
  if (name === 'email') return `fuzz-${Math.floor(Math.random() * 1e9)}@example.test`;
  if (name === 'password') return 'fuzz-password-1';
  if (name === 'username') return `fuzz${Math.floor(Math.random() * 1e9)}`;
  return 'fuzz value';
}

/** Every path to a leaf or object inside a valid body, so each field gets each hostile value. */
function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix.length > 0 ? [prefix] : [];
  const paths: string[][] = prefix.length > 0 ? [prefix] : [];
  for (const [key, child] of Object.entries(value)) paths.push(...fieldPaths(child, [...prefix, key]));
  return paths;
}

function setAt(value: unknown, path: string[], replacement: unknown, remove = false): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let cursor: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string, unknown>;
  const last = path.at(-1)!;
  if (remove) delete cursor[last];
  else cursor[last] = replacement;
  return copy;
}

let deep: unknown = 'bottom';
for (let level = 0; level < 64; level += 1) deep = { nested: deep };

/** Hostile values for a JSON field: wrong types, extremes, encodings, injection shapes. */
export const HOSTILE_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['number', 12345],
  ['negative', -1],
  ['huge number', 1e308],
  ['boolean', true],
  ['empty array', []],
  ['array of objects', [{ a: 1 }]],
  ['empty object', {}],
  ['empty string', ''],
  ['whitespace', '   \t\n '],
  ['NUL', 'a\u0000b'],
  ['only NUL', '\u0000'],
  ['lone surrogate', 'x\uD800y'],
  ['control characters', '\u0001\u0002\u001b[31m'],
  ['RTL and zero-width', '\u202Eabc\u200B'],
  ['emoji', '🐉'.repeat(50)],
  ['long string', 'x'.repeat(300_000)],
  ['medium string', 'y'.repeat(5_000)],
  ['sql injection', "' OR '1'='1'; DROP TABLE users; --"],
  ['template injection', '{{7*7}}${7*7}<%= 7*7 %>'],
  ['html', '<script>alert(1)</script>'],
  ['path traversal', '../../../../etc/passwd'],
  ['format string', '%s%s%s%n'],
  ['deep nesting', deep],
  ['many elements', Array.from({ length: 5000 }, (_, index) => `t${index}`)],
];

const HOSTILE_SEGMENTS: Array<[string, string]> = [
  ['NUL', 'a%00b'],
  ['bad percent-encoding', '%ZZ'],
  ['lone percent', '%'],
  ['encoded slash', 'a%2Fb'],
  ['dot segment', '..'],
  ['long', 'z'.repeat(10_000)],
  ['unicode', '%F0%9F%90%89'],
  ['invalid utf-8', '%C3%28'],
  ['overlong utf-8', '%C0%AF'],
  ['sql', "'%20OR%201=1--"],
  ['json', '%7B%22a%22:1%7D'],
  ['proto', '__proto__'],
  ['constructor', 'constructor'],
  ['space', '%20'],
];

const HOSTILE_NUMBERS = ['-1', '0', 'abc', '1e3', '99999999999999999999', '2147483648', '1.5', '0x10', '', 'NaN', 'Infinity', '%00'];

const HOSTILE_QUERIES: Array<[string, string]> = [
  ['limit negative', 'limit=-1'],
  ['limit huge', 'limit=1000000000'],
  ['limit text', 'limit=abc'],
  ['limit float', 'limit=1.5'],
  ['limit array', 'limit=1&limit=2'],
  ['offset negative', 'offset=-5'],
  ['offset huge', 'offset=99999999999999999999'],
  ['offset text', 'offset=%00'],
  ['tag NUL', 'tag=a%00b'],
  ['tag array', 'tag[]=a&tag[]=b'],
  ['tag long', `tag=${'t'.repeat(5000)}`],
  ['author object', 'author[x]=1'],
  ['favorited proto', '__proto__[polluted]=yes'],
  ['constructor proto', 'constructor[prototype][polluted]=yes'],
  ['cursor garbage', 'cursor=%%%'],
  ['cursor forged id', `cursor=${Buffer.from('2026-01-01T00:00:00.000Z|x').toString('base64url')}`],
  ['cursor forged date', `cursor=${Buffer.from('+275760-09-13T00:00:00.000Z|0a1b2c3d-0000-4000-8000-000000000001').toString('base64url')}`],
  ['cursor and offset', 'cursor=&offset=1'],
  ['duplicate keys', 'tag=a&tag=b&tag=c'],
];

const HOSTILE_AUTH: Array<[string, string]> = [
  ['no scheme', 'abc'],
  ['empty token', 'Token '],
  ['bearer', 'Bearer abc'],
  ['garbage jwt', 'Token a.b.c'],
  ['alg none', `Token ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`],
  ['long', `Token ${'a'.repeat(8000)}`],
  ['two tokens', 'Token a Token b'],
];

const RAW_BODIES: Array<[string, string]> = [
  ['truncated json', '{"user":'],
  ['json null', 'null'],
  ['json array', '[]'],
  ['json string', '"text"'],
  ['json number', '42'],
  ['proto key', '{"__proto__":{"polluted":"yes"},"user":{"__proto__":{"polluted":"yes"}},"article":{"__proto__":{"polluted":"yes"}}}'],
  ['constructor key', '{"constructor":{"prototype":{"polluted":"yes"}},"user":{"constructor":{"prototype":{"polluted":"yes"}}}}'],
  ['duplicate keys', '{"user":{"email":"a@b.c","email":"x"}}'],
  ['bom', '\uFEFF{"user":{}}'],
  ['comments', '{/* c */"user":{}}'],
  ['trailing comma', '{"user":{},}'],
  ['huge', `{"pad":"${'p'.repeat(400_000)}"}`],
];

function fillPath(template: string, context: FuzzContext, override?: { name: string; value: string }): string {
  const values: Record<string, string> = { slug: context.slug, username: context.username, id: String(context.commentId) };
  return `/api${template.replace(/\{(\w+)\}/g, (_, name: string) => (override?.name === name ? override.value : encodeURIComponent(values[name] ?? 'x')))}`;
}

/**
 * Systematic cases (every operation x every field x every hostile value, every path parameter,
 * query and header mutation), then seeded random combinations of them until `total` is reached.
 */
export function generateCases(operations: Operation[], context: FuzzContext, total: number, random: () => number): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const auth = (operation: Operation): Record<string, string> => (operation.secured ? { authorization: `Token ${context.token}` } : {});
  const json: Record<string, string> = { 'content-type': 'application/json' };
  for (const operation of operations) {
    const name = `${operation.method} ${operation.template}`;
    const base = operation.body ? valid(operation.body, 'body', context) : undefined;
    const path = fillPath(operation.template, context);
    const send = (mutation: string, overrides: Partial<FuzzCase>) =>
      cases.push({ operation: name, mutation, method: operation.method, path, headers: { ...auth(operation), ...(base === undefined ? {} : json) }, ...(base === undefined ? {} : { body: JSON.stringify(base) }), ...overrides });
    if (base !== undefined) {
      for (const field of fieldPaths(base)) {
        for (const [label, value] of HOSTILE_VALUES) send(`${field.join('.')} = ${label}`, { body: JSON.stringify(setAt(base, field, value)) });
        send(`${field.join('.')} missing`, { body: JSON.stringify(setAt(base, field, undefined, true)) });
      }
      for (const [label, raw] of RAW_BODIES) send(`body: ${label}`, { body: raw });
      send('content-type text/plain', { headers: { ...auth(operation), 'content-type': 'text/plain' } });
      send('content-type form', { headers: { ...auth(operation), 'content-type': 'application/x-www-form-urlencoded' }, body: 'user[email]=a' });
      send('no body', { headers: { ...auth(operation), ...json }, body: '' });
    }
    for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'path')) {
      const values = parameter.name === 'id' ? HOSTILE_NUMBERS.map((value): [string, string] => [value || 'empty', value]) : HOSTILE_SEGMENTS;
      for (const [label, value] of values) send(`path ${parameter.name} = ${label}`, { path: fillPath(operation.template, context, { name: parameter.name, value }) });
    }
    if (operation.method === 'GET') for (const [label, query] of HOSTILE_QUERIES) send(`query ${label}`, { path: `${path}?${query}` });
    for (const [label, header] of HOSTILE_AUTH) send(`authorization ${label}`, { headers: { ...(base === undefined ? {} : json), authorization: header } });
    send('x-request-id hostile', { headers: { ...auth(operation), 'x-request-id': 'x'.repeat(500) } });
  }
  const systematic = cases.length;
  // Random combinations: a hostile field value together with a hostile path, query or header.
  while (cases.length < total) {
    const first = cases[Math.floor(random() * systematic)]!;
    const second = cases[Math.floor(random() * systematic)]!;
    if (first.operation !== second.operation) continue;
    cases.push({ ...first, mutation: `${first.mutation} + ${second.mutation}`, path: second.path !== first.path ? second.path : first.path, headers: { ...first.headers, ...second.headers } });
  }
  return cases;
}
