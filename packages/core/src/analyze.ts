import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config/load.js';
import type { StrataConfig } from './config/schema.js';
import { StrataError } from './errors.js';
import { applyBaseline, type Baseline } from './findings/baseline.js';
import { cacheDirectoryOf, isFirstRun } from './project/cache.js';
import { parserThreadPlan, type ParserThreads } from './project/analyze-files.js';
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

/** How many times the thread bar's source files a listing needs for threads to start before the scope is known. */
const EARLY_START_FACTOR = 2;

/** The parser threads the options ask for (the main thread is one of the parsers). */
function threadsOf(options: AnalyzeOptions): ParserThreads {
  return { ...(options.maxWorkers ? { parsers: options.maxWorkers } : {}), ...(options.threadsFrom ? { from: options.threadsFrom } : {}) };
}

/**
 * Starts the parser threads as soon as the listing is known, when the run is a first one (no per-file
 * cache for this root, so nothing can be reused) and the repository lists enough source files for
 * threads. A thread takes 0.1-0.2 s to load its copy of the engine: started here, that overlaps the
 * result cache's key (a stat of every listed file), the manifests and the review scope, which the
 * main thread does meanwhile, instead of delaying the thread's first batch (novu: started after the
 * scope, the thread took its first batch 120 ms after the main thread began parsing its own).
 * Counted before the scope, which may leave front-ends out (juice-shop: 639 listed, 251 in scope), so
 * only a listing of twice the bar starts them here: a thread the scope then leaves without enough files
 * is closed unused, and its load was a tenth more instructions for juice-shop's whole review (callgrind:
 * 3.05 -> 3.36 G) for no gain. Below that, the pipeline starts them once the scope is known, as before.
 */
export async function startThreadsEarly(options: AnalyzeOptions, inputs: RunInputs, threads: ParserThreads): Promise<void> {
  const plan = parserThreadPlan(threads);
  if (plan.count === 0 || inputs.discovery.sourceFiles.length < EARLY_START_FACTOR * plan.from || !isFirstRun(options.cache, inputs.root)) return;
  threads.started = new (await import('./project/worker-pool.js')).ParsePool(plan.count);
}

/**
 * The whole pipeline: discover, parse, resolve, graph, layers, context, rules, findings. When the
 * cache holds the result of a run on exactly the same inputs, that result is returned instead.
 */
export async function analyze(options: AnalyzeOptions): Promise<AnalysisResult> {
  const started = monotonicMs();
  const inputs = await runInputs(options);
  const threads = threadsOf(options);
  await startThreadsEarly(options, inputs, threads);
  try {
    // What the config turns on or off is in the config, hashed beside the engine.
    const resultCache =
      options.cache === false
        ? null
        : await ResultCache.open(cacheDirectoryOf(options.cache), inputs.root, {
            signature: inputs.engine,
            config: inputs.config,
            files: inputs.discovery.allFiles,
          });
    const stored = await resultCache?.load();
    if (stored) {
      const stats = { ...stored.stats, parsed: 0, cached: stored.stats.files, workers: 0, durationMs: Math.round(monotonicMs() - started), reused: true as const };
      return withBaseline({ ...stored, stats }, options.baseline);
    }
    const { result } = await (await pipeline()).analyzeInputs({ ...options, baseline: undefined }, inputs, started, threads);
    await resultCache?.save(result);
    return withBaseline(result, options.baseline);
  } finally {
    // The pipeline closes the threads it parsed with; this closes them when it never ran or failed.
    await threads.started?.close();
  }
}

/** The pipeline, also returning the project model the rules saw (the program-model tests build on it). */
export async function analyzeProject(options: AnalyzeOptions): Promise<{ result: AnalysisResult; project: ProjectModel }> {
  const started = monotonicMs();
  return (await pipeline()).analyzeInputs(options, await runInputs(options), started, threadsOf(options));
}
