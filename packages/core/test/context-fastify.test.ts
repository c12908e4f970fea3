import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import type { ProjectContext } from '../src/types.js';
import { makeRepo } from './helpers/temp-repo.js';

const contextOf = async (files: Record<string, string>): Promise<ProjectContext> => (await analyze({ root: makeRepo(files), cache: false })).context;
const fastifyManifest = (extra: Record<string, string> = {}) => JSON.stringify({ name: 'api', type: 'module', dependencies: { fastify: '^5', ...extra } });

describe("context: Fastify's own logger and schemas", () => {
  it('counts the Pino that Fastify ships with, from its logger option', async () => {
    const context = await contextOf({
      'package.json': fastifyManifest(),
      'src/app.ts': "import Fastify from 'fastify';\nexport const app = Fastify({ logger: { level: 'info' } });\n",
    });
    expect(context.loggers).toEqual([{ name: 'Pino (Fastify built-in)', evidence: 'logger option in src/app.ts' }]);
  });

  it('counts it when Fastify is present and the logger option is not in sight, and not when it is switched off', async () => {
    const implicit = await contextOf({ 'package.json': fastifyManifest(), 'src/app.js': "import Fastify from 'fastify';\nexport const app = Fastify(options);\n" });
    expect(implicit.loggers).toEqual([{ name: 'Pino (Fastify built-in)', evidence: 'fastify in package.json (Fastify logs through Pino)' }]);
    const off = await contextOf({ 'package.json': fastifyManifest(), 'src/app.js': "import Fastify from 'fastify';\nexport const app = Fastify({ logger: false });\n" });
    expect(off.loggers).toEqual([]);
  });

  it('names Pino once when the service also depends on pino', async () => {
    const context = await contextOf({ 'package.json': fastifyManifest({ pino: '^9' }), 'src/app.js': "import Fastify from 'fastify';\nexport const app = Fastify({ logger: true });\n" });
    expect(context.loggers).toEqual([{ name: 'Pino', evidence: 'pino in package.json' }]);
  });

  it('reads route schemas as validation, in source files only', async () => {
    const context = await contextOf({
      'package.json': fastifyManifest(),
      'src/routes/orders.ts': [
        'export default async function routes(app: any) {',
        "  app.post('/orders', { schema: { body: { type: 'object', required: ['sku'] } } }, async () => ({}));",
        "  app.route({ method: 'GET', url: '/orders/:id', schema: { params: { type: 'object' } }, handler: async () => ({}) });",
        "  app.get('/orders', async () => []);",
        '}',
        '',
      ].join('\n'),
      'test/orders.test.ts': "import Fastify from 'fastify';\nconst app = Fastify();\napp.post('/echo', { schema: { body: {} } }, async (request: any) => request.body);\n",
    });
    expect(context.validation).toEqual([{ name: 'JSON Schema (Fastify route schemas)', evidence: 'schema option on 2 routes' }]);
  });
});
