/** @strata/probe: run a Node.js service under load with an in-process sampler, then diagnose it. */
export { runProbe, type ProbeOptions, type ProbeRun, type Phase } from './runner/run.js';
export type { RouteTarget, LoadWindow } from './runner/load.js';
export { diagnose } from './analysis/diagnose.js';
export { formatProbeReport } from './report/index.js';
export { PROBE_FORMATS, type ProbeFormat } from './formats.js';
export { PROBE_REPORT_SCHEMA_VERSION, type ProbeReport, type ProbeFinding, type ProblemKind, type Culprit, type RouteFigures } from './report/types.js';
export { PROBE_ERROR_CODES, ProbeError, type ProbeErrorCode } from './errors.js';
export { isAlive } from './runner/service.js';
