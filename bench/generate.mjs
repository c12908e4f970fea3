#!/usr/bin/env node
// Deterministic generator of a synthetic Node.js backend monorepo for the Strata benchmark.
//
//   node bench/generate.mjs [--out <dir>] [--modules 5000] [--seed 1] [--no-git] [--force]
//
// The same seed and module count always write byte-identical files. The repository is an npm
// workspaces monorepo of TypeScript (NodeNext) workspace packages and Fastify/Express services with
// clean-architecture feature modules. It imports external packages (fastify, zod, drizzle-orm, pino…)
// that are NOT installed: there is no node_modules, as in a fresh clone, and both tools must cope.
//
// By default the output directory is made a git repository with one commit (`git init` + `git add`
// + `git commit`, deterministic author and date): real backends are git work trees, Strata's
// discovery is git-aware, and bench/.generated/ is git-ignored by the outer repository, so without
// its own .git the generated tree would look "ignored" to git-aware tools. `--no-git` skips this.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32) and helpers

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRandom(seed) {
  const next = mulberry32(seed);
  const rnd = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    sample: (list, count) => {
      const copy = [...list];
      const out = [];
      while (out.length < count && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      return out;
    },
  };
  return rnd;
}

const pascal = (s) => s.replace(/(^|[-_/])([a-z0-9])/g, (_, __, c) => c.toUpperCase());
const camel = (s) => {
  const p = pascal(s);
  return p[0].toLowerCase() + p.slice(1);
};

/** Relative specifier from one file to another, NodeNext style (`.ts` written as `.js`). */
function rel(fromFile, toFile, { keepExt = false } = {}) {
  let r = path.posix.relative(path.posix.dirname(fromFile), toFile);
  if (!r.startsWith('.')) r = `./${r}`;
  if (keepExt) return r;
  return r.replace(/\.ts$/, '.js');
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const SERVICES = [
  { name: 'orders', framework: 'fastify' },
  { name: 'billing', framework: 'fastify' },
  { name: 'catalog', framework: 'express' },
  { name: 'identity', framework: 'fastify' },
  { name: 'inventory', framework: 'express' },
  { name: 'shipping', framework: 'fastify' },
  { name: 'notifications', framework: 'fastify' },
  { name: 'payments', framework: 'express' },
  { name: 'search', framework: 'fastify' },
  { name: 'analytics', framework: 'express' },
];

const FEATURES = [
  'cart', 'checkout', 'invoice', 'customer', 'product', 'pricing', 'stock', 'warehouse', 'shipment', 'carrier',
  'refund', 'coupon', 'review', 'session', 'account', 'role', 'ledger', 'payout', 'subscription', 'plan',
  'report', 'export', 'webhook', 'audit', 'tenant', 'address', 'tax', 'discount', 'wishlist', 'recommendation',
  'catalogue', 'category', 'supplier', 'purchase', 'returns', 'loyalty', 'voucher', 'quote', 'contract', 'dispute',
  'settlement', 'fraud', 'notification', 'template', 'channel', 'segment', 'campaign', 'metric', 'dashboard', 'alert',
];

const ENTITY_SUFFIXES = ['', 'item', 'line', 'policy', 'snapshot', 'entry', 'rule', 'batch', 'request', 'record'];
const VERBS = ['create', 'get', 'list', 'update', 'delete', 'approve', 'cancel', 'archive', 'sync', 'recalculate'];
const VALUE_OBJECTS = ['money', 'email', 'quantity', 'period', 'status', 'reference', 'percentage', 'address-line', 'sku', 'currency'];

// ---------------------------------------------------------------------------------------------
// Bodies: realistic-looking TypeScript of 30–120 lines so that parsing costs what it costs in a real repo.

function methodBody(rnd, name, uses) {
  const lines = [];
  const u = uses.length ? rnd.pick(uses) : 'value';
  const kind = rnd.int(0, 4);
  if (kind === 0) {
    lines.push(`    if (!input) {`, `      throw new Error('${name}: missing input');`, `    }`);
    lines.push(`    const normalized = { ...input, updatedAt: this.clock.now() };`);
    lines.push(`    this.log('${name}', { id: normalized.id ?? null, source: '${u}' });`);
    lines.push(`    return normalized;`);
  } else if (kind === 1) {
    lines.push(`    const results: unknown[] = [];`);
    lines.push(`    for (const item of items ?? []) {`);
    lines.push(`      if (item === null || item === undefined) continue;`);
    lines.push(`      const mapped = typeof item === 'object' ? { ...item, tag: '${name}' } : { value: item };`);
    lines.push(`      results.push(mapped);`);
    lines.push(`    }`);
    lines.push(`    return results.length > ${rnd.int(1, 50)} ? results.slice(0, ${rnd.int(10, 100)}) : results;`);
  } else if (kind === 2) {
    lines.push(`    const started = Date.now();`);
    lines.push(`    try {`);
    lines.push(`      const outcome = await this.execute${pascal(name)}(input);`);
    lines.push(`      this.metrics.observe('${camel(name)}_ms', Date.now() - started);`);
    lines.push(`      return outcome;`);
    lines.push(`    } catch (error) {`);
    lines.push(`      this.log('${name} failed', { error: error instanceof Error ? error.message : String(error) });`);
    lines.push(`      throw error;`);
    lines.push(`    }`);
  } else if (kind === 3) {
    lines.push(`    switch (input?.status) {`);
    for (const s of rnd.sample(['draft', 'pending', 'active', 'suspended', 'closed', 'failed'], rnd.int(2, 4))) {
      lines.push(`      case '${s}':`, `        return { ok: true, next: '${s}', at: this.clock.now() };`);
    }
    lines.push(`      default:`, `        return { ok: false, reason: \`unexpected status \${String(input?.status)}\` };`);
    lines.push(`    }`);
  } else {
    lines.push(`    const total = (items ?? []).reduce((sum: number, entry: { amount?: number }) => sum + (entry.amount ?? 0), 0);`);
    lines.push(`    const rounded = Math.round(total * 100) / 100;`);
    lines.push(`    if (rounded < 0) {`, `      return { total: 0, warning: 'negative total clamped' };`, `    }`);
    lines.push(`    return { total: rounded, count: (items ?? []).length };`);
  }
  return lines;
}

function classBody(rnd, className, uses, { minMethods = 2, maxMethods = 8, extendsClause = '', implementsClause = '' } = {}) {
  const lines = [];
  lines.push(`export class ${className}${extendsClause}${implementsClause} {`);
  lines.push(`  private readonly clock = { now: () => new Date() };`);
  lines.push(`  private readonly metrics = { observe: (_name: string, _value: number) => undefined };`);
  lines.push('');
  lines.push(`  constructor(private readonly options: Record<string, unknown> = {}) {}`);
  lines.push('');
  const count = rnd.int(minMethods, maxMethods);
  for (let i = 0; i < count; i++) {
    const name = `${rnd.pick(VERBS)}${pascal(rnd.pick(ENTITY_SUFFIXES) || 'state')}${i}`;
    const body = methodBody(rnd, name, uses);
    const async = body.some((line) => line.includes('await ')) || rnd.chance(0.3);
    lines.push(`  ${async ? 'async ' : ''}${name}(input?: any, items?: any[]): ${async ? 'Promise<unknown>' : 'unknown'} {`);
    lines.push(...body);
    lines.push(`  }`);
    lines.push('');
  }
  lines.push(`  protected log(message: string, fields: Record<string, unknown> = {}): void {`);
  lines.push(`    if (this.options.silent) return;`);
  lines.push(`    console.debug(JSON.stringify({ message, scope: '${className}', ...fields }));`);
  lines.push(`  }`);
  lines.push(`}`);
  return lines;
}

function helperFunctions(rnd, prefix, count) {
  const lines = [];
  for (let i = 0; i < count; i++) {
    const name = `${prefix}${pascal(rnd.pick(VALUE_OBJECTS))}${i}`;
    lines.push(`export function ${name}(value: unknown): string {`);
    lines.push(`  if (typeof value === 'string') return value.trim();`);
    lines.push(`  if (typeof value === 'number') return value.toFixed(${rnd.int(0, 4)});`);
    lines.push(`  return JSON.stringify(value ?? null);`);
    lines.push(`}`);
    lines.push('');
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Import rendering

/** One import statement. kind: value | type | inline-type | side-effect | star | reexport | reexport-type | reexport-star */
function renderImport(kind, names, specifier) {
  const list = names.join(', ');
  switch (kind) {
    case 'value': return `import { ${list} } from '${specifier}';`;
    case 'default': return `import ${names[0]} from '${specifier}';`;
    case 'type': return `import type { ${list} } from '${specifier}';`;
    case 'inline-type': return `import { ${names.map((n) => `type ${n}`).join(', ')} } from '${specifier}';`;
    case 'star': return `import * as ${names[0]} from '${specifier}';`;
    case 'side-effect': return `import '${specifier}';`;
    case 'reexport': return `export { ${list} } from '${specifier}';`;
    case 'reexport-type': return `export type { ${list} } from '${specifier}';`;
    case 'reexport-star': return `export * from '${specifier}';`;
    default: throw new Error(kind);
  }
}

// ---------------------------------------------------------------------------------------------
// The plan

/**
 * Raised whenever the generated code changes, so a bench run regenerates a stale checkout instead of
 * measuring yesterday's files. 2: planted cycles use what they import as values (TypeScript erases
 * imports used only as types or not at all, and Strata rightly sees no cycle through them).
 */
export const GENERATOR_VERSION = 2;

export function generate({ out, modules: target = 5000, seed = 1, git = true, force = false } = {}) {
  const started = Date.now();
  const rnd = makeRandom(seed);
  const files = new Map(); // relative path -> content
  const add = (file, content) => {
    if (files.has(file)) throw new Error(`duplicate file ${file}`);
    files.set(file, content.endsWith('\n') ? content : `${content}\n`);
  };
  const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
  const sourceCount = () => [...files.keys()].filter((f) => /\.(ts|cjs|mjs|js)$/.test(f) && !f.endsWith('.d.ts')).length;

  // Intended special cases, written to manifest.json for the agreement report.
  const manifest = { generator: GENERATOR_VERSION, seed, cycles: [], layerViolations: [], dynamicImports: 0, cjsRequires: 0, typeOnlyImports: 0, workspaceImports: 0, aliasImports: 0 };

  // ---- workspace packages -------------------------------------------------------------------
  const packages = [];

  // shared-kernel: npm-workspace package imported by name; `exports` point at dist (not built), sources in src.
  {
    const dir = 'packages/shared-kernel';
    add(`${dir}/package.json`, json({
      name: '@synth/shared-kernel', version: '1.0.0', private: true, type: 'module',
      exports: {
        '.': { types: './dist/index.d.ts', import: './dist/index.js' },
        './errors': { types: './dist/errors/index.d.ts', import: './dist/errors/index.js' },
        './ddd': { types: './dist/ddd/index.d.ts', import: './dist/ddd/index.js' },
      },
      scripts: { build: 'tsc -p tsconfig.json' },
      dependencies: { zod: '^3.23.0' },
    }));
    add(`${dir}/tsconfig.json`, json({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist' }, include: ['src'] }));
    const groups = {
      ddd: ['entity', 'aggregate-root', 'value-object', 'domain-event', 'identifier', 'specification', 'repository', 'unit-of-work', 'result', 'guard', 'event-bus', 'clock'],
      errors: ['app-error', 'not-found-error', 'validation-error', 'conflict-error', 'forbidden-error', 'unauthorized-error', 'domain-error', 'infrastructure-error'],
      utils: ['dates', 'strings', 'money', 'paging', 'retry', 'timeout', 'ids', 'objects', 'arrays', 'assert', 'env', 'hash'],
    };
    for (const [group, names] of Object.entries(groups)) {
      for (const name of names) {
        const file = `${dir}/src/${group}/${name}.ts`;
        const lines = [];
        if (group === 'errors' && name !== 'app-error') lines.push(renderImport('value', ['AppError'], './app-error.js'));
        if (group === 'ddd' && ['aggregate-root'].includes(name)) lines.push(renderImport('value', ['Entity'], './entity.js'), renderImport('type', ['DomainEvent'], './domain-event.js'));
        if (group === 'ddd' && name === 'event-bus') lines.push(renderImport('type', ['DomainEvent'], './domain-event.js'));
        if (group === 'ddd' && name === 'repository') lines.push(renderImport('type', ['AggregateRoot'], './aggregate-root.js'));
        if (group === 'utils' && name === 'retry') lines.push(renderImport('value', ['withTimeout'], './timeout.js'), renderImport('value', ['setTimeout as sleep'], 'node:timers/promises'));
        if (group === 'utils' && name === 'hash') lines.push(renderImport('value', ['createHash'], 'node:crypto'));
        if (group === 'utils' && name === 'env') lines.push(renderImport('value', ['z'], 'zod'));
        lines.push('');
        lines.push(...classBody(rnd, pascal(name), [], { minMethods: 2, maxMethods: 6 }));
        lines.push('');
        lines.push(...helperFunctions(rnd, camel(name), rnd.int(1, 3)));
        add(file, lines.join('\n'));
      }
      add(`${dir}/src/${group}/index.ts`, names.map((n) => renderImport('reexport-star', [], `./${n}.js`)).join('\n'));
    }
    add(`${dir}/src/index.ts`, [
      renderImport('reexport-star', [], './ddd/index.js'),
      renderImport('reexport-star', [], './errors/index.js'),
      renderImport('reexport-star', [], './utils/index.js'),
      `export * as guards from './ddd/guard.js';`,
    ].join('\n'));
    packages.push({ name: '@synth/shared-kernel', dir });
  }

  // contracts: Nx-style, reached through tsconfig `paths` ("@synth/contracts", "@synth/contracts/*").
  const contractNames = [];
  {
    const dir = 'packages/contracts';
    add(`${dir}/package.json`, json({ name: '@synth/contracts', version: '1.0.0', private: true, type: 'module', main: './dist/index.js', types: './dist/index.d.ts', dependencies: { zod: '^3.23.0' } }));
    add(`${dir}/tsconfig.json`, json({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist' }, include: ['src'] }));
    const barrel = [];
    for (const feature of FEATURES.slice(0, 40)) {
      const file = `${dir}/src/events/${feature}.events.ts`;
      contractNames.push(feature);
      const lines = [renderImport('value', ['z'], 'zod'), renderImport('type', ['EventEnvelope'], '../envelope.js'), ''];
      for (const verb of rnd.sample(VERBS, rnd.int(2, 5))) {
        lines.push(`export const ${pascal(feature)}${pascal(verb)}Schema = z.object({`);
        lines.push(`  id: z.string().uuid(),`, `  occurredAt: z.string().datetime(),`, `  version: z.number().int().nonnegative(),`);
        for (let i = 0; i < rnd.int(2, 6); i++) lines.push(`  field${i}: z.${rnd.pick(['string()', 'number()', 'boolean()', 'string().optional()'])},`);
        lines.push(`});`);
        lines.push(`export type ${pascal(feature)}${pascal(verb)} = z.infer<typeof ${pascal(feature)}${pascal(verb)}Schema>;`);
        lines.push(`export type ${pascal(feature)}${pascal(verb)}Envelope = EventEnvelope<${pascal(feature)}${pascal(verb)}>;`);
        lines.push('');
      }
      add(file, lines.join('\n'));
      barrel.push(renderImport('reexport-star', [], `./events/${feature}.events.js`));
    }
    add(`${dir}/src/envelope.ts`, [`export interface EventEnvelope<T> {`, `  type: string;`, `  payload: T;`, `  headers: Record<string, string>;`, `}`, ''].join('\n'));
    barrel.push(renderImport('reexport-type', ['EventEnvelope'], './envelope.js'));
    add(`${dir}/src/index.ts`, barrel.join('\n'));
    packages.push({ name: '@synth/contracts', dir });
  }

  // observability: `exports` with a "source" condition pointing at src.
  {
    const dir = 'packages/observability';
    add(`${dir}/package.json`, json({
      name: '@synth/observability', version: '1.0.0', private: true, type: 'module',
      exports: { '.': { source: './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' } },
      dependencies: { pino: '^9.0.0', '@opentelemetry/api': '^1.9.0', 'prom-client': '^15.0.0' },
    }));
    add(`${dir}/tsconfig.json`, json({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist' }, include: ['src'] }));
    const names = ['logger', 'tracing', 'metrics', 'request-id', 'redact', 'health', 'shutdown', 'http-metrics', 'db-metrics', 'span-helpers', 'context', 'sampler'];
    for (const name of names) {
      const lines = [];
      if (name === 'logger') lines.push(renderImport('default', ['pino'], 'pino'), renderImport('value', ['redactPaths'], './redact.js'));
      else if (name === 'tracing' || name === 'span-helpers') lines.push(renderImport('value', ['trace', 'context'], '@opentelemetry/api'));
      else if (name.includes('metrics')) lines.push(renderImport('star', ['client'], 'prom-client'));
      else if (name === 'request-id') lines.push(renderImport('value', ['randomUUID'], 'node:crypto'), renderImport('value', ['AsyncLocalStorage'], 'node:async_hooks'));
      if (name === 'http-metrics' || name === 'db-metrics') lines.push(renderImport('value', ['Metrics'], './metrics.js'));
      if (name === 'shutdown') lines.push(renderImport('type', ['Logger'], './logger.js'));
      lines.push('');
      lines.push(...classBody(rnd, pascal(name), [], { minMethods: 2, maxMethods: 6 }));
      lines.push('');
      if (name === 'redact') lines.push(`export const redactPaths = ['req.headers.authorization', 'password'];`);
      add(`${dir}/src/${name}.ts`, lines.join('\n'));
    }
    add(`${dir}/src/index.ts`, names.map((n) => renderImport('reexport-star', [], `./${n}.js`)).join('\n'));
    packages.push({ name: '@synth/observability', dir });
  }

  // db: no `exports`, only `main` pointing at dist.
  const dbTables = [];
  {
    const dir = 'packages/db';
    add(`${dir}/package.json`, json({ name: '@synth/db', version: '1.0.0', private: true, type: 'module', main: './dist/index.js', types: './dist/index.d.ts', dependencies: { 'drizzle-orm': '^0.36.0', pg: '^8.13.0' } }));
    add(`${dir}/tsconfig.json`, json({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist' }, include: ['src'] }));
    const barrel = [];
    for (const feature of FEATURES) {
      const lines = [renderImport('value', ['pgTable', 'text', 'integer', 'timestamp', 'uuid'], 'drizzle-orm/pg-core'), renderImport('value', ['auditColumns'], '../columns.js'), ''];
      lines.push(`export const ${camel(feature)}Table = pgTable('${feature.replace(/-/g, '_')}', {`);
      lines.push(`  id: uuid('id').primaryKey(),`);
      for (let i = 0; i < rnd.int(3, 10); i++) lines.push(`  column${i}: ${rnd.pick(['text', 'integer', 'timestamp'])}('column_${i}'),`);
      lines.push(`  ...auditColumns,`);
      lines.push(`});`);
      lines.push(`export type ${pascal(feature)}Row = typeof ${camel(feature)}Table.$inferSelect;`);
      add(`${dir}/src/schema/${feature}.ts`, lines.join('\n'));
      barrel.push(renderImport('reexport-star', [], `./schema/${feature}.js`));
      dbTables.push(feature);
    }
    add(`${dir}/src/columns.ts`, [renderImport('value', ['timestamp'], 'drizzle-orm/pg-core'), '', `export const auditColumns = { createdAt: timestamp('created_at').defaultNow(), updatedAt: timestamp('updated_at') };`].join('\n'));
    add(`${dir}/src/client.ts`, [renderImport('value', ['drizzle'], 'drizzle-orm/node-postgres'), renderImport('default', ['pg'], 'pg'), '', `export function createDb(url: string) {`, `  const pool = new pg.Pool({ connectionString: url, max: 10 });`, `  return drizzle(pool);`, `}`].join('\n'));
    barrel.push(renderImport('reexport-star', [], './columns.js'), renderImport('reexport', ['createDb'], './client.js'));
    add(`${dir}/src/index.ts`, barrel.join('\n'));
    packages.push({ name: '@synth/db', dir });
  }

  // http-kit: `exports` as a plain string into dist.
  {
    const dir = 'packages/http-kit';
    add(`${dir}/package.json`, json({ name: '@synth/http-kit', version: '1.0.0', private: true, type: 'module', exports: './dist/index.js', dependencies: { fastify: '^5.0.0', '@fastify/cors': '^10.0.0', '@fastify/helmet': '^12.0.0' } }));
    add(`${dir}/tsconfig.json`, json({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: 'dist' }, include: ['src'] }));
    const names = ['error-handler', 'not-found', 'cors', 'helmet', 'rate-limit', 'pagination', 'validation', 'auth-guard', 'request-context', 'problem-details'];
    for (const name of names) {
      const lines = [renderImport('type', ['FastifyInstance', 'FastifyReply', 'FastifyRequest'], 'fastify')];
      if (name === 'cors') lines.push(renderImport('default', ['cors'], '@fastify/cors'));
      if (name === 'helmet') lines.push(renderImport('default', ['helmet'], '@fastify/helmet'));
      if (name === 'error-handler') lines.push(renderImport('value', ['AppError'], '@synth/shared-kernel/errors'), renderImport('value', ['toProblem'], './problem-details.js'));
      lines.push('');
      lines.push(...classBody(rnd, pascal(name), [], { minMethods: 2, maxMethods: 5 }));
      add(`${dir}/src/${name}.ts`, lines.join('\n'));
    }
    add(`${dir}/src/index.ts`, names.map((n) => renderImport('reexport-star', [], `./${n}.js`)).join('\n'));
    packages.push({ name: '@synth/http-kit', dir });
  }

  // ---- a legacy Express service in plain CommonJS JavaScript (layered MVC) ---------------------
  // Extensionless require('./x'), directory requires ('./models' -> models/index.js), a JSON require.
  {
    const dir = 'services/legacy-admin';
    const src = `${dir}/src`;
    add(`${dir}/package.json`, json({ name: '@synth/legacy-admin', version: '0.9.0', private: true, type: 'commonjs', main: 'src/server.js', dependencies: { express: '^4.21.0', pg: '^8.13.0', 'express-validator': '^7.2.0', winston: '^3.15.0' } }));
    const entities = FEATURES.slice(10, 32);
    const cjsBody = (name, requires) => {
      const lines = [`'use strict';`, ...requires.map(([binding, spec]) => `const ${binding} = require('${spec}');`), ''];
      const fns = [];
      for (let i = 0; i < rnd.int(3, 8); i++) {
        const fn = `${rnd.pick(VERBS)}${pascal(name)}${i}`;
        fns.push(fn);
        lines.push(`async function ${fn}(req, res, next) {`, `  try {`, `    const input = { ...req.params, ...req.query, ...req.body };`);
        for (let j = 0; j < rnd.int(1, 5); j++) lines.push(`    if (input.field${j} === undefined) input.field${j} = ${rnd.pick(['null', "''", '0', 'false'])};`);
        lines.push(`    const result = { ok: true, name: '${fn}', input };`, `    if (res) return res.json(result);`, `    return result;`, `  } catch (error) {`, `    if (next) return next(error);`, `    throw error;`, `  }`, `}`, '');
      }
      lines.push(`module.exports = { ${fns.join(', ')} };`);
      return lines.join('\n');
    };
    add(`${src}/config/defaults.json`, json({ port: 4000, pageSize: 25, features: { audit: true } }));
    add(`${src}/config/index.js`, [`'use strict';`, `const defaults = require('./defaults.json');`, `const path = require('path');`, '', `module.exports = { ...defaults, root: path.resolve(__dirname, '..'), port: Number(process.env.PORT || defaults.port) };`].join('\n'));
    add(`${src}/db/index.js`, cjsBody('db', [['{ Pool }', 'pg'], ['config', '../config']]));
    add(`${src}/utils/logger.js`, cjsBody('logger', [['winston', 'winston'], ['config', '../config']]));
    add(`${src}/utils/pagination.js`, cjsBody('pagination', [['config', '../config/index']]));
    add(`${src}/middlewares/validate.js`, cjsBody('validate', [['{ validationResult }', 'express-validator']]));
    add(`${src}/middlewares/error-handler.js`, cjsBody('errorHandler', [['logger', '../utils/logger']]));
    const modelIndex = [`'use strict';`, '', 'module.exports = {'];
    const routeIndex = [`'use strict';`, `const { Router } = require('express');`];
    const routeUse = [];
    for (const entity of entities) {
      const E = pascal(entity);
      add(`${src}/models/${entity}.model.js`, cjsBody(`${E}Model`, [['db', '../db']]));
      modelIndex.push(`  ${E}: require('./${entity}.model'),`);
      add(`${src}/services/${entity}.service.js`, cjsBody(`${E}Service`, [['{ ' + E + ' }', '../models'], ['db', '../db/index.js'], ['logger', '../utils/logger'], ['{ paginate0 }', '../utils/pagination']]));
      add(`${src}/controllers/${entity}.controller.js`, cjsBody(`${E}Controller`, [['service', `../services/${entity}.service`], ['{ validate0 }', '../middlewares/validate']]));
      add(`${src}/routes/${entity}.routes.js`, [`'use strict';`, `const { Router } = require('express');`, `const controller = require('../controllers/${entity}.controller');`, '', `const router = Router();`, `for (const [name, handler] of Object.entries(controller)) {`, `  router.post(\`/${entity}/\${name}\`, handler);`, `}`, '', `module.exports = router;`].join('\n'));
      routeIndex.push(`const ${camel(entity)}Routes = require('./${entity}.routes');`);
      routeUse.push(`router.use(${camel(entity)}Routes);`);
    }
    modelIndex.push('};');
    add(`${src}/models/index.js`, modelIndex.join('\n'));
    add(`${src}/routes/index.js`, [...routeIndex, '', `const router = Router();`, ...routeUse, '', `module.exports = router;`].join('\n'));
    add(`${src}/app.js`, [`'use strict';`, `const express = require('express');`, `const routes = require('./routes');`, `const errorHandler = require('./middlewares/error-handler');`, `const logger = require('./utils/logger');`, '', `function createApp() {`, `  const app = express();`, `  app.use(express.json());`, `  app.use('/admin', routes);`, `  app.use(errorHandler.errorHandler0 || ((err, req, res, next) => next(err)));`, `  return app;`, `}`, '', `module.exports = { createApp, logger };`].join('\n'));
    add(`${src}/server.js`, [`'use strict';`, `const { createApp } = require('./app');`, `const config = require('./config');`, '', `const server = createApp().listen(config.port);`, `process.on('SIGTERM', () => server.close());`].join('\n'));
    manifest.cjsRequires += 12 + entities.length * 9;
  }

  // ---- services ------------------------------------------------------------------------------
  const services = SERVICES.map((s) => ({ ...s, dir: `services/${s.name}`, features: [] }));
  // Assign features round-robin until the file budget is reached (estimated ~52 files per feature).
  const perServiceFixed = 22;
  const estimatedPerFeature = 48;
  const budget = target - sourceCount() - services.length * perServiceFixed;
  const featureCount = Math.max(services.length, Math.round(budget / estimatedPerFeature));
  for (let i = 0; i < featureCount; i++) {
    const service = services[i % services.length];
    const base = FEATURES[(i * 7 + Math.floor(i / FEATURES.length)) % FEATURES.length];
    let name = base;
    let n = 2;
    while (service.features.some((f) => f.name === name)) name = `${base}-${n++}`;
    service.features.push({ name, entities: [] });
  }

  const cycleBudget = { entity: 6, module: 3 };
  const violationBudget = 8;
  let violations = 0;

  for (const service of services) {
    const src = `${service.dir}/src`;
    const alias = `@app/${service.name}`;
    const fastify = service.framework === 'fastify';
    add(`${service.dir}/package.json`, json({
      name: `@synth/${service.name}-service`, version: '1.0.0', private: true, type: 'module',
      scripts: { build: 'tsc -p tsconfig.json', start: 'node dist/main.js', test: 'vitest run' },
      dependencies: {
        '@synth/shared-kernel': '*', '@synth/contracts': '*', '@synth/observability': '*', '@synth/db': '*', '@synth/http-kit': '*',
        [fastify ? 'fastify' : 'express']: fastify ? '^5.0.0' : '^5.0.0', zod: '^3.23.0', 'drizzle-orm': '^0.36.0', pino: '^9.0.0', ioredis: '^5.4.0', bullmq: '^5.0.0', jose: '^5.9.0', pg: '^8.13.0',
      },
      devDependencies: { vitest: '^2.1.0' },
    }));
    add(`${service.dir}/tsconfig.json`, json({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: '.', outDir: 'dist' }, include: ['src', 'test'] }));

    // Features: plan entities first so cross references can be made.
    for (const feature of service.features) {
      const n = rnd.int(2, 3);
      const suffixes = rnd.sample(ENTITY_SUFFIXES, n);
      feature.entities = suffixes.map((s) => (s ? `${feature.name}-${s}` : feature.name));
      feature.verbs = feature.entities.map(() => rnd.sample(VERBS, rnd.int(3, 5)));
      feature.vos = rnd.sample(VALUE_OBJECTS, rnd.int(1, 3));
      feature.dir = `${src}/modules/${feature.name}`;
    }

    // Service-level files.
    const cfg = `${src}/config/env.ts`;
    add(cfg, [
      renderImport('value', ['z'], 'zod'),
      renderImport('value', ['readFileSync'], 'node:fs'),
      '',
      `export const EnvSchema = z.object({`,
      `  PORT: z.coerce.number().default(${3000 + services.indexOf(service)}),`,
      `  DATABASE_URL: z.string().url().optional(),`,
      `  REDIS_URL: z.string().url().optional(),`,
      `  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),`,
      `});`,
      `export type Env = z.infer<typeof EnvSchema>;`,
      '',
      `export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {`,
      `  const parsed = EnvSchema.safeParse(source);`,
      `  if (!parsed.success) {`,
      `    throw new Error(\`invalid environment: \${parsed.error.message}\`);`,
      `  }`,
      `  return parsed.data;`,
      `}`,
      '',
      `export function readSecret(file: string): string {`,
      `  return readFileSync(file, 'utf8').trim();`,
      `}`,
    ].join('\n'));
    add(`${src}/config/version.ts`, [`import manifest from '../../package.json' with { type: 'json' };`, '', `export const SERVICE_NAME = manifest.name;`, `export const SERVICE_VERSION = manifest.version;`].join('\n'));
    add(`${src}/infrastructure/db/connection.ts`, [renderImport('value', ['createDb'], '@synth/db'), renderImport('type', ['Env'], rel(`${src}/infrastructure/db/connection.ts`, cfg)), '', `export const connect = (env: Env) => createDb(env.DATABASE_URL ?? 'postgres://localhost/${service.name}');`].join('\n'));
    add(`${src}/infrastructure/logger.ts`, [renderImport('value', ['createLogger'], '@synth/observability'), renderImport('default', ['pino'], 'pino'), '', `export const logger = pino({ name: '${service.name}' });`, `export const createChildLogger = (scope: string) => logger.child({ scope });`, `export { createLogger };`].join('\n'));
    add(`${src}/infrastructure/cache/redis.ts`, [renderImport('default', ['Redis'], 'ioredis'), renderImport('type', ['Env'], rel(`${src}/infrastructure/cache/redis.ts`, cfg)), '', ...classBody(rnd, 'RedisCache', ['Redis'], { minMethods: 3, maxMethods: 6 })].join('\n'));
    add(`${src}/infrastructure/queue/jobs.ts`, [renderImport('value', ['Queue', 'Worker'], 'bullmq'), renderImport('value', ['logger'], '../logger.js'), '', ...classBody(rnd, 'JobQueue', ['Queue'], { minMethods: 3, maxMethods: 6 })].join('\n'));
    add(`${src}/infrastructure/auth/jwt.ts`, [renderImport('value', ['jwtVerify', 'SignJWT'], 'jose'), renderImport('value', ['UnauthorizedError'], '@synth/shared-kernel/errors'), '', ...classBody(rnd, 'JwtService', ['jwtVerify'], { minMethods: 2, maxMethods: 5 })].join('\n'));
    add(`${src}/infrastructure/index.ts`, [
      renderImport('reexport-star', [], './db/connection.js'),
      renderImport('reexport-star', [], './logger.js'),
      renderImport('reexport', ['RedisCache'], './cache/redis.js'),
      renderImport('reexport', ['JobQueue'], './queue/jobs.js'),
      renderImport('reexport', ['JwtService'], './auth/jwt.js'),
    ].join('\n'));

    // Legacy CommonJS helpers required from .cjs files.
    const legacy = `${src}/infrastructure/legacy`;
    add(`${legacy}/csv.cjs`, [`'use strict';`, `const { Transform } = require('node:stream');`, `const path = require('path');`, '', `function toCsvRow(values) {`, `  return values.map((v) => JSON.stringify(v ?? '')).join(',');`, `}`, '', `class CsvTransform extends Transform {`, `  _transform(chunk, _enc, done) {`, `    done(null, toCsvRow(Object.values(JSON.parse(String(chunk)))) + '\\n');`, `  }`, `}`, '', `module.exports = { toCsvRow, CsvTransform, extension: path.extname('x.csv') };`].join('\n'));
    add(`${legacy}/retry.cjs`, [`'use strict';`, `const { setTimeout: sleep } = require('node:timers/promises');`, '', `async function retry(fn, attempts = 3) {`, `  let last;`, `  for (let i = 0; i < attempts; i++) {`, `    try {`, `      return await fn();`, `    } catch (error) {`, `      last = error;`, `      await sleep(2 ** i * 50);`, `    }`, `  }`, `  throw last;`, `}`, '', `module.exports = { retry };`].join('\n'));
    add(`${legacy}/pg-export.cjs`, [`'use strict';`, `const { Pool } = require('pg');`, `const { toCsvRow } = require('./csv.cjs');`, `const { retry } = require('./retry.cjs');`, '', `async function exportTable(url, table) {`, `  const pool = new Pool({ connectionString: url });`, `  try {`, `    const result = await retry(() => pool.query(\`select * from \${table}\`));`, `    return result.rows.map((row) => toCsvRow(Object.values(row)));`, `  } finally {`, `    await pool.end();`, `  }`, `}`, '', `module.exports = { exportTable };`].join('\n'));
    add(`${legacy}/index.cjs`, [`'use strict';`, `module.exports = {`, `  ...require('./csv.cjs'),`, `  ...require('./retry.cjs'),`, `  ...require('./pg-export.cjs'),`, `};`].join('\n'));
    manifest.cjsRequires += 6;

    // Feature modules.
    const allUseCases = [];
    for (const feature of service.features) {
      const d = feature.dir;
      const dom = `${d}/domain`;
      const app = `${d}/application`;
      const inf = `${d}/infrastructure`;
      const itf = `${d}/interfaces`;
      const domainBarrel = [];
      const appBarrel = [];
      const infBarrel = [];
      const itfBarrel = [];

      // errors + value objects
      add(`${dom}/errors.ts`, [
        renderImport('value', ['DomainError'], '@synth/shared-kernel/errors'),
        '',
        ...feature.entities.flatMap((e) => [
          `export class ${pascal(e)}NotFoundError extends DomainError {`,
          `  constructor(readonly id: string) {`,
          `    super(\`${e} \${id} not found\`);`,
          `  }`,
          `}`,
          '',
          `export class Invalid${pascal(e)}Error extends DomainError {}`,
          '',
        ]),
      ].join('\n'));
      domainBarrel.push(renderImport('reexport-star', [], './errors.js'));
      for (const vo of feature.vos) {
        const file = `${dom}/value-objects/${vo}.vo.ts`;
        add(file, [renderImport('value', ['ValueObject'], '@synth/shared-kernel'), '', ...classBody(rnd, `${pascal(vo)}`, ['ValueObject'], { minMethods: 2, maxMethods: 6, extendsClause: ' extends ValueObject' })].join('\n'));
        domainBarrel.push(renderImport('reexport', [pascal(vo)], `./value-objects/${vo}.vo.js`));
      }

      for (const [ei, entity] of feature.entities.entries()) {
        const E = pascal(entity);
        // entity
        const entFile = `${dom}/${entity}.entity.ts`;
        const entLines = [renderImport('value', ['AggregateRoot'], '@synth/shared-kernel/ddd')];
        for (const vo of rnd.sample(feature.vos, rnd.int(1, feature.vos.length))) entLines.push(renderImport('value', [pascal(vo)], rel(entFile, `${dom}/value-objects/${vo}.vo.ts`)));
        entLines.push(renderImport('value', [`${E}CreatedEvent`], `./events/${entity}-created.event.js`));
        entLines.push(renderImport('value', [`Invalid${E}Error`], './errors.js'));
        if (ei > 0) entLines.push(renderImport('type', [pascal(feature.entities[0])], `./${feature.entities[0]}.entity.js`));
        if (ei === 1 && cycleBudget.entity > 0 && rnd.chance(0.25)) {
          feature.entityCycle = true; // the first entity will import this one back with a value import
          cycleBudget.entity--;
        }
        if (ei === 0 && violations < violationBudget && rnd.chance(0.08)) {
          // Layer violation: the domain reaching into infrastructure.
          entLines.push(renderImport('value', [`${E}Mapper`], `../infrastructure/${entity}.mapper.js`));
          manifest.layerViolations.push({ from: entFile, to: `${inf}/${entity}.mapper.ts` });
          violations++;
        }
        if (ei === 0 && feature.entities.length > 1) entLines.push('/*__CYCLE__*/');
        entLines.push('');
        entLines.push(...classBody(rnd, E, ['AggregateRoot'], { minMethods: 3, maxMethods: 9, extendsClause: ' extends AggregateRoot' }));
        add(entFile, entLines.join('\n'));
        domainBarrel.push(renderImport('reexport', [E], `./${entity}.entity.js`));

        // events
        for (const kind of ['created', 'updated']) {
          const f = `${dom}/events/${entity}-${kind}.event.ts`;
          add(f, [renderImport('type', ['DomainEvent'], '@synth/shared-kernel'), renderImport('type', [`${pascal(feature.name)}${pascal(rnd.pick(['create', 'update']))}`], '@synth/contracts'), '', `export class ${E}${pascal(kind)}Event implements DomainEvent {`, `  readonly occurredAt = new Date();`, `  constructor(readonly aggregateId: string, readonly payload: Record<string, unknown> = {}) {}`, '', `  get name(): string {`, `    return '${entity}.${kind}';`, `  }`, '', `  toJSON() {`, `    return { name: this.name, id: this.aggregateId, at: this.occurredAt.toISOString(), ...this.payload };`, `  }`, `}`].join('\n'));
          domainBarrel.push(renderImport('reexport', [`${E}${pascal(kind)}Event`], `./events/${entity}-${kind}.event.js`));
          manifest.typeOnlyImports += 2;
        }

        // repository port (type-only imports)
        const portFile = `${dom}/${entity}.repository.ts`;
        add(portFile, [renderImport('type', [E], `./${entity}.entity.js`), renderImport('type', ['Repository'], '@synth/shared-kernel/ddd'), '', `export interface ${E}Repository extends Repository<${E}> {`, `  findById(id: string): Promise<${E} | null>;`, `  findMany(filter: { limit: number; cursor?: string }): Promise<${E}[]>;`, `  save(entity: ${E}): Promise<void>;`, `  remove(id: string): Promise<void>;`, `}`].join('\n'));
        domainBarrel.push(renderImport('reexport-type', [`${E}Repository`], `./${entity}.repository.js`));
        manifest.typeOnlyImports += 2;

        // dto
        const dtoFile = `${app}/dto/${entity}.dto.ts`;
        add(dtoFile, [renderImport('value', ['z'], 'zod'), renderImport('type', [E], '../../domain/index.js'), '', `export const Create${E}Schema = z.object({`, ...Array.from({ length: rnd.int(3, 9) }, (_, i) => `  field${i}: z.${rnd.pick(['string().min(1)', 'number().int()', 'boolean()', 'string().email()', 'string().uuid()'])},`), `});`, `export type Create${E}Dto = z.infer<typeof Create${E}Schema>;`, '', `export const ${E}ResponseSchema = Create${E}Schema.extend({ id: z.string().uuid() });`, `export type ${E}Response = z.infer<typeof ${E}ResponseSchema>;`, '', `export function to${E}Response(entity: ${E}): ${E}Response {`, `  return ${E}ResponseSchema.parse(entity);`, `}`].join('\n'));
        appBarrel.push(renderImport('reexport-star', [], `./dto/${entity}.dto.js`));

        // use cases
        for (const verb of feature.verbs[ei]) {
          const name = `${verb}-${entity}`;
          const ucFile = `${app}/use-cases/${name}.use-case.ts`;
          const lines = [
            renderImport('type', [`${E}Repository`], rel(ucFile, portFile)),
            renderImport('value', [E, `${E}NotFoundError`], '../../domain/index.js'),
            renderImport(rnd.chance(0.5) ? 'inline-type' : 'type', [`Create${E}Dto`], rel(ucFile, dtoFile)),
            renderImport('value', ['Result'], '@synth/shared-kernel'),
          ];
          manifest.typeOnlyImports += 2;
          if (rnd.chance(0.3)) lines.push(renderImport('type', ['Clock'], '../ports/clock.port.js'));
          lines.push('');
          lines.push(...classBody(rnd, `${pascal(name)}UseCase`, [E, 'Result'], { minMethods: 3, maxMethods: 9 }));
          add(ucFile, lines.join('\n'));
          appBarrel.push(renderImport('reexport', [`${pascal(name)}UseCase`], `./use-cases/${name}.use-case.js`));
          allUseCases.push({ feature, file: ucFile, name, E });
          // test beside the sources, in test/
          if (rnd.chance(0.35)) {
            const testFile = `${service.dir}/test/${feature.name}/${name}.test.ts`;
            add(testFile, [renderImport('value', ['describe', 'it', 'expect', 'vi'], 'vitest'), renderImport('value', [`${pascal(name)}UseCase`], `${alias}/modules/${feature.name}/application/use-cases/${name}.use-case.js`), renderImport('type', [`${E}Repository`], rel(testFile, portFile)), '', `describe('${pascal(name)}UseCase', () => {`, `  const repository = { findById: vi.fn(), findMany: vi.fn(), save: vi.fn(), remove: vi.fn() } satisfies ${E}Repository;`, '', `  it('runs', async () => {`, `    const useCase = new ${pascal(name)}UseCase({ repository });`, `    expect(useCase).toBeDefined();`, `  });`, '', `  it('rejects missing input', async () => {`, `    expect(() => new ${pascal(name)}UseCase({ repository })).not.toThrow();`, `  });`, `});`].join('\n'));
            manifest.aliasImports++;
          }
        }

        // infrastructure
        const mapperFile = `${inf}/${entity}.mapper.ts`;
        add(mapperFile, [renderImport('value', [E], rel(mapperFile, entFile)), renderImport('type', [`${pascal(feature.name.replace(/-\d+$/, ''))}Row`], '@synth/db'), '', ...classBody(rnd, `${E}Mapper`, [E], { minMethods: 3, maxMethods: 7 })].join('\n'));
        const repoFile = `${inf}/${entity}.drizzle-repository.ts`;
        add(repoFile, [
          renderImport('value', ['eq', 'and', 'desc'], 'drizzle-orm'),
          renderImport('type', ['NodePgDatabase'], 'drizzle-orm/node-postgres'),
          renderImport('value', [`${camel(rnd.pick(dbTables))}Table`], '@synth/db'),
          renderImport('type', [`${E}Repository`, E], '../domain/index.js'),
          renderImport('value', [`${E}Mapper`], `./${entity}.mapper.js`),
          renderImport('value', ['logger'], `${alias}/infrastructure/logger.js`),
          '',
          ...classBody(rnd, `Drizzle${E}Repository`, ['eq', 'and'], { minMethods: 3, maxMethods: 7, implementsClause: ` implements ${E}Repository` }),
        ].join('\n'));
        manifest.aliasImports++;
        infBarrel.push(renderImport('reexport', [`Drizzle${E}Repository`], `./${entity}.drizzle-repository.js`), renderImport('reexport', [`${E}Mapper`], `./${entity}.mapper.js`));

        // interfaces
        const schemaFile = `${itf}/http/${entity}.schemas.ts`;
        add(schemaFile, [renderImport('value', [`Create${E}Schema`], rel(schemaFile, dtoFile)), renderImport('value', ['z'], 'zod'), '', `export const ${camel(entity)}Params = z.object({ id: z.string().uuid() });`, `export const ${camel(entity)}Query = z.object({ limit: z.coerce.number().max(100).default(20), cursor: z.string().optional() });`, `export const ${camel(entity)}Body = Create${E}Schema;`].join('\n'));
        const ctrlFile = `${itf}/http/${entity}.controller.ts`;
        const ctrl = [
          fastify ? renderImport('type', ['FastifyReply', 'FastifyRequest'], 'fastify') : renderImport('type', ['Request', 'Response', 'NextFunction'], 'express'),
          renderImport('value', feature.verbs[ei].map((v) => `${pascal(`${v}-${entity}`)}UseCase`), '../../application/index.js'),
          renderImport('value', [`${camel(entity)}Params`, `${camel(entity)}Body`], `./${entity}.schemas.js`),
          '',
        ];
        ctrl.push(...classBody(rnd, `${E}Controller`, ['UseCase'], { minMethods: 3, maxMethods: 8 }));
        if (rnd.chance(0.3)) {
          // Lazy-loaded heavy dependency through a literal dynamic import.
          const rendererFile = `${itf}/http/${entity}.report-renderer.ts`;
          add(rendererFile, [renderImport('value', ['Readable'], 'node:stream'), '', ...classBody(rnd, `${E}ReportRenderer`, ['Readable'], { minMethods: 2, maxMethods: 5 }), '', `export async function renderReport(rows: unknown[]): Promise<string> {`, `  return rows.map((row) => JSON.stringify(row)).join('\\n');`, `}`].join('\n'));
          ctrl.push('', `export async function export${E}Report(rows: unknown[]): Promise<string> {`, `  const { renderReport } = await import('./${entity}.report-renderer.js');`, `  return renderReport(rows);`, `}`);
          manifest.dynamicImports++;
        }
        add(ctrlFile, ctrl.join('\n'));
        const routesFile = `${itf}/http/${entity}.routes.ts`;
        const routes = fastify
          ? [renderImport('type', ['FastifyInstance', 'FastifyPluginAsync'], 'fastify'), renderImport('value', [`${E}Controller`], `./${entity}.controller.js`), renderImport('value', ['authGuard'], '@synth/http-kit'), '', `export const ${camel(entity)}Routes: FastifyPluginAsync = async (app: FastifyInstance) => {`, `  const controller = new ${E}Controller();`, ...feature.verbs[ei].map((v, i) => `  app.${['post', 'get', 'get', 'put', 'delete'][i % 5]}('/${entity}s${i % 2 ? '/:id' : ''}', { preHandler: authGuard }, async (req, reply) => reply.send(await controller.${v}${i}?.(req.body)));`), `};`]
          : [renderImport('value', ['Router'], 'express'), renderImport('value', [`${E}Controller`], `./${entity}.controller.js`), '', `export function ${camel(entity)}Router(): Router {`, `  const router = Router();`, `  const controller = new ${E}Controller();`, ...feature.verbs[ei].flatMap((v, i) => [`  router.${['post', 'get', 'get', 'put', 'delete'][i % 5]}('/${entity}s${i % 2 ? '/:id' : ''}', async (req, res, next) => {`, `    try {`, `      res.json(await (controller as any).${v}${i}?.(req.body));`, `    } catch (error) {`, `      next(error);`, `    }`, `  });`]), `  return router;`, `}`];
        add(routesFile, routes.join('\n'));
        itfBarrel.push(renderImport('reexport-star', [], `./http/${entity}.routes.js`));
      }

      // Entity cycle: the first entity imports the second one with a value import.
      if (feature.entityCycle) {
        const first = `${dom}/${feature.entities[0]}.entity.ts`;
        const second = `${dom}/${feature.entities[1]}.entity.ts`;
        // The second already type-imports the first; make that a value import too, so the cycle is real at run time.
        // Each side also uses the other as a value (an unused or type-only import is erased by TypeScript and is no cycle at run time).
        files.set(second, `${files.get(second).replace(`import type { ${pascal(feature.entities[0])} }`, `import { ${pascal(feature.entities[0])} }`)}\nexport const ${camel(feature.entities[1])}Owner = () => ${pascal(feature.entities[0])};\n`);
        files.set(first, `${files.get(first).replace('/*__CYCLE__*/', renderImport('value', [pascal(feature.entities[1])], `./${feature.entities[1]}.entity.js`))}\nexport const ${camel(feature.entities[0])}Parts = () => ${pascal(feature.entities[1])};\n`);
        manifest.cycles.push([first, second]); // first -> second -> first
      } else if (feature.entities.length > 1) {
        const first = `${dom}/${feature.entities[0]}.entity.ts`;
        files.set(first, files.get(first).replace('/*__CYCLE__*/\n', ''));
      }

      // Ports
      add(`${app}/ports/clock.port.ts`, [`export interface Clock {`, `  now(): Date;`, `}`, '', `export const systemClock: Clock = { now: () => new Date() };`].join('\n'));
      add(`${app}/ports/event-publisher.port.ts`, [renderImport('type', ['DomainEvent'], '@synth/shared-kernel/ddd'), '', `export interface EventPublisher {`, `  publish(events: readonly DomainEvent[]): Promise<void>;`, `}`].join('\n'));
      appBarrel.push(renderImport('reexport-type', ['Clock'], './ports/clock.port.js'), renderImport('reexport', ['systemClock'], './ports/clock.port.js'), renderImport('reexport-type', ['EventPublisher'], './ports/event-publisher.port.js'));

      add(`${dom}/index.ts`, domainBarrel.join('\n'));
      add(`${app}/index.ts`, appBarrel.join('\n'));
      add(`${inf}/index.ts`, infBarrel.join('\n'));
      add(`${itf}/index.ts`, itfBarrel.join('\n'));
      add(`${d}/index.ts`, [
        renderImport('reexport-star', [], './domain/index.js'),
        renderImport('reexport-star', [], './application/index.js'),
        renderImport('reexport', feature.entities.map((e) => `Drizzle${pascal(e)}Repository`), './infrastructure/index.js'),
        renderImport('reexport-star', [], './interfaces/index.js'),
      ].join('\n'));
    }

    // Cross-module collaboration through the path alias, and a few module-level cycles.
    const features = service.features;
    for (let i = 0; i < features.length; i++) {
      if (features.length < 2 || !rnd.chance(0.5)) continue;
      const from = features[i];
      const to = features[(i + 1) % features.length];
      const uc = allUseCases.find((u) => u.feature === from);
      const file = uc.file;
      const spec = `${alias}/modules/${to.name}/application/index.js`;
      const collaborator = `${pascal(`${to.verbs[0][0]}-${to.entities[0]}`)}UseCase`;
      // Used as a value, so the import survives TypeScript's erasure and is a real edge at run time.
      files.set(file, renderImport('type', [`Create${pascal(to.entities[0])}Dto`], spec) + '\n' + renderImport('value', [collaborator], spec) + '\n' + files.get(file) + `\nexport const collaborators${pascal(from.name)}To${pascal(to.name)} = [${collaborator}];\n`);
      manifest.aliasImports += 2;
      if (cycleBudget.module > 0 && rnd.chance(0.3)) {
        // Back edge: the other module's use case depends on this module's application barrel.
        const back = allUseCases.find((u) => u.feature === to);
        const backSpec = `${alias}/modules/${from.name}/application/index.js`;
        const backCollaborator = `${pascal(`${from.verbs[0][0]}-${from.entities[0]}`)}UseCase`;
        files.set(back.file, renderImport('value', [backCollaborator], backSpec) + '\n' + files.get(back.file) + `\nexport const collaboratorsBack${pascal(to.name)}To${pascal(from.name)} = [${backCollaborator}];\n`);
        manifest.cycles.push([file, `${to.dir}/application/index.ts`, back.file, `${from.dir}/application/index.ts`]); // in path order
        cycleBudget.module--;
      }
    }

    // Composition root.
    const appFile = `${src}/app.ts`;
    const appLines = fastify
      ? [renderImport('default', ['Fastify'], 'fastify'), renderImport('value', ['errorHandler', 'cors'], '@synth/http-kit'), renderImport('value', ['logger'], './infrastructure/index.js')]
      : [renderImport('default', ['express'], 'express'), renderImport('value', ['logger'], './infrastructure/index.js')];
    for (const feature of features) {
      appLines.push(renderImport('value', feature.entities.map((e) => (fastify ? `${camel(e)}Routes` : `${camel(e)}Router`)), `./modules/${feature.name}/index.js`));
    }
    appLines.push('', fastify ? `export async function buildApp() {` : `export function buildApp() {`);
    appLines.push(fastify ? `  const app = Fastify({ logger: false });` : `  const app = express();`);
    if (fastify) appLines.push(`  app.setErrorHandler(errorHandler);`, `  await app.register(cors);`);
    else appLines.push(`  app.use(express.json());`);
    for (const feature of features) for (const e of feature.entities) appLines.push(fastify ? `  await app.register(${camel(e)}Routes, { prefix: '/v1' });` : `  app.use('/v1', ${camel(e)}Router());`);
    appLines.push(`  logger.info({ routes: ${features.length} }, 'app built');`, `  return app;`, `}`);
    add(appFile, appLines.join('\n'));
    add(`${src}/bootstrap/container.ts`, [
      renderImport('value', ['connect', 'RedisCache', 'JobQueue'], '../infrastructure/index.js'),
      renderImport('value', ['loadEnv'], '../config/env.js'),
      ...features.slice(0, 4).map((f) => renderImport('value', [`Drizzle${pascal(f.entities[0])}Repository`], `${alias}/modules/${f.name}/index.js`)),
      '',
      ...classBody(rnd, 'Container', ['connect'], { minMethods: 3, maxMethods: 8 }),
    ].join('\n'));
    manifest.aliasImports += Math.min(4, features.length);
    add(`${src}/bootstrap/shutdown.ts`, [renderImport('value', ['GracefulShutdown'], '@synth/observability'), renderImport('value', ['logger'], '../infrastructure/logger.js'), '', `export function installShutdown(close: () => Promise<void>): void {`, `  for (const signal of ['SIGINT', 'SIGTERM'] as const) {`, `    process.once(signal, async () => {`, `      logger.info({ signal }, 'shutting down');`, `      const timer = setTimeout(() => process.exit(1), 10_000).unref();`, `      await close();`, `      clearTimeout(timer);`, `    });`, `  }`, `  void GracefulShutdown;`, `}`].join('\n'));
    add(`${src}/main.ts`, [
      renderImport('value', ['buildApp'], './app.js'),
      renderImport('value', ['loadEnv'], './config/env.js'),
      renderImport('value', ['installShutdown'], './bootstrap/shutdown.js'),
      renderImport('side-effect', [], './instrumentation.js'),
      '',
      `const env = loadEnv();`,
      `const app = await buildApp();`,
      fastify ? `await app.listen({ port: env.PORT, host: '0.0.0.0' });` : `const server = app.listen(env.PORT);`,
      fastify ? `installShutdown(() => app.close());` : `installShutdown(() => new Promise((resolve) => server.close(() => resolve())));`,
      `if (process.env.STRATA_SEED_DEMO === '1') {`,
      `  const { seedDemoData } = await import('./bootstrap/seed.js');`,
      `  await seedDemoData();`,
      `}`,
    ].join('\n'));
    manifest.dynamicImports++;
    add(`${src}/instrumentation.ts`, [renderImport('value', ['startTracing'], '@synth/observability'), '', `export const tracing = typeof startTracing === 'function' ? startTracing : undefined;`].join('\n'));
    add(`${src}/bootstrap/seed.ts`, [renderImport('value', ['Container'], './container.js'), renderImport('value', ['faker'], '@faker-js/faker'), '', `export async function seedDemoData(): Promise<void> {`, `  const container = new Container();`, `  for (let i = 0; i < 10; i++) {`, `    await container.createState0?.({ id: faker.string.uuid() });`, `  }`, `}`].join('\n'));
    add(`${service.dir}/scripts/migrate.cjs`, [`'use strict';`, `const { exportTable } = require('../src/infrastructure/legacy/index.cjs');`, `const path = require('node:path');`, '', `async function main() {`, `  const url = process.env.DATABASE_URL;`, `  if (!url) throw new Error('DATABASE_URL is required');`, `  const rows = await exportTable(url, path.basename(process.cwd()));`, `  console.log(rows.length);`, `}`, '', `main().catch((error) => {`, `  console.error(error);`, `  process.exitCode = 1;`, `});`].join('\n'));
    manifest.cjsRequires += 1;
  }

  // ---- root ----------------------------------------------------------------------------------
  const paths = {};
  for (const service of services) paths[`@app/${service.name}/*`] = [`services/${service.name}/src/*`];
  paths['@synth/contracts'] = ['packages/contracts/src/index.ts'];
  paths['@synth/contracts/*'] = ['packages/contracts/src/*'];
  add('package.json', json({ name: 'synth-backend', version: '0.0.0', private: true, type: 'module', workspaces: ['packages/*', 'services/*'], scripts: { build: 'tsc -b', test: 'vitest run' }, devDependencies: { typescript: '^5.6.0', vitest: '^2.1.0' } }));
  add('tsconfig.base.json', json({
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, esModuleInterop: true, skipLibCheck: true,
      declaration: true, sourceMap: true, verbatimModuleSyntax: false, baseUrl: '.', paths,
    },
  }));
  add('tsconfig.json', json({ extends: './tsconfig.base.json', compilerOptions: { noEmit: true }, include: ['packages/*/src', 'services/*/src', 'services/*/test'] }));
  add('.gitignore', 'node_modules/\ndist/\ncoverage/\n');
  add('README.md', `# synth-backend\n\nSynthetic backend generated by Strata's bench/generate.mjs (seed ${seed}, target ${target} modules). Do not edit.\n`);

  manifest.sourceFiles = sourceCount();
  manifest.files = files.size;
  manifest.cycles = manifest.cycles.map((c) => c);
  manifest.services = services.map((s) => ({ name: s.name, framework: s.framework, features: s.features.length }));

  // ---- write ---------------------------------------------------------------------------------
  if (existsSync(out)) {
    if (!force) throw new Error(`${out} exists (use --force to replace it)`);
    rmSync(out, { recursive: true, force: true });
  }
  const dirs = new Set([...files.keys()].map((f) => path.dirname(path.join(out, f))));
  for (const dir of [...dirs].sort()) mkdirSync(dir, { recursive: true });
  for (const [file, content] of files) writeFileSync(path.join(out, file), content);
  // The manifest lives beside, not inside, so it is not analysed.
  writeFileSync(`${out}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);

  if (git) {
    const env = { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z', GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid' };
    const git = (...args) => execFileSync('git', args, { cwd: out, env, stdio: ['ignore', 'ignore', 'pipe'] });
    git('init', '-q', '-b', 'main');
    // One commit written as a pack through fast-import (a `git add` of ~5,000 loose objects costs
    // seconds of syscalls), then the index is filled from it; the work tree already holds the files.
    const chunks = [];
    const sorted = [...files.keys()].sort();
    sorted.forEach((file, i) => {
      const data = Buffer.from(files.get(file));
      chunks.push(Buffer.from(`blob\nmark :${i + 1}\ndata ${data.length}\n`), data, Buffer.from('\n'));
    });
    const message = Buffer.from(`synthetic backend (seed ${seed})\n`);
    chunks.push(Buffer.from(`commit refs/heads/main\ncommitter bench <bench@example.invalid> 1767225600 +0000\ndata ${message.length}\n`), message);
    chunks.push(Buffer.from(sorted.map((file, i) => `M 100644 :${i + 1} ${file}\n`).join('')), Buffer.from('\n'));
    execFileSync('git', ['fast-import', '--quiet'], { cwd: out, env, input: Buffer.concat(chunks), stdio: ['pipe', 'ignore', 'pipe'] });
    git('reset', '-q');
  }
  return { out, files: files.size, sourceFiles: manifest.sourceFiles, ms: Date.now() - started, manifest };
}

// ---------------------------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
  const options = { modules: 5000, seed: 1, git: true, force: false, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') options.out = argv[++i];
    else if (arg === '--modules') options.modules = Number(argv[++i]);
    else if (arg === '--seed') options.seed = Number(argv[++i]);
    else if (arg === '--no-git') options.git = false;
    else if (arg === '--force') options.force = true;
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node bench/generate.mjs [--out dir] [--modules 5000] [--seed 1] [--no-git] [--force]');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  if (!Number.isInteger(options.modules) || options.modules < 200) throw new Error('--modules must be an integer >= 200');
  options.out = path.resolve(options.out ?? path.join(here, '.generated', `synth-${options.modules}-s${options.seed}`));
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2));
  const result = generate(options);
  console.log(`generated ${result.sourceFiles} source modules (${result.files} files) in ${result.out} in ${result.ms} ms`);
}
