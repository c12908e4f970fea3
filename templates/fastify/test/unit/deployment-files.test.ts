import { readdir, readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';

// No container engine runs in CI here, so the deployment files are checked for the properties that matter.
const read = (file: string) => readFile(new URL(`../../${file}`, import.meta.url), 'utf8');

describe('Dockerfile', () => {
  it('builds in one stage and runs production dependencies only, as a non-root user, in another', async () => {
    const dockerfile = await read('Dockerfile');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist/m);
    expect(dockerfile).not.toMatch(/COPY .*node_modules/);
    // exec form, so SIGTERM reaches node and graceful shutdown runs
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
  });
});

describe('docker-compose.yml', () => {
  it('runs the app against PostgreSQL and Redis, both health-checked, with migrations as a release step', async () => {
    const compose = await read('docker-compose.yml');
    for (const service of ['app', 'migrate', 'postgres', 'redis']) expect(compose).toMatch(new RegExp(`^  ${service}:$`, 'm'));
    expect(compose.match(/healthcheck:/g)).toHaveLength(2);
    expect(compose).toContain('condition: service_completed_successfully');
    expect(compose).toContain('DATABASE_URL: postgres://');
    expect(compose).toContain('REDIS_URL: redis://');
  });
});

/** The `environment:` of one compose service, with `${VAR:?…}` and `${VAR:-default}` filled in. */
function composeEnvironment(compose: string, service: string): Record<string, string> {
  const block = compose.split(/^  (?=\w[\w-]*:$)/m).find((part) => part.startsWith(`${service}:`)) ?? '';
  const section = /^    environment:\n((?: {6}.*\n?)*)/m.exec(block)?.[1] ?? '';
  const entries = [...section.matchAll(/^ {6}(\w+): "?([^"\n]*)"?$/gm)].map(([, key, value]) => [
    key!,
    value!.replace(/\$\{JWT_SECRET:\?[^}]*\}/, randomBytes(32).toString('base64')).replace(/\$\{\w+:-([^}]*)\}/g, '$1'),
  ]);
  return Object.fromEntries(entries);
}

describe('docker-compose.yml environments', () => {
  it('start in production: every service running the image passes the production config checks', async () => {
    const compose = await read('docker-compose.yml');
    for (const service of ['app', 'migrate']) {
      const env = composeEnvironment(compose, service);
      expect(env.NODE_ENV, service).toBe('production');
      expect(() => loadConfig(env), service).not.toThrow();
    }
  });
});

describe('migrations', () => {
  it('match the file naming the migrator applies', async () => {
    const files = await readdir(new URL('../../migrations/', import.meta.url));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file).toMatch(/^\d{4}_[a-z0-9_]+\.sql$/);
  });
});
