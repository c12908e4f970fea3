import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import type { Rule } from '../rules/types.js';
import { decodeSource } from './decode.js';
import { contentHash, type FileCache, type FileStamp } from './cache.js';
import type { FileAnalysis } from './file-analysis.js';
import { toRelative } from './paths.js';
import { ParsePool } from './worker-pool.js';

/** Below this many files to parse, starting threads costs more than it saves. */
const WORKER_THRESHOLD = 200;

export interface FileSetAnalysis {
  files: Map<string, FileAnalysis>;
  parsed: number;
  cached: number;
  workers: number;
}

function unanalysable(message: string): FileAnalysis {
  return { imports: [], exportedNames: [], facts: { routes: 0, entities: 0, moduleSyntax: 'none', barrel: false }, reports: {}, problem: { message, line: 1, column: 1 } };
}

const BATCH_SIZE = 48;

/**
 * Reads, hashes and analyses every source file: cache hits are reused, misses parsed. Parser
 * threads start only once enough misses have piled up (a warm run never pays for them); from then
 * on batches go to the threads while the main thread keeps reading.
 */
export async function analyzeFiles(
  root: string,
  absoluteFiles: readonly string[],
  rules: readonly Rule[],
  cache: FileCache | null,
  maxWorkers = os.availableParallelism(),
  /** Called for each batch parsed in a thread, on the main thread while the others still parse. */
  onParsedInThread: (relative: string, analysis: FileAnalysis) => void = () => {},
): Promise<FileSetAnalysis> {
  const files = new Map<string, FileAnalysis>();
  let cached = 0;
  let parsed = 0;
  let pool: ParsePool | null = null;
  let pending: Miss[] = [];
  const submitted: Promise<void>[] = [];
  const record = (batch: Miss[], results: FileAnalysis[]): void => {
    batch.forEach((miss, index) => {
      files.set(miss.relative, results[index]!);
      cache?.set(miss.relative, miss.hash, miss.stamp, results[index]!);
    });
  };
  const flush = (): void => {
    const batch = pending;
    pending = [];
    submitted.push(
      pool!.parse(batch.map(({ relative, source }) => ({ relative, source }))).then((results) => {
        record(batch, results);
        batch.forEach((miss, index) => onParsedInThread(miss.relative, results[index]!));
      }),
    );
  };
  try {
    for (const absolute of absoluteFiles) {
      const read = readSourceFile(root, absolute, cache);
      if ('analysis' in read) {
        files.set(read.relative, read.analysis);
        if (read.fromCache) cached++;
        continue;
      }
      pending.push(read.miss);
      parsed++;
      if (!pool && maxWorkers > 1 && pending.length >= WORKER_THRESHOLD) pool = new ParsePool(maxWorkers);
      if (pool && pending.length >= BATCH_SIZE) flush();
    }
    if (pool && pending.length) flush();
    await Promise.all(submitted);
  } finally {
    await pool?.close();
  }
  // Few misses: parsing here is cheaper than starting threads. The parser is loaded only now, so a
  // warm run that parses nothing never pays for it.
  if (pending.length) {
    const { analyzeSource } = await import('./analyze-file.js');
    record(pending, pending.map(({ relative, source }) => analyzeSource(relative, source, rules)));
  }
  // Reads finish in any order; results keep the discovery order so every run is byte-for-byte the same.
  const ordered = new Map<string, FileAnalysis>();
  for (const absolute of absoluteFiles) {
    const relative = toRelative(root, absolute);
    const analysis = files.get(relative);
    if (analysis) ordered.set(relative, analysis);
  }
  return { files: ordered, parsed, cached, workers: pool?.size ?? 0 };
}

interface Miss {
  relative: string;
  source: string;
  hash: string;
  stamp: FileStamp;
}

/**
 * One file: a cache hit by size and mtime (not even read), by content hash, an unanalysable file
 * (unreadable, binary, not UTF-8, too large), or a miss to parse.
 */
function readSourceFile(root: string, absolute: string, cache: FileCache | null): { relative: string; analysis: FileAnalysis; fromCache: boolean } | { miss: Miss } {
  const relative = toRelative(root, absolute);
  let stamp: FileStamp;
  let bytes: Uint8Array;
  // Synchronous reads on purpose: for thousands of small files they cost a fraction of the
  // promise-based calls (no thread-pool round trip per open, stat, read, close).
  try {
    const stats = statSync(absolute);
    stamp = { size: stats.size, mtimeMs: stats.mtimeMs };
    const unchanged = cache?.getByStamp(relative, stamp);
    if (unchanged) return { relative, analysis: unchanged, fromCache: true };
    bytes = readFileSync(absolute);
  } catch (error) {
    return { relative, analysis: unanalysable(`File could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); it was not analysed.`), fromCache: false };
  }
  const hash = contentHash(bytes);
  const hit = cache?.get(relative, hash, stamp);
  if (hit) return { relative, analysis: hit, fromCache: true };
  const decoded = decodeSource(bytes);
  if ('error' in decoded) return { relative, analysis: unanalysable(decoded.error), fromCache: false };
  return { miss: { relative, source: decoded.text, hash, stamp } };
}
