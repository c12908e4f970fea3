import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addToProject, generateProject, ScaffoldError, type NewProjectOptions } from '../src/index.js';
import { listFiles } from '../src/fs-utils.js';
import { REPO_ROOT, tempProjectDir } from './helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function generate(overrides: Partial<NewProjectOptions> = {}) {
  const { dir, remove } = await tempProjectDir('gen');
  cleanups.push(remove);
  const result = await generateProject({
    targetDir: dir,
    name: 'billing-api',
    framework: 'fastify',
    database: { kind: 'pglite' },
    features: { cqrs: false, queue: true },
    ...overrides,
  });
  const read = (path: string) => readFile(join(dir, path), 'utf8');
  return { dir, result, read };
}

describe('templates', () => {
  const templates = join(REPO_ROOT, 'templates');

  it('list only feature files that exist, so a rename cannot leak a feature into every project', async () => {
    const manifest = JSON.parse(await readFile(join(templates, 'fastify/strata.template.json'), 'utf8'));
    for (const spec of Object.values(manifest.features) as { files: string[] }[]) {
      for (const file of spec.files) expect(existsSync(join(templates, 'fastify', file)), file).toBe(true);
    }
  });

  it('let the Express overlay replace only the HTTP adapter', async () => {
    const overlay = (await listFiles(join(templates, 'express'))).filter((file) => file !== 'strata.overlay.json');
    expect(overlay).toEqual(['src/shared/interfaces/http/server.ts.tpl']);
    expect(existsSync(join(templates, 'fastify', overlay[0]!.replace(/\.tpl$/, '')))).toBe(true);
  });
});

describe('generateProject', () => {
  it('writes a complete project with dotfiles renamed and the template metadata left out', async () => {
    const { result } = await generate();
    expect(result.files).toEqual(expect.arrayContaining([
      '.dockerignore', '.env.example', '.github/workflows/ci.yml', '.gitignore', 'Dockerfile', 'README.md', 'docker-compose.yml',
      'migrations/0001_identity.sql', 'package.json', 'src/bootstrap/container.ts', 'src/config/env.ts', 'src/main.ts', 'src/bootstrap/migrate.ts',
      'src/shared/interfaces/http/server.ts', 'test/integration/auth-http.test.ts', 'tsconfig.json', 'vitest.config.ts',
    ]));
    expect(result.files.some((file) => file.includes('strata.template') || file.startsWith('_') || file.includes('/_'))).toBe(false);
  });

  it('replaces the template name everywhere and leaves no feature markers', async () => {
    const { result, read } = await generate();
    const pkg = JSON.parse(await read('package.json'));
    expect(pkg.name).toBe('billing-api');
    for (const file of result.files) {
      const text = await read(file);
      expect(text, file).not.toContain('strata-template');
      expect(text, file).not.toMatch(/strata:(cqrs|queue):/);
    }
    expect(await read('src/config/env.ts')).toContain("SERVICE_NAME = 'billing-api'");
  });

  it('leaves the CQRS read model out by default and keeps the queue', async () => {
    const { result, read } = await generate();
    expect(result.files).not.toContain('migrations/0003_invoice_stats.sql');
    expect(result.files).toContain('src/shared/infrastructure/queue/bullmq-queue.ts');
    expect(await read('src/bootstrap/modules/invoices.ts')).not.toContain('Stats');
    const readme = await read('README.md');
    expect(readme).toContain('**No CQRS read model**');
    expect(readme).toContain('**Job queue**');
    expect(readme).not.toContain('strata:');
    expect(JSON.parse(await read('package.json')).dependencies).toHaveProperty('bullmq');
  });

  it('without a queue, publishes events inline and drops BullMQ', async () => {
    const { result, read } = await generate({ features: { cqrs: true, queue: false } });
    expect(result.files).toContain('migrations/0003_invoice_stats.sql');
    expect(result.files.some((file) => file.includes('/queue/'))).toBe(false);
    const container = await read('src/bootstrap/container.ts');
    expect(container).toContain('const delivery = new InlineEventPublisher(eventHandlers, logger);');
    expect(container).not.toContain('QueuedEventPublisher');
    expect(JSON.parse(await read('package.json')).dependencies).not.toHaveProperty('bullmq');
  });

  it('lays the Express overlay over the shared code', async () => {
    const { read } = await generate({ framework: 'express' });
    const pkg = JSON.parse(await read('package.json'));
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(['express', 'express-rate-limit', 'helmet', 'cors', 'pino-http']));
    expect(Object.keys(pkg.dependencies).some((name) => name.includes('fastify'))).toBe(false);
    expect(await read('src/shared/interfaces/http/server.ts')).toContain("from 'express'");
    // The route tables and controllers are the shared ones.
    expect(await read('src/modules/invoices/interfaces/http/routes.ts')).not.toMatch(/express|fastify/i);
  });

  it('writes DATABASE_URL to .env and loads it in the run scripts when PostgreSQL is chosen', async () => {
    const { read } = await generate({ database: { kind: 'postgres', url: 'postgres://app@db:5432/app' } });
    expect(await read('.env')).toContain('DATABASE_URL=postgres://app@db:5432/app');
    const { scripts } = JSON.parse(await read('package.json'));
    expect(scripts.start).toBe('node --env-file=.env dist/main.js');
    expect(scripts.test).toBe('vitest run');
  });

  it('refuses a non-empty directory unless forced', async () => {
    const { dir, remove } = await tempProjectDir('occupied');
    cleanups.push(remove);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const options: NewProjectOptions = { targetDir: dir, framework: 'fastify', database: { kind: 'pglite' }, features: { cqrs: false, queue: true } };
    await expect(generateProject(options)).rejects.toMatchObject({ code: 'TARGET_NOT_EMPTY' });
    await expect(generateProject({ ...options, force: true })).resolves.toMatchObject({ name: expect.stringMatching(/^occupied-/) });
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('addToProject', () => {
  it('registers a module at the composition-root anchors and refuses to overwrite it', async () => {
    const { dir, read } = await generate();
    const added = await addToProject({ root: dir, kind: 'module', name: 'projects' });
    expect(added.updated).toEqual(['src/bootstrap/container.ts']);
    expect(added.written).toContain('src/modules/projects/domain/entities/project.ts');
    expect(added.written).toContain('migrations/0005_projects.sql');
    const container = await read('src/bootstrap/container.ts');
    expect(container).toContain("import { wireProjects } from './modules/projects.js';");
    expect(container).toMatch(/wireProjects\(kernel\),\n\s+\/\/ strata:register-modules/);
    await expect(addToProject({ root: dir, kind: 'module', name: 'projects' })).rejects.toBeInstanceOf(ScaffoldError);
  });

  it('adds a route with its use case and wires both in the module', async () => {
    const { dir, read } = await generate();
    const added = await addToProject({ root: dir, kind: 'route', name: 'send-reminder', module: 'invoices', method: 'POST' });
    expect(added.written).toEqual([
      'src/modules/invoices/application/use-cases/send-reminder.ts',
      'src/modules/invoices/interfaces/http/send-reminder.route.ts',
      'test/integration/invoices-send-reminder-route.test.ts',
      'test/unit/invoices/send-reminder.test.ts',
    ]);
    const wiring = await read('src/bootstrap/modules/invoices.ts');
    expect(wiring).toContain('const sendReminder = new SendReminder(kernel.clock);');
    expect(wiring).toContain('routes.push(sendReminderRoute(sendReminder));');
  });

  it('needs an existing module and a generated project', async () => {
    const { dir } = await generate();
    await expect(addToProject({ root: dir, kind: 'entity', name: 'x', module: 'nope' })).rejects.toMatchObject({ code: 'UNKNOWN_MODULE' });
    await expect(addToProject({ root: join(dir, 'src'), kind: 'module', name: 'x' })).rejects.toMatchObject({ code: 'NOT_A_STRATA_PROJECT' });
  });
});
