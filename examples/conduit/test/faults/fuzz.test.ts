import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCases, readOperations, seeded, type FuzzCase } from './support/openapi-fuzzer.js';
import { DATABASE_URL, migrateRunDatabase, redisPrefix, REDIS_URL, uniqueName } from './support/resources.js';
import { call, isErrorBody, ServiceProcess } from './support/service-process.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The official RealWorld spec, vendored beside its Postman collection; REALWORLD_OPENAPI overrides. */
const SPEC = process.env.REALWORLD_OPENAPI ?? path.resolve(here, '../realworld/openapi.yml');
const TOTAL = Number(process.env.FUZZ_CASES ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const CONCURRENCY = 8;

interface Verdict {
  fuzzCase: FuzzCase;
  status: number;
  problem?: string;
}

async function send(base: string, fuzzCase: FuzzCase): Promise<Verdict | undefined> {
  let response: Response;
  try {
    response = await fetch(`${base}${fuzzCase.path}`, {
      method: fuzzCase.method,
      headers: fuzzCase.headers,
      ...(fuzzCase.body === undefined ? {} : { body: fuzzCase.body }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    // fetch itself refuses some inputs (a header it cannot encode): not sent, not counted.
    if (error instanceof TypeError && !String(error.cause ?? '').includes('ECONN')) return undefined;
    return { fuzzCase, status: 0, problem: `no response: ${String((error as Error).cause ?? error)}` };
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  if (response.status >= 500) return { fuzzCase, status: response.status, problem: `server error: ${text.slice(0, 300)}` };
  if (response.status >= 400 && !isErrorBody(body)) return { fuzzCase, status: response.status, problem: `not the error format: ${text.slice(0, 300)}` };
  if (/polluted/.test(text)) return { fuzzCase, status: response.status, problem: 'a polluted property came back in the response' };
  return { fuzzCase, status: response.status };
}

describe('OpenAPI-driven fuzzing of the RealWorld API', () => {
  let service: ServiceProcess;

  beforeAll(async () => {
    if (!existsSync(SPEC)) throw new Error(`the RealWorld OpenAPI spec is not at ${SPEC}: set REALWORLD_OPENAPI to its path`);
    await migrateRunDatabase();
    service = await ServiceProcess.start(
      { DATABASE_URL, REDIS_URL, REDIS_KEY_PREFIX: redisPrefix(), LOG_LEVEL: 'warn', CORS_ORIGIN: 'https://app.example.test' },
      { preload: path.join(here, 'support/pollution-sentinel.mjs') },
    );
  });
  afterAll(() => service?.stop());

  it(`answers thousands of malformed requests with 4xx in the error format: no 500, no stack, no prototype pollution`, async () => {
    const name = uniqueName('fuzz');
    const user = await call(service.url, 'POST', '/api/users', { body: { user: { username: name, email: `${name}@example.test`, password: 'correct-horse' } } });
    const token = user.body.user.token as string;
    const article = await call(service.url, 'POST', '/api/articles', { token, body: { article: { title: 'Fuzz target', description: 'd', body: 'b', tagList: ['fuzz'] } } });
    const comment = await call(service.url, 'POST', `/api/articles/${article.body.article.slug}/comments`, { token, body: { comment: { body: 'c' } } });
    const operations = readOperations(SPEC);
    const cases = generateCases(operations, { token, username: name, slug: article.body.article.slug, commentId: comment.body.comment.id }, TOTAL, seeded(SEED));

    const verdicts: Verdict[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < cases.length) {
          const verdict = await send(service.url, cases[next++]!);
          if (verdict) verdicts.push(verdict);
        }
      }),
    );

    // The service still works, and nothing it returns carries a polluted property.
    const after = await call(service.url, 'GET', '/api/user', { token });
    expect(after.status).toBe(200);
    expect(Object.keys(after.body.user).sort()).toEqual(['bio', 'email', 'image', 'token', 'username']);
    await service.stop();
    const report = /POLLUTION-REPORT (.*)/.exec(service.stderr)?.[1];

    const problems = verdicts.filter((verdict) => verdict.problem);
    const byClass = verdicts.reduce<Record<string, number>>((counts, verdict) => {
      const key = `${Math.floor(verdict.status / 100)}xx`;
      counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    }, {});
    // Accepted cases are inputs that are valid once normalised (HTML in a bio is text, unknown fields
    // are stripped, a hostile x-request-id is replaced): listed so a reader can judge each kind.
    const accepted = new Map<string, number>();
    for (const verdict of verdicts.filter((candidate) => candidate.status < 300)) {
      const kind = verdict.fuzzCase.mutation.split(' + ')[0]!.replace(/^[\w.]+ = /, '');
      accepted.set(kind, (accepted.get(kind) ?? 0) + 1);
    }
    const topAccepted = [...accepted].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([kind, count]) => `${kind} ${count}`);
    process.stdout.write(
      `[faults] fuzzer (seed ${SEED}): ${operations.length} operations, ${cases.length} malformed requests generated, ${verdicts.length} sent; ` +
        `responses ${JSON.stringify(byClass)}; 5xx/unformatted/stack ${problems.length}; prototype additions ${report}; most accepted: ${topAccepted.join(', ')}\n`,
    );
    expect(problems.map((problem) => `${problem.fuzzCase.operation} [${problem.fuzzCase.mutation}] -> ${problem.status} ${problem.problem}`).slice(0, 20)).toEqual([]);
    expect(verdicts.length).toBeGreaterThan(TOTAL * 0.95);
    expect(report).toBe('{}');
    expect(service.errors()).toEqual([]);
    expect(service.stray).toEqual([]);
    expect(service.stderr.replace(/POLLUTION-REPORT .*\n/, '')).toBe('');
    // Thousands of requests, a fifth of them through scrypt (register, login, password change), on a shared 2-core box.
  }, 400_000);
});
