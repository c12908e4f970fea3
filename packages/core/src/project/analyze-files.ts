import { promises as fs } from 'node:fs';
import os from 'node:os';
import type { Rule } from '../rules/types.js';
import { analyzeSource, decodeSource } from './analyze-file.js';
import { contentHash, type FileCache } from './cache.js';
import type { FileAnalysis } from './file-analysis.js';
import { toRelative } from './paths.js';
import { analyzeInWorkers } from './worker-pool.js';

/** Below this many files to parse, starting threads costs more than it saves. */
const WORKER_THRESHOLD = 200;
const READ_CONCURRENCY = 64;

export interface FileSetAnalysis {
  files: Map<string, FileAnalysis>;
  parsed: number;
  cached: number;
  workers: number;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

function unanalysable(message: string): FileAnalysis {
  return { imports: [], facts: { routes: 0, entities: 0, moduleSyntax: 'none' }, reports: {}, problem: { message, line: 1, column: 1 } };
}

/** Reads, hashes, and analyses every source file: cache hits are reused, misses parsed (in workers when many). */
export async function analyzeFiles(
  root: string,
  absoluteFiles: readonly string[],
  rules: readonly Rule[],
  cache: FileCache | null,
  maxWorkers = os.availableParallelism(),
): Promise<FileSetAnalysis> {
  const files = new Map<string, FileAnalysis>();
  const misses: { relative: string; source: string; hash: string }[] = [];
  let cached = 0;
  await mapLimited(absoluteFiles, READ_CONCURRENCY, async (absolute) => {
    const relative = toRelative(root, absolute);
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(absolute);
    } catch (error) {
      files.set(relative, unanalysable(`File could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); it was not analysed.`));
      return;
    }
    const hash = contentHash(bytes);
    const hit = cache?.get(relative, hash);
    if (hit) {
      files.set(relative, hit);
      cached++;
      return;
    }
    const decoded = decodeSource(bytes);
    if ('error' in decoded) {
      files.set(relative, unanalysable(decoded.error));
      return;
    }
    misses.push({ relative, source: decoded.text, hash });
  });
  const workers = misses.length >= WORKER_THRESHOLD && maxWorkers > 1 ? maxWorkers : 0;
  const results = workers
    ? await analyzeInWorkers(misses, workers)
    : misses.map(({ relative, source }) => analyzeSource(relative, source, rules));
  misses.forEach((miss, index) => {
    const analysis = results[index]!;
    files.set(miss.relative, analysis);
    cache?.set(miss.relative, miss.hash, analysis);
  });
  // Reads finish in any order; results keep the discovery order so every run is byte-for-byte the same.
  const ordered = new Map<string, FileAnalysis>();
  for (const absolute of absoluteFiles) {
    const relative = toRelative(root, absolute);
    const analysis = files.get(relative);
    if (analysis) ordered.set(relative, analysis);
  }
  return { files: ordered, parsed: misses.length, cached, workers };
}
