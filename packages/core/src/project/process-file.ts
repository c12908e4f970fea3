import { readFileSync } from 'node:fs';
import type { Rule } from '../rules/types.js';
import { analyzeSource } from './analyze-file.js';
import { contentHash } from './cache.js';
import { decodeSource } from './decode.js';
import { unanalysable, type FileAnalysis } from './file-analysis.js';
import { excessiveNesting } from './nesting-guard.js';

export interface FileJob {
  relative: string;
  absolute: string;
  /** The content hash the cache holds for this path, if any: equal bytes need no parse. */
  knownHash?: string;
  /** Build the program model (functions, classes, calls) of the file. */
  program?: boolean;
  /** The rules whose visitors run (ids); every rule's when absent. A rule turned off costs nothing per file. */
  visitorRules?: readonly string[];
}

export type FileOutcome = { hash: string; unchanged: true } | { hash: string; analysis: FileAnalysis };

/**
 * Read, hash, decode and analyse one file: the same work in a parser thread or on the main thread,
 * so reading and hashing run in parallel with parsing instead of ahead of it.
 */
export function processFile(job: FileJob, rules: readonly Rule[]): FileOutcome {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(job.absolute);
  } catch (error) {
    return { hash: '', analysis: unanalysable(`File could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); it was not analysed.`) };
  }
  const hash = contentHash(bytes);
  if (hash === job.knownHash) return { hash, unchanged: true };
  const decoded = decodeSource(bytes);
  if ('error' in decoded) return { hash, analysis: unanalysable(decoded.error) };
  // Checked before parsing: past a few thousand levels the native parser overflows its stack and the process dies.
  const tooDeep = excessiveNesting(decoded.text);
  if (tooDeep) return { hash, analysis: unanalysable(tooDeep.message, tooDeep.line, tooDeep.column) };
  const active = job.visitorRules ? rules.filter((rule) => job.visitorRules!.includes(rule.meta.id)) : rules;
  return { hash, analysis: analyzeSource(job.relative, decoded.text, active, { program: job.program === true }) };
}
