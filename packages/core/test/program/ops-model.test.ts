import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../../src/analyze.js';
import { ProgramModels } from '../../src/program/models.js';
import { processListeners } from '../../src/program/ops/process-events.js';
import { filesOfService, serviceEntries } from '../../src/program/ops/services.js';
import { shutdownSetups } from '../../src/program/ops/shutdown.js';

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

/** The project and its program models for files written to a temporary folder (package.json files included as given). */
async function modelsOf(files: Record<string, string>) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'strata-ops-'));
  roots.push(root);
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), content);
  }
  const { project } = await analyzeProject({ root, cache: false });
  return { project, models: new ProgramModels(project) };
}

const manifest = (name: string, dependencies: Record<string, string>, extra: object = {}) => JSON.stringify({ name, type: 'module', dependencies, ...extra });

describe('operations model: services, process listeners, shutdown set-ups', () => {
  it('finds where Koa, Node http and Hapi servers start listening, and leaves out dev-only branches, scripts and non-HTTP servers', async () => {
    const { project, models } = await modelsOf({
      'package.json': manifest('svc', { koa: '^2.15.0', '@hapi/hapi': '^21.0.0', 'smtp-server': '^3.13.0' }),
      'src/koa.ts': `import Koa from 'koa';\nconst app = new Koa();\napp.listen(3000);\n`,
      'src/http.ts': `import http from 'node:http';\nconst server = http.createServer((req, res) => res.end('ok'));\nif (process.env.NODE_ENV === 'development') server.listen(4000);\nserver.listen(3001);\n`,
      'src/hapi.ts': `import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3002 });\nawait server.start();\n`,
      'src/mail.ts': `import { SMTPServer } from 'smtp-server';\nnew SMTPServer({}).listen(2525);\n`,
      'scripts/mock.ts': `import http from 'node:http';\nhttp.createServer().listen(9999);\n`,
    });
    expect(serviceEntries(models, project).map((entry) => `${entry.server} ${entry.file}:${entry.line}`).sort()).toEqual(['hapi src/hapi.ts:3', 'koa src/koa.ts:3', 'node:http src/http.ts:4']);
  });

  it('reads process listeners by literal, constant and loop over a list of signals, and shutdown set-ups by library', async () => {
    const { models } = await modelsOf({
      'package.json': manifest('svc', { express: '^4.21.0', 'http-graceful-shutdown': '^3.1.0', lightship: '^9.0.0' }),
      'src/process.ts': `const EVENT = 'uncaughtException';\nprocess.on(EVENT, () => process.exit(1));\nprocess.once('unhandledRejection', (reason) => console.error(reason));\nfor (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));\nconst name = String(Date.now());\nprocess.on(name, () => {});\n`,
      'src/shutdown.ts': `import gracefulShutdown from 'http-graceful-shutdown';\nimport { createLightship } from 'lightship';\nimport express from 'express';\nconst server = express().listen(3000);\ngracefulShutdown(server);\nawait createLightship();\n`,
    });
    expect(processListeners(models).map((listener) => `${listener.event} ${listener.file}:${listener.line}${listener.handler ? '' : ' (no handler)'}`)).toEqual([
      'uncaughtException src/process.ts:2',
      'unhandledRejection src/process.ts:3',
      'SIGTERM src/process.ts:4',
      'SIGINT src/process.ts:4',
      '? src/process.ts:6',
    ]);
    expect(shutdownSetups(models).map((setup) => `${setup.library} ${setup.file}:${setup.line}`)).toEqual(['http-graceful-shutdown src/shutdown.ts:5', 'lightship src/shutdown.ts:6']);
  });

  it('counts as the files of a service its package and the workspace packages it imports by name, not a sibling service', async () => {
    const { project, models } = await modelsOf({
      'package.json': manifest('root', {}, { workspaces: ['services/*', 'libs/*'] }),
      'services/api/package.json': manifest('api', { express: '^4.21.0', '@acme/errors': '*' }),
      'services/api/src/server.ts': `import express from 'express';\nimport { install } from '@acme/errors';\ninstall();\nexpress().listen(3000);\n`,
      'libs/errors/package.json': manifest('@acme/errors', {}, { main: 'src/index.ts' }),
      'libs/errors/src/index.ts': `export function install() {\n  process.on('unhandledRejection', () => process.exit(1));\n}\n`,
      'services/worker/package.json': manifest('worker', { express: '^4.21.0' }),
      'services/worker/src/server.ts': `import express from 'express';\nexpress().listen(3001);\n`,
    });
    const [api] = serviceEntries(models, project).filter((entry) => entry.packageDir === 'services/api');
    expect(api).toBeDefined();
    expect([...filesOfService(models, project, 'services/api')].sort()).toEqual(['libs/errors/src/index.ts', 'services/api/src/server.ts']);
  });
});
