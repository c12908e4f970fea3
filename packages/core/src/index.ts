// The public API of @strata/core: analysis returns data, never prints.
export { analyze, type AnalyzeOptions } from './analyze.js';
export { loadConfig, readRawConfig, type LoadedConfig } from './config/load.js';
export type { StrataConfig, StrataConfigInput } from './config/schema.js';
export { DEFAULT_CONFIG } from './config/defaults.js';
export { ERROR_CODES, StrataError, type ErrorCode } from './errors.js';
export { applyBaseline, createBaseline, readBaseline, writeBaseline, type Baseline } from './findings/baseline.js';
export { RULES } from './rules/index.js';
export type { Rule, RuleMeta } from './rules/types.js';
export * from './types.js';
export { VERSION } from './version.js';
export { buildGraphView, type GraphLevel, type GraphView, type GraphViewOptions } from './graph/view.js';
export { formatGraph, GRAPH_FORMATS, type GraphFormat } from './graph/format.js';
export { jsonReporter } from './reporters/json.js';
export { markdownReporter } from './reporters/markdown.js';
export { prettyReporter } from './reporters/pretty.js';
export { sarifReporter } from './reporters/sarif.js';
export type { Reporter, ReporterOptions } from './reporters/types.js';
export { exitCodeFor } from './findings/gate.js';
