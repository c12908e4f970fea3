import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config/load.js';
import type { StrataConfig } from './config/schema.js';
import { StrataError } from './errors.js';
import { applyBaseline, type Baseline } from './findings/baseline.js';
import { defaultCacheDirectory } from './project/cache.js';
import { discoverFiles, type Discovery } from './project/discover.js';
import { engineSignature } from './project/engine-signature.js';
import type { ProjectModel } from './project/model.js';
import { ResultCache } from './project/result-cache.js';
import type { AnalysisResult } from './types.js';
import { VERSION } from './version.js';
import { monotonicMs } from './clock.js';

export interface AnalyzeOptions {
  /** The repository or folder to analyse. */
  root: string;
  /** A validated config; when absent it is loaded from the root (or `configPath`). */
  config?: StrataConfig;
  configPath?: string;
  /** `false` disables the per-file cache; a string sets its folder. */
  cache?: boolean | string;
  /** Known findings that do not fail the gate. */
  baseline?: Baseline;
  /** Parsers, the main thread included (defaults to the CPU count): one less parser thread is started. */
  maxWorkers?: number;
  /** Files to parse before parser threads start (default: 500 on two CPUs or fewer, 200 above). */
  threadsFrom?: number;
}

async function resolveRoot(root: string): Promise<string> {
  const absolute = path.resolve(root);
  let stats;
  try {
    stats = await fs.stat(absolute);
  } catch {
    throw new StrataError('ROOT_NOT_FOUND', `No such directory: ${root}`);
  }
  if (!stats.isDirectory()) throw new StrataError('ROOT_NOT_DIRECTORY', `Not a directory: ${root} (strata analyses a folder).`);
  return fs.realpath(absolute);
}

/** What a run is made of before any file is read: the engine, the root, the config and the file listing. */
export interface RunInputs {
  /** The engine's version and code, part of both caches' keys. */
  engine: string;
  root: string;
  config: StrataConfig;
  discovery: Discovery;
}

async function runInputs(options: AnalyzeOptions): Promise<RunInputs> {
  const root = await resolveRoot(options.root);
  const config = options.config ?? (await loadConfig(root, options.configPath)).config;
  return { engine: `${VERSION}:${engineSignature()}`, root, config, discovery: await discoverFiles(root) };
}

/** Findings a baseline knows are counted, not reported. */
function withBaseline(result: AnalysisResult, baseline: Baseline | undefined): AnalysisResult {
  if (!baseline) return result;
  const { fresh, known } = applyBaseline(result.findings, baseline);
  return { ...result, findings: fresh, baselined: known };
}

/**
 * The pipeline (parsing, resolution, graph, models, rules), loaded only when a run needs it: a warm run
 * whose inputs are unchanged returns the stored result without loading the rules or the models at all,
 * which is most of the engine's code.
 */
const pipeline = (): Promise<typeof import('./pipeline.js')> => import('./pipeline.js');

/**
 * The whole pipeline: discover, parse, resolve, graph, layers, context, rules, findings. When the
 * cache holds the result of a run on exactly the same inputs, that result is returned instead.
 */
export async function analyze(options: AnalyzeOptions): Promise<AnalysisResult> {
  const started = monotonicMs();
  const inputs = await runInputs(options);
  // What the config turns on or off is in the config, hashed beside the engine.
  const resultCache =
    options.cache === false
      ? null
      : await ResultCache.open(typeof options.cache === 'string' ? options.cache : defaultCacheDirectory(), inputs.root, {
          signature: inputs.engine,
          config: inputs.config,
          files: inputs.discovery.allFiles,
        });
  const stored = await resultCache?.load();
  if (stored) {
    const stats = { ...stored.stats, parsed: 0, cached: stored.stats.files, workers: 0, durationMs: Math.round(monotonicMs() - started), reused: true as const };
    return withBaseline({ ...stored, stats }, options.baseline);
  }
  const { result } = await (await pipeline()).analyzeInputs({ ...options, baseline: undefined }, inputs, started);
  await resultCache?.save(result);
  return withBaseline(result, options.baseline);
}

/** The pipeline, also returning the project model the rules saw (the program-model tests build on it). */
export async function analyzeProject(options: AnalyzeOptions): Promise<{ result: AnalysisResult; project: ProjectModel }> {
  const started = monotonicMs();
  return (await pipeline()).analyzeInputs(options, await runInputs(options), started);
}
