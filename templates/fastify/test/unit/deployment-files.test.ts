import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

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

describe('migrations', () => {
  it('match the file naming the migrator applies', async () => {
    const files = await readdir(new URL('../../migrations/', import.meta.url));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file).toMatch(/^\d{4}_[a-z0-9_]+\.sql$/);
  });
});
