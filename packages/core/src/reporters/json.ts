import { jsonPieces } from '../json-pieces.js';
import type { AnalysisResult } from '../types.js';
import type { Reporter } from './types.js';

/**
 * The JSON report as pieces whose concatenation is the report (see json-pieces.ts): a writer that
 * writes them one by one encodes the graph, most of the text, as ASCII.
 */
export function jsonReportPieces(result: AnalysisResult): string[] {
  return [...jsonPieces(result, 2), '\n'];
}

/** The whole result, schema-versioned (`schemaVersion`); docs/json-schema.md documents every field. */
export const jsonReporter: Reporter = (result) => jsonReportPieces(result).join('');
