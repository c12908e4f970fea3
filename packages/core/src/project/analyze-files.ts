import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import type { Rule } from '../rules/types.js';
import { analyzeSource, decodeSource } from './analyze-file.js';
import { contentHash, type FileCache, type FileStamp } from './cache.js';
import type { FileAnalysis } from './file-analysis.js';
import { toRelative } from './paths.js';
import { analyzeInWorkers } from './worker-pool.js';

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

/** Reads, hashes, and analyses every source file: cache hits are reused, misses parsed (in workers when many). */
export async function analyzeFiles(
  root: string,
  absoluteFiles: readonly string[],
  rules: readonly Rule[],
  cache: FileCache | null,
  maxWorkers = os.availableParallelism(),
): Promise<FileSetAnalysis> {
  const files = new Map<string, FileAnalysis>();
  const misses: { relative: string; source: string; hash: string; stamp: FileStamp }[] = [];
  let cached = 0;
  // Synchronous reads on purpose: nothing else runs yet, and for thousands of small files they cost
  // a fraction of the promise-based calls (no thread-pool round trip per open, stat, read, close).
  for (const absolute of absoluteFiles) {
    const relative = toRelative(root, absolute);
    let stamp: FileStamp;
    let bytes: Uint8Array;
    try {
      const stats = statSync(absolute);
      stamp = { size: stats.size, mtimeMs: stats.mtimeMs };
      const unchanged = cache?.getByStamp(relative, stamp);
      if (unchanged) {
        files.set(relative, unchanged);
        cached++;
        continue;
      }
      bytes = readFileSync(absolute);
    } catch (error) {
      files.set(relative, unanalysable(`File could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); it was not analysed.`));
      continue;
    }
    const hash = contentHash(bytes);
    const hit = cache?.get(relative, hash, stamp);
    if (hit) {
      files.set(relative, hit);
      cached++;
      continue;
    }
    const decoded = decodeSource(bytes);
    if ('error' in decoded) {
      files.set(relative, unanalysable(decoded.error));
      continue;
    }
    misses.push({ relative, source: decoded.text, hash, stamp });
  }
  const workers = misses.length >= WORKER_THRESHOLD && maxWorkers > 1 ? maxWorkers : 0;
  const results = workers
    ? await analyzeInWorkers(misses, workers)
    : misses.map(({ relative, source }) => analyzeSource(relative, source, rules));
  misses.forEach((miss, index) => {
    const analysis = results[index]!;
    files.set(miss.relative, analysis);
    cache?.set(miss.relative, miss.hash, miss.stamp, analysis);
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
