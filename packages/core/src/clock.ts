/**
 * Milliseconds on a monotonic clock, for durations. Not `performance.now()`: its first use loads
 * Node's perf_hooks internals (about 1 ms of every start-up, for a number the review prints once).
 */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;
