import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzz, readSpec } from '../support/openapi-fuzzer.js';
import { sendRaw } from '../support/raw-http.js';
import { signUp, startTestApp, type TestApp } from '../support/test-app.js';

const SPEC = readSpec(new URL('../../openapi.json', import.meta.url));
// A few hundred on every `npm test`; the fault suite sends thousands (FUZZ_INPUTS).
const INPUTS = Number(process.env.FUZZ_INPUTS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 18);

/** Own property names of the built-in prototypes a polluting payload would reach. */
function prototypeShape(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype].flatMap((proto) => Object.getOwnPropertyNames(proto)).sort();
}

describe('the service against its own OpenAPI spec', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ RATE_LIMIT_MAX: 1_000_000, AUTH_RATE_LIMIT_MAX: 1_000_000 });
  });
  afterAll(() => api.close());

  it('serves every operation the spec lists (features left out of a project excepted)', () => {
    const served = new Set(api.app.container.routes.map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`));
    for (const path of ['/health/live', '/health/ready', '/metrics']) served.add(`GET ${path}`);
    const listed = Object.entries(SPEC.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => !('x-strata-feature' in operation) || served.has(`${'GET'} ${path}`))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(listed.filter((operation) => !served.has(operation))).toEqual([]);
  });

  it(`answers ${INPUTS} malformed requests with 4xx in the error format: no 500, no stack, no prototype pollution`, { timeout: 600_000 }, async () => {
    const { accessToken } = await signUp(api);
    const before = prototypeShape();
    const figures = await fuzz({ spec: SPEC, send: (request) => sendRaw(api.app.url, request), token: accessToken, inputs: INPUTS, seed: SEED });
    process.stdout.write(`openapi fuzz: ${figures.inputs} inputs tried (seed ${SEED}), answers by status ${JSON.stringify(figures.byStatus)}, broken: ${figures.failures.length}\n`);
    for (const failure of figures.failures.slice(0, 20)) {
      const { method, path, headers, body } = failure.request;
      process.stdout.write(`  broken: ${method} ${path.slice(0, 120)} ${JSON.stringify(headers).slice(0, 200)} body=${JSON.stringify(body?.slice(0, 80))} -> ${failure.text.slice(0, 160)}\n`);
    }
    expect(figures.failures.slice(0, 5)).toEqual([]);
    expect(figures.inputs).toBe(INPUTS);
    expect(prototypeShape()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
