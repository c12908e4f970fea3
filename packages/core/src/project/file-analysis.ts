import type { EdgeKind } from '../types.js';
import type { FileReport } from '../rules/types.js';
import type { ProgramSummary } from '../program/summary.js';
import type { Suppression } from './suppressions.js';

export interface RawImport {
  specifier: string;
  kind: EdgeKind;
  line: number;
  column: number;
  /**
   * The names taken from the module (`default` for a default import); absent when the whole module
   * is taken (namespace import, `export *`, require, dynamic import) or nothing is (side-effect import).
   */
  names?: string[];
  /** For re-exports: exported name -> name in the target module (`*` -> `*` for `export *`). */
  reExports?: { exported: string; imported: string }[];
}

/** What the walk learns of a file for context detection: cheap counts, not ASTs. */
export interface FileFacts {
  routes: number;
  entities: number;
  moduleSyntax: 'esm' | 'commonjs' | 'none';
  /** Only re-exports (an `index.ts` barrel): it has no layer of its own and is seen through. */
  barrel: boolean;
  /** The file exports only types, or only types and abstract classes (a port); absent: run-time code. */
  declares?: 'types' | 'abstractions';
  /** The file only imports, constructs and exports: a slice's wiring, placed in no layer. */
  composition?: boolean;
}

/** A file that could not be analysed: it becomes a `parse-error` finding. */
export interface FileProblem {
  message: string;
  line: number;
  column: number;
}

/** Everything the per-file pass produces. Config-free and deterministic, so it is cached by content hash. */
export interface FileAnalysis {
  imports: RawImport[];
  /** Names the file itself declares as exports (`default` included); re-exports are in `imports`. */
  exportedNames: string[];
  facts: FileFacts;
  /** Raw reports of rule visitors, by rule id. */
  reports: Record<string, FileReport[]>;
  problem?: FileProblem;
  /** `strata-ignore-…` comments, when the file has any. */
  suppressions?: Suppression[];
  /** The file's program model, when a rule that reads the program models is enabled and the file is application code. */
  program?: ProgramSummary;
}

export function emptyAnalysis(): FileAnalysis {
  return { imports: [], exportedNames: [], facts: { routes: 0, entities: 0, moduleSyntax: 'none', barrel: false }, reports: {} };
}

/** The analysis of a file that could not be analysed: no imports, one problem. */
export function unanalysable(message: string, line = 1, column = 1): FileAnalysis {
  return { ...emptyAnalysis(), problem: { message, line, column } };
}
