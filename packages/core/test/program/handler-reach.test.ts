import { afterAll, describe, expect, it } from 'vitest';
import { callsInRequests, routeSuffix } from '../../src/program/handler-reach.js';
import type { ResolvedCall } from '../../src/program/call-graph.js';
import { EXPRESS, programModelsOf } from '../helpers/rule-tester.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** Three routes: two reach one shared helper (one of them through a wrapper), the third reaches its own. */
const FILES = {
  'src/app.ts': `import express from 'express';\nimport { reports } from './reports';\nconst app = express();\napp.use('/reports', reports);\nexport default app;\n`,
  'src/reports.ts': `import { Router } from 'express';\nimport { render, archive } from './render';\nconst catchAsync = (fn) => (req, res, next) => fn(req, res, next).catch(next);\nexport const reports = Router();\nreports.get('/:id', async (req, res) => { res.send(render(req.params.id)); });\nreports.get('/:id/pdf', catchAsync(async (req, res) => { res.send(render(req.params.id)); }));\nreports.post('/:id/archive', async (req, res) => { archive(req.params.id); res.end(); });\n`,
  'src/render.ts': `import fs from 'node:fs';\nimport zlib from 'node:zlib';\nexport function render(id: string) {\n  return fs.readFileSync('/templates/' + id, 'utf8');\n}\nexport function archive(id: string) {\n  return zlib.gzipSync(fs.readFileSync('/data/' + id));\n}\n`,
};

const named = (suffix: string) => (call: ResolvedCall) => call.callee?.entity.kind === 'external' && call.callee.entity.path.at(-1)?.endsWith(suffix) === true;

describe('calls in requests', () => {
  it('meets each call site once, with its first route, the other routes that reach it and the trace', async () => {
    const { models, cleanup } = await programModelsOf({ dependencies: EXPRESS, files: FILES });
    cleanups.push(cleanup);
    const reads = callsInRequests(models.routes, models.calls, named('readFileSync'));
    expect(reads.map((entry) => `${entry.call.file}:${entry.call.site.line} ${routeSuffix(entry)}`)).toEqual([
      'src/render.ts:4 GET /reports/:id (and 1 other route)',
      'src/render.ts:7 POST /reports/:id/archive',
    ]);
    expect(reads[0]!.trace.map((step) => step.message)).toEqual(['GET /reports/:id is handled by <anonymous>', 'calls render', 'calls fs.readFileSync']);
  });

  it('answers every rule from one walk, whatever each asks, and the same on every asking', async () => {
    const { models, cleanup } = await programModelsOf({ dependencies: EXPRESS, files: FILES });
    cleanups.push(cleanup);
    const gzip = callsInRequests(models.routes, models.calls, named('gzipSync'));
    expect(gzip.map((entry) => `${entry.call.site.text} ${routeSuffix(entry)}`)).toEqual(['zlib.gzipSync POST /reports/:id/archive']);
    const first = callsInRequests(models.routes, models.calls, named('Sync'));
    const again = callsInRequests(models.routes, models.calls, named('Sync'));
    expect(again).toEqual(first);
    expect(first.map((entry) => entry.call.site.text)).toEqual(['fs.readFileSync', 'zlib.gzipSync', 'fs.readFileSync']);
    // Entries are the caller's: changing one leaves the next rule's answer as it was.
    first[0]!.otherRoutes = 99;
    expect(callsInRequests(models.routes, models.calls, named('readFileSync'))[0]!.otherRoutes).toBe(1);
    // A narrower list of routes is walked on its own.
    const gets = models.routes.filter((route) => route.method === 'GET');
    expect(callsInRequests(gets, models.calls, named('Sync')).map((entry) => routeSuffix(entry))).toEqual(['GET /reports/:id (and 1 other route)']);
  });
});
