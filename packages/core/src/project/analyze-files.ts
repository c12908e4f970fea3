import { statSync } from 'node:fs';
import os from 'node:os';
import type { Rule } from '../rules/types.js';
import type { FileCache, FileStamp } from './cache.js';
import { unanalysable, type FileAnalysis } from './file-analysis.js';
import type { ThreadOutcome } from './parse-worker.js';
import { toRelative } from './paths.js';
import type { FileJob, FileOutcome } from './process-file.js';
import { ParsePool } from './worker-pool.js';

/** Below this many files to parse, starting threads costs more than it saves. */
const WORKER_THRESHOLD = 200;

export interface FileSetAnalysis {
  files: Map<string, FileAnalysis>;
  parsed: number;
  cached: number;
  workers: number;
}

const BATCH_SIZE = 48;

interface Miss extends FileJob {
  stamp: FileStamp;
}

/**
 * Analyses every source file: a file whose size and mtime match the cache is not even read; the
 * others are read, hashed and, unless their bytes match the cache, parsed. Parser threads start
 * only once enough of those have piled up (a warm run never pays for them) and do the reading and
 * hashing themselves, so the main thread only stats files and resolves finished batches.
 */
export async function analyzeFiles(
  root: string,
  absoluteFiles: readonly string[],
  rules: readonly Rule[],
  cache: FileCache | null,
  maxWorkers = os.availableParallelism(),
  /** Called for each file parsed in a thread, on the main thread while the others still parse. */
  onParsedInThread: (relative: string, analysis: FileAnalysis) => void = () => {},
  /** Build each file's program model: a rule that reads the program models is enabled. */
  program = false,
  /** The rules whose visitors run, when some are turned off (all when absent). */
  visitorRules?: readonly string[],
): Promise<FileSetAnalysis> {
  const perFile = { program, ...(visitorRules ? { visitorRules } : {}) };
  const files = new Map<string, FileAnalysis>();
  let cached = 0;
  let parsed = 0;
  let pool: ParsePool | null = null;
  let pending: Miss[] = [];
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
    if (outcome.hash) cache?.set(miss.relative, outcome.hash, miss.stamp, outcome.analysis, json);
    return outcome.analysis;
  };
  /** A thread's outcome: its JSON is parsed here and goes to the cache as it came, with no second serialisation. */
  const recordFromThread = (miss: Miss, outcome: ThreadOutcome): FileAnalysis | undefined =>
    'unchanged' in outcome ? record(miss, outcome) : record(miss, { hash: outcome.hash, analysis: JSON.parse(outcome.analysisJson) as FileAnalysis }, outcome.analysisJson);
  const submit = (batch: Miss[]): Promise<void> =>
    pool!.parse(batch.map(({ relative, absolute, knownHash }) => ({ relative, absolute, ...perFile, ...(knownHash ? { knownHash } : {}) }))).then((outcomes) => {
      batch.forEach((miss, index) => {
        const analysis = recordFromThread(miss, outcomes[index]!);
        if (analysis) onParsedInThread(miss.relative, analysis);
      });
    });
  const flush = (): void => {
    const batch = pending;
    pending = [];
    submitted.push(submit(batch));
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
      if (!pool && maxWorkers > 1 && pending.length >= WORKER_THRESHOLD) pool = new ParsePool(maxWorkers);
      if (pool && pending.length >= BATCH_SIZE) flush();
    }
    if (pool && pending.length) flush();
    await Promise.all(submitted);
  } finally {
    await pool?.close();
  }
  // Few files to read: doing it here is cheaper than starting threads. The parser is loaded only
  // now, so a warm run that parses nothing never pays for it.
  if (pending.length) {
    const { processFile } = await import('./process-file.js');
    for (const miss of pending) record(miss, processFile({ ...miss, ...perFile }, rules));
  }
  // Results arrive in any order; keep the discovery order so every run is byte-for-byte the same.
  const ordered = new Map<string, FileAnalysis>();
  for (const relative of relatives) {
    const analysis = files.get(relative);
    if (analysis) ordered.set(relative, analysis);
  }
  return { files: ordered, parsed, cached, workers: pool?.size ?? 0 };
}
