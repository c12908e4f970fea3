import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { RouteInfo } from '@strata/core';
import { MAX_DISCOVERED_ROUTES, probeRoutesFrom } from '../src/commands/probe-routes.js';
import { runCli } from './run-cli.js';

const route = (method: string, path: string): RouteInfo => ({ method, path, handler: '<anonymous>', file: 'src/app.ts', line: 1, middleware: [], validation: null, auth: null });

describe('routes strata probe loads by default', () => {
  it('takes GET routes without parameters, the service before its operational endpoints, five at most', () => {
    const routes = [route('GET', '/health'), route('POST', '/orders'), route('GET', '/orders'), route('GET', '/orders/:id'), route('GET', '/metrics'), route('GET', '/orders'), route('GET', '/reports/*')];
    expect(probeRoutesFrom(routes)).toEqual([{ method: 'GET', path: '/orders' }, { method: 'GET', path: '/health' }, { method: 'GET', path: '/metrics' }]);
    const many = Array.from({ length: 9 }, (_, index) => route('GET', `/r${index}`));
    expect(probeRoutesFrom(many)).toHaveLength(MAX_DISCOVERED_ROUTES);
    expect(probeRoutesFrom([route('GET', '/users/:id')])).toEqual([]);
  });

  // Written inside the repository so that the service resolves fastify from the one root install.
  const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const scratch = path.join(repositoryRoot, '.tmp');
  mkdirSync(scratch, { recursive: true });
  const service = mkdtempSync(path.join(scratch, 'probe-routes-'));
  afterAll(() => rmSync(service, { recursive: true, force: true }));

  it('loads the routes the review engine found in the service it starts', async () => {
    writeFileSync(path.join(service, 'package.json'), JSON.stringify({ name: 'probed', type: 'module', dependencies: { fastify: '^5.0.0' } }));
    writeFileSync(
      path.join(service, 'server.mjs'),
      `import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/health', async () => ({ ok: true }));\napp.get('/orders', async () => [{ id: 1 }]);\napp.get('/orders/:id', async (request) => ({ id: request.params.id }));\nawait app.listen({ port: 0, host: '127.0.0.1' });\n`,
    );
    const run = await runCli(['probe', '--duration', '1', '--connections', '2', '--format', 'json', '--', process.execPath, 'server.mjs'], service);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('loading /orders, /health (GET routes the review found; --routes chooses others)');
    const report = JSON.parse(run.stdout) as { routes: { route: string; requests: number }[] };
    expect(report.routes.map((entry) => entry.route).sort()).toEqual(['GET /health', 'GET /orders']);
    expect(report.routes.every((entry) => entry.requests > 0)).toBe(true);
  }, 60_000);
});
