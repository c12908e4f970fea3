import { statSync } from 'node:fs';
import os from 'node:os';
import type { Rule } from '../rules/types.js';
import type { FileCache, FileStamp } from './cache.js';
import { unanalysable, type FileAnalysis } from './file-analysis.js';
import type { ThreadOutcome } from './parse-worker.js';
import { toRelative } from './paths.js';
import type { FileJob, FileOutcome } from './process-file.js';
import type { ParsePool } from './worker-pool.js';
import { monotonicMs } from '../clock.js';

/**
 * Below this many files to parse, starting a thread costs more than it saves. Measured on two CPUs
 * (2026-11-30, quiet machine, `analyze()` in-process): juice-shop's 251 files took 0.75-0.95 s on the
 * main thread alone and 0.89-0.99 s with a thread, ghostfolio's 517 about the same either way
 * (1.19-1.40 against 1.18-1.27 s), novu's 2,535 files 3.39-3.66 against 3.18-3.27 s. On two CPUs the
 * thread competes with V8's own background compiler and GC; with more CPUs it has room sooner.
 */
export const defaultThreadsFrom = (): number => (os.availableParallelism() <= 2 ? 500 : 200);

/** How many parsers may run (the main thread included) and from how many files to parse threads start. */
export interface ParserThreads {
  parsers?: number;
  from?: number;
  /** Threads the caller started already: used from the first file whatever the count, closed when parsing ends. */
  started?: ParsePool;
}

/** How many threads a run starts (none with one parser) once it has `from` files to parse. */
export function parserThreadPlan(threads: ParserThreads = {}): { count: number; from: number } {
  const parsers = threads.parsers ?? os.availableParallelism();
  return { count: Math.max(0, parsers - 1), from: threads.from ?? defaultThreadsFrom() };
}

export interface FileSetAnalysis {
  files: Map<string, FileAnalysis>;
  parsed: number;
  cached: number;
  workers: number;
}

const BATCH_SIZE = 48;

/**
 * The last files to parse go in smaller batches. A thread holds up to two batches, so with 48-file
 * batches to the end one parser could run out of work while the other still had about a hundred files
 * (tens of milliseconds): on novu the main thread sat idle 20 ms waiting for the thread's last batches.
 */
const TAIL_FILES = 4 * BATCH_SIZE;
const TAIL_BATCH_SIZE = 8;

/** Cuts the batches at the end of the queue finer, so that the parsers run out of work at about the same time. */
export function cutTailFiner<T>(batches: T[][], tailFiles = TAIL_FILES, size = TAIL_BATCH_SIZE): void {
  let files = 0;
  let from = batches.length;
  while (from > 0 && files < tailFiles) files += batches[--from]!.length;
  const tail = batches.splice(from).flat();
  for (let start = 0; start < tail.length; start += size) batches.push(tail.slice(start, start + size));
}

/**
 * From this many files for the main thread to parse, syntax trees come by raw transfer on Node 20
 * (see ast/raw-parse.ts): below it, loading and warming the deserializer costs more than it saves.
 */
const RAW_TRANSFER_FROM = 100;

interface Miss extends FileJob {
  stamp: FileStamp;
}

/**
 * A parsed file's analysis as the cache file stores it, encoded now rather than when the cache is
 * saved: while the parse runs the work is shared between the parsers, whereas the save comes after it,
 * on the main thread alone, ahead of the context and the rules (novu: the serialisation was 46-57 ms of
 * that serial stretch on this machine). A thread's answer is already JSON and is only encoded. An
 * analysis that cannot be serialised (nested past the engine's bounds) is left to the save, which then
 * keeps the cache as it was.
 */
function cacheBytes(analysis: FileAnalysis, json: string | undefined): Buffer | undefined {
  try {
    return Buffer.from(json ?? JSON.stringify(analysis));
  } catch {
    return undefined;
  }
}

/** Lets the threads' answers in between two of the main thread's own batches. */
const yieldToThreads = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Two turns of the event loop, between which its timers phase always runs: parsing in this thread is
 * otherwise synchronous from the first file to the last, and a caller's timer (the CLI's progress line
 * after 400 ms) would not fire until the files were done.
 */
const yieldToTimers = async (): Promise<void> => {
  await yieldToThreads();
  await yieldToThreads();
};
/** How long the main thread parses before it lets timers run (a few microseconds each time). */
const TIMER_SLICE_MS = 50;

/**
 * Analyses every source file: a file whose size and mtime match the cache is not even read; the
 * others are read, hashed and, unless their bytes match the cache, parsed. Parser threads start
 * only once enough of those have piled up (a warm run never pays for them) and do the reading and
 * hashing themselves. The main thread is one of the parsers: it stats the files, keeps each thread
 * supplied with batches, and analyses the batches no thread has room for, so N parsers
 * cost N - 1 threads (each thread loads and warms up its own copy of the engine: about a
 * billion instructions that the main thread, which loads the engine anyway, does not pay again).
 */
export async function analyzeFiles(
  root: string,
  absoluteFiles: readonly string[],
  rules: readonly Rule[],
  cache: FileCache | null,
  /** Parsers, the main thread included (defaults to the CPU count), and the files to parse before threads start. */
  threads: ParserThreads = {},
  /** Called for each file parsed, on the main thread, while the threads still parse. */
  onParsed: (relative: string, analysis: FileAnalysis) => void = () => {},
  /** Build each file's program model: a rule that reads the program models is enabled. */
  program = false,
  /** The rules whose visitors run, when some are turned off (all when absent). */
  visitorRules?: readonly string[],
): Promise<FileSetAnalysis> {
  const perFile = { program, ...(visitorRules ? { visitorRules } : {}) };
  const plan = parserThreadPlan(threads);
  const files = new Map<string, FileAnalysis>();
  let cached = 0;
  let parsed = 0;
  let pool: ParsePool | null = threads.started ?? null;
  /** Misses not yet cut into a batch. */
  let pending: Miss[] = [];
  /** Batches waiting for a thread with room, or for the main thread. */
  const batches: Miss[][] = [];
  const submitted: Promise<void>[] = [];
  /** Stores one outcome; returns the analysis when the file was parsed now. */
  const record = (miss: Miss, outcome: FileOutcome, json?: string): FileAnalysis | undefined => {
    if ('unchanged' in outcome) {
      // Only sent with the hash the cache holds, so the entry is there: the bytes are unchanged.
      files.set(miss.relative, cache!.get(miss.relative, outcome.hash, miss.stamp)!);
      cached++;
      return undefined;
    }
    files.set(miss.relative, outcome.analysis);
    parsed++;
    // An unreadable file has no hash and is tried again next time; anything else is keyed by content.
    if (outcome.hash && cache) cache.set(miss.relative, outcome.hash, miss.stamp, outcome.analysis, cacheBytes(outcome.analysis, json));
    return outcome.analysis;
  };
  /** A thread's outcome: its JSON is parsed here and goes to the cache as it came, with no second serialisation. */
  const recordFromThread = (miss: Miss, outcome: ThreadOutcome): FileAnalysis | undefined =>
    'unchanged' in outcome ? record(miss, outcome) : record(miss, { hash: outcome.hash, analysis: JSON.parse(outcome.analysisJson) as FileAnalysis }, outcome.analysisJson);
  const job = ({ relative, absolute, knownHash }: Miss): FileJob => ({ relative, absolute, ...perFile, ...(knownHash ? { knownHash } : {}) });
  /** Hands waiting batches to the threads while they have room; called again whenever a thread answers. */
  const feed = (): void => {
    while (pool && batches.length && pool.freeSlots > 0) {
      const batch = batches.shift()!;
      submitted.push(
        pool.parse(batch.map(job)).then((outcomes) => {
          batch.forEach((miss, index) => {
            const analysis = recordFromThread(miss, outcomes[index]!);
            if (analysis) onParsed(miss.relative, analysis);
          });
          feed();
        }),
      );
    }
  };
  /** Cuts what is pending into batches (the pile that started the pool is several of them). */
  const cutBatch = (): void => {
    for (let start = 0; start < pending.length; start += BATCH_SIZE) batches.push(pending.slice(start, start + BATCH_SIZE));
    pending = [];
    feed();
  };
  const relatives = absoluteFiles.map((absolute) => toRelative(root, absolute));
  try {
    for (const [index, absolute] of absoluteFiles.entries()) {
      const relative = relatives[index]!;
      let stamp: FileStamp;
      try {
        const stats = statSync(absolute);
        stamp = { size: stats.size, mtimeMs: stats.mtimeMs };
      } catch (error) {
        files.set(relative, unanalysable(`File could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); it was not analysed.`));
        continue;
      }
      const unchanged = cache?.getByStamp(relative, stamp);
      if (unchanged) {
        files.set(relative, unchanged);
        cached++;
        continue;
      }
      const knownHash = cache?.hashOf(relative);
      pending.push({ relative, absolute, stamp, ...(knownHash ? { knownHash } : {}) });
      // Loaded only here: node:worker_threads costs every small run's start-up for threads it never starts.
      if (!pool && plan.count > 0 && pending.length >= plan.from) pool = new (await import('./worker-pool.js')).ParsePool(plan.count);
      if (pool && pending.length >= BATCH_SIZE) cutBatch();
    }
    if (pool && pending.length) cutBatch();
    if (pool) cutTailFiner(batches);
    // Few files to read: doing it here is cheaper than starting threads. The parser is loaded only
    // now, so a warm run that parses nothing never pays for it.
    if (pending.length) batches.push(pending);
    if (batches.length) {
      const { processFile } = await import('./process-file.js');
      if (batches.reduce((files, batch) => files + batch.length, 0) >= RAW_TRANSFER_FROM) await (await import('../ast/raw-parse.js')).enableRawTransfer();
      let yielded = Number.NEGATIVE_INFINITY;
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        for (const miss of batch) {
          if (monotonicMs() - yielded >= TIMER_SLICE_MS) {
            await yieldToTimers();
            yielded = monotonicMs();
          }
          const analysis = record(miss, processFile(job(miss), rules));
          if (analysis && pool) onParsed(miss.relative, analysis);
        }
        if (pool) await yieldToThreads();
      }
      // What follows the parse (graph, context, models, rules) runs without a turn of the event loop:
      // a timer that fell due while this thread parsed (the CLI's progress line) fires now at the latest.
      await yieldToTimers();
    }
    await Promise.all(submitted);
  } finally {
    await pool?.close();
  }
  // Results arrive in any order; keep the discovery order so every run is byte-for-byte the same.
  const ordered = new Map<string, FileAnalysis>();
  for (const relative of relatives) {
    const analysis = files.get(relative);
    if (analysis) ordered.set(relative, analysis);
  }
  return { files: ordered, parsed, cached, workers: pool?.size ?? 0 };
}
