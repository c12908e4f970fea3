// The public API without the rule catalogue and the SARIF reporter (which lists it): what a command
// needs before it knows whether the engine must run. The CLI imports this, so that a review of an
// unchanged tree, which reuses the last result, never loads the rules or the program models; the
// package's index adds the catalogue back for library users.
export { analyze, type AnalyzeOptions } from './analyze.js';
export { loadConfig, readRawConfig, type LoadedConfig } from './config/load.js';
export type { StrataConfig, StrataConfigInput } from './config/schema.js';
export { DEFAULT_CONFIG } from './config/defaults.js';
export { ERROR_CODES, StrataError, type ErrorCode } from './errors.js';
export { applyBaseline, createBaseline, readBaseline, writeBaseline, type Baseline } from './findings/baseline.js';
export type { Rule, RuleMeta } from './rules/types.js';
export * from './types.js';
export { VERSION } from './version.js';
export { buildGraphView, type GraphLevel, type GraphView, type GraphViewOptions } from './graph/view.js';
export { formatGraph, GRAPH_FORMATS, type GraphFormat, type HtmlGraphSource } from './graph/format.js';
export { htmlGraphReport, htmlReporter, type HtmlGraphOptions } from './reporters/html/index.js';
export { jsonReporter, jsonReportPieces } from './reporters/json.js';
export { markdownReporter } from './reporters/markdown.js';
export { prettyReporter } from './reporters/pretty.js';
export type { Reporter, ReporterOptions } from './reporters/types.js';
export { exitCodeFor } from './findings/gate.js';
