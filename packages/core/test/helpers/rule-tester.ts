import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { afterAll } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { analyze, analyzeProject } from '../../src/analyze.js';
import { ProgramModels } from '../../src/program/models.js';
import type { AnalysisResult, Finding } from '../../src/types.js';

/** A case: file path → content. `package.json` is written from `dependencies` when not given. */
export interface RuleCase {
  files: Record<string, string>;
  dependencies?: Record<string, string>;
}

export interface RuleRun {
  result: AnalysisResult;
  findings: Finding[];
  /** `file:line:column message` (and ` [route]` when the finding names one). */
  lines: string[];
}

/**
 * Runs the whole engine on a handful of files written for the test, and returns one rule's
 * findings. Many small cases per rule, each a few lines long, instead of a fixture folder apiece;
 * the files live in a temporary folder only because discovery and resolution read a file system.
 */
/** Writes a case's files (and its package.json) to a new temporary folder. */
async function writeCase(testCase: RuleCase, prefix: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), prefix));
  const files = { ...testCase.files };
  files['package.json'] ??= JSON.stringify({ name: 'case', version: '1.0.0', type: 'module', dependencies: testCase.dependencies ?? {} });
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(root, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return root;
}

export async function runRule(ruleId: string, testCase: RuleCase): Promise<RuleRun> {
  const root = await writeCase(testCase, 'strata-rule-');
  try {
    const result = await analyze({ root, cache: false });
    const findings = result.findings.filter((finding) => finding.ruleId === ruleId);
    return {
      result: { ...result, root: '<case>' },
      findings,
      lines: findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.message}${finding.route ? ` [${finding.route}]` : ''}`),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export const EXPRESS = { express: '^4.21.0' };
export const EXPRESS_5 = { express: '^5.1.0' };
export const FASTIFY = { fastify: '^5.2.0' };
export const NEST = { '@nestjs/common': '^11.0.0', '@nestjs/core': '^11.0.0', 'reflect-metadata': '^0.2.0' };

/** The program models of a case, for tests of the models themselves (linking, call graph, HTTP). */
export async function programModelsOf(testCase: RuleCase): Promise<{ models: ProgramModels; cleanup: () => Promise<void> }> {
  const root = await writeCase(testCase, 'strata-model-');
  const { project } = await analyzeProject({ root, cache: false });
  return { models: new ProgramModels(project), cleanup: () => rm(root, { recursive: true, force: true }) };
}

/**
 * For a test file of the models: a function giving the program models of files and dependencies,
 * whose temporary folders are removed after the file's tests (call it once, at the top of the file).
 */
export function modelsForSuite(): (files: Record<string, string>, dependencies?: Record<string, string>) => Promise<ProgramModels> {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => Promise.all(cleanups.map((cleanup) => cleanup())));
  return async (files, dependencies = {}) => {
    const { models, cleanup } = await programModelsOf({ files, dependencies });
    cleanups.push(cleanup);
    return models;
  };
}
