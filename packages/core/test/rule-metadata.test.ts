import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeProject } from '../src/analyze.js';
import { configSchema } from '../src/config/schema.js';
import type { ProjectModel } from '../src/project/model.js';
import { defineOptions, stringListOption } from '../src/rules/options.js';
import { runRules } from '../src/rules/run.js';
import type { Rule } from '../src/rules/types.js';

let root: string;
let project: ProjectModel;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'strata-meta-'));
  await mkdir(path.join(root, 'src'), { recursive: true });
  await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'flat', dependencies: { express: '^4.21.0' } }));
  await writeFile(path.join(root, 'src/app.ts'), `import express from 'express';\nconst app = express();\napp.get('/orders', (req, res) => res.json([]));\n`);
  project = (await analyzeProject({ root, cache: false })).project;
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** A rule that reports once per route, with its options in the message. */
function probeRule(meta: Partial<Rule['meta']>): Rule {
  const options = defineOptions({ labels: stringListOption({ default: ['route'] }) });
  return {
    meta: { id: 'probe-rule', category: 'api', severity: 'warn', title: 't', why: 'w', fix: 'f', models: ['program', 'http'], options, ...meta },
    check({ models, report, options: raw }) {
      const label = options.resolve(raw).labels.join(' ');
      for (const route of models.routes) report({ file: route.file, line: route.line, column: route.column, message: `${label} ${route.method} ${route.path}`, anchor: route.path, route: `${route.method} ${route.path}` });
    },
  };
}

const config = (input: object = {}) => configSchema.parse(input);

describe('rule metadata', () => {
  it('runs a rule where its frameworks were detected and not elsewhere', () => {
    expect(runRules([probeRule({ appliesTo: { frameworks: ['express'] } })], project, config()).findings.map((finding) => finding.message)).toEqual(['route GET /orders']);
    expect(runRules([probeRule({ appliesTo: { frameworks: ['fastify', 'nestjs'] } })], project, config()).findings).toEqual([]);
  });

  it('keeps a shape-bound rule quiet on another shape under recommended, and runs it everywhere under strict-clean', () => {
    const layered = probeRule({ appliesTo: { shapes: ['clean', 'nestjs'] } });
    expect(project.context.shape).toBe('flat');
    expect(runRules([layered], project, config()).findings).toEqual([]);
    expect(runRules([layered], { ...project, profile: 'strict-clean' }, config({ profile: 'strict-clean' })).findings).toHaveLength(1);
  });

  it('runs a rule only under the profiles it names', () => {
    const strictOnly = probeRule({ profiles: ['strict-clean'] });
    expect(runRules([strictOnly], project, config()).findings).toEqual([]);
    expect(runRules([strictOnly], { ...project, profile: 'strict-clean' }, config({ profile: 'strict-clean' })).findings).toHaveLength(1);
  });

  it('hands the rule its options with defaults filled in, and carries the route onto the finding', () => {
    const [finding] = runRules([probeRule({})], project, config()).findings;
    expect(finding).toMatchObject({ message: 'route GET /orders', route: 'GET /orders' });
    const rule = probeRule({});
    const options = { 'probe-rule': { labels: ['endpoint'] } };
    const custom = runRules([rule], project, { ...config(), ruleOptions: options }).findings;
    expect(custom.map((entry) => entry.message)).toEqual(['endpoint GET /orders']);
  });
});
