import { formatLocation, locationKey, type CodeLocation } from './profiles.js';
import { worseTimeout } from '../protocol.js';
import type { Culprit, OutboundFigures, ProbeFinding } from '../report/types.js';
import { formatBytes, formatMs, formatShare } from '../units.js';
import { describeFunctionTime, type FunctionTime } from './cpu.js';
import { GC_MS_PER_SECOND, GC_SHARE_OF_TIME, isGcPausePressure, isGcPressure } from './gc-pressure.js';
import type { HeapCulprit } from './heap.js';
import { isGrowing } from './heap-trend.js';
import { OR_INLINED_CALLEE } from './inlining.js';
import { SPIKE_MS, type PhaseMeasure } from './phase.js';
import type { LinkedRule } from './static-rules.js';

// Thresholds start from clinic.js doctor's published ones.
export const DELAY_MEDIAN_MS = 10;
/**
 * Readings after the service's own full collections carry what the requests in flight held then, and what
 * died while the collection was marking: a route that allocates megabytes per request and keeps nothing
 * (the tests' /alloc, megabytes per request at 4 connections) reads anywhere between 21 and 100 MB from one
 * collection to the next, and three windows of one or two readings rise by chance: it got a memory-growth
 * finding in 1 of 11 runs of the diagnosis suite beside one or two busy cores, and in 2 of 4 runs as a process's first,
 * cold route. A leak also shows in the sampling heap profile, which holds what stayed alive after a full
 * collection: over 28 runs beside two busy cores the leaking fixture's held 1.0 to 4.4 times what its line
 * predicts for the span the profile covers at least, the allocating one's nothing (one 512 KB sample in 3 of
 * them). The finding needs at least half of the prediction there. The profile holds what stayed alive of
 * everything allocated since the heap sampler started or was last read (runner/run.ts): for a route after
 * others whose heap did not grow, what they left alive too, which is little by that very test.
 */
const HEAP_PROFILE_AGREEMENT = 0.5;
/** Event-loop utilization above which a late loop is busy with the service's own work. */
const BUSY_ELU = 0.5;
/** Long runs of the same code that make spikes a pattern rather than an accident. */
const MIN_LONG_TASKS = 2;
/** A function named as the culprit must account for at least this share of the busy CPU time. */
const CULPRIT_SHARE = 0.2;
const SLOW_MEAN_MS = 500;
const SLOW_MAX_MS = 2000;
const MAX_IN_FLIGHT = 50;

function culpritOf(location: CodeLocation): Culprit {
  return { function: location.name, file: location.file, line: location.line };
}

function describeDelay(measure: PhaseMeasure): string {
  const delay = measure.figures.loopDelayMs;
  return `event-loop delay under load: median ${formatMs(delay.p50)}, p99 ${formatMs(delay.p99)}, max ${formatMs(delay.max)}; ${measure.spikes} of ${measure.samples.length} intervals spiked ≥ ${SPIKE_MS} ms beyond GC pauses (thresholds: median ≥ ${DELAY_MEDIAN_MS} ms or spikes ≥ ${SPIKE_MS} ms)`;
}

function describeLatency(measure: PhaseMeasure): string {
  const f = measure.figures;
  return `${f.requests} requests at ${f.rps.toFixed(0)} req/s with ${measure.phase.windows.length ? 'the probe\'s load' : 'external load'}: latency p50 ${formatMs(f.latencyMs.p50)}, p99 ${formatMs(f.latencyMs.p99)}`;
}

/**
 * Which static rule sees the cause in source: what the culprit was calling decides. Pure computation in a
 * handler has none: long-work-in-request looks for e-mail, PDF, image and export calls, not for loops.
 */
function blockingRule(time: FunctionTime | undefined): LinkedRule | null {
  const callee = time?.hottestCallee ?? '';
  if (/^(JSON\.)?(parse|stringify)$/.test(callee)) return 'event-loop-blocking-json';
  if (/Sync$/.test(callee)) return 'sync-io-in-request';
  return null;
}

function gcReadings(measure: PhaseMeasure): Parameters<typeof isGcPressure>[0] {
  return { overall: measure.gcMsPerSecond, byWindow: measure.gcMsPerSecondByWindow, shareOfBusy: measure.gcShareOfBusy };
}

/** The function the GC finding names: the top one, judged against the time outside the collector. */
function gcCulprit(measure: PhaseMeasure): { time: FunctionTime; mutatorShare: number } | undefined {
  const top = measure.cpu.functions[0];
  const mutatorMs = measure.cpu.busyMs - measure.cpu.gcMs;
  const mutatorShare = top && mutatorMs > 0 ? top.ms / mutatorMs : 0;
  return top && mutatorShare >= CULPRIT_SHARE ? { time: top, mutatorShare } : undefined;
}

/** The stalled loop's signs, its longest run of code, and the function that blocked it. */
interface Blocking {
  longest: PhaseMeasure['longTasks'][number] | undefined;
  culprit: FunctionTime | undefined;
  /** Whether the culprit is the owner of the longest runs of code where the loop spiked. */
  byLongTask: boolean;
}

function blockingOf(measure: PhaseMeasure): Blocking | null {
  const delay = measure.figures.loopDelayMs;
  const longest = measure.longTasks[0];
  // A loop the service keeps busy is one its own code blocks; a late loop that sat idle waited for a
  // CPU the machine did not give it (seen at a load average of 15 on two cores: median delay 49 ms at
  // a utilization of 0.04).
  const sustained = delay.p50 >= DELAY_MEDIAN_MS && measure.figures.elu >= BUSY_ELU;
  // A spike the CPU profile cannot show as one long run of code was the machine (the process was not
  // scheduled), not the service; one long run in a route's whole load can be a one-off (lazy
  // initialisation, a cold cache). Spikes count when long runs of the same code recur.
  const spiky = measure.spikes > 0 && longest !== undefined && longest.count >= MIN_LONG_TASKS;
  if (!sustained && !spiky) return null;
  const top = measure.cpu.functions[0];
  const byLongTask = longest?.location ? measure.cpu.functions.find((time) => locationKey(time.location) === locationKey(longest.location!)) : undefined;
  return { longest, culprit: byLongTask ?? (top && top.share >= CULPRIT_SHARE ? top : undefined), byLongTask: byLongTask !== undefined };
}

/**
 * Whether the route puts the collector under pressure: isGcPressure, or clinic's pauses where the function
 * that blocks the loop is the one whose allocation the collector clears. The second is how an allocating
 * route reads once V8 has adapted to it: on the tests' allocation-heavy route, after three windows of load
 * (when a route's first pass calls for the CPU profiler) the collector's share of the busy samples fell from
 * 65 to 86 % to 25 to 32 %, at 134 to 340 ms of pauses a second (V8 pretenures what survives, and scavenges
 * copy less), while its builder blocked the loop for a median 40 to 96 ms.
 */
function underGcPressure(measure: PhaseMeasure, blocking: FunctionTime | undefined): boolean {
  const readings = gcReadings(measure);
  return isGcPressure(readings) || (isGcPausePressure(readings) && blocksWhereItAllocates(measure, blocking));
}

/** Whether the function blocking the loop is the one the GC finding names as allocating. */
function blocksWhereItAllocates(measure: PhaseMeasure, blocking: FunctionTime | undefined): boolean {
  const allocating = gcCulprit(measure)?.time;
  return blocking !== undefined && allocating !== undefined && locationKey(blocking.location) === locationKey(allocating.location);
}

/**
 * Whether a blocked loop is the collector's doing: the route is under GC pressure, and the collector took
 * more of the busy time than any function, or the function blocking is the one the GC finding names as
 * allocating (its time is spent building what the collector then clears: one finding, whose evidence carries
 * the loop delay). Beside two busy cores (load 6 to 9), in 2 of 28 runs the allocation-heavy fixture's builder
 * took more of the busy time than the collector, and the route got both findings for the same function.
 */
function gcDominates(measure: PhaseMeasure, blocking: FunctionTime | undefined): boolean {
  if (!underGcPressure(measure, blocking)) return false;
  const top = measure.cpu.functions[0];
  const gcShare = measure.cpu.busyMs ? measure.cpu.gcMs / measure.cpu.busyMs : 0;
  return gcShare > (top?.share ?? 0) || blocksWhereItAllocates(measure, blocking);
}

export function blockingFinding(measure: PhaseMeasure): ProbeFinding | null {
  const blocking = blockingOf(measure);
  if (!blocking) return null;
  const { longest, culprit, byLongTask } = blocking;
  // A loop stalled by the collector is GC pressure: the GC finding names the allocating function.
  if (gcDominates(measure, culprit)) return null;
  const elsewhere = Object.entries(measure.cpu.dependencyMs).sort((a, b) => b[1] - a[1])[0];
  const evidence = [describeDelay(measure), `event-loop utilization ${measure.figures.elu.toFixed(2)}`, describeLatency(measure)];
  if (longest) {
    const owner = longest.location ? formatLocation(longest.location) : `the ${longest.dependency} package`;
    evidence.push(`CPU profile: ${longest.count} uninterrupted run${longest.count === 1 ? '' : 's'} of ${owner} of ${SPIKE_MS} ms or more where the loop delay spiked, the longest ${formatMs(longest.maxMs)}`);
  }
  if (culprit) evidence.push(`CPU profile: ${describeFunctionTime(culprit)} took ${formatMs(culprit.ms)} of ${formatMs(measure.cpu.busyMs)} busy (${formatShare(culprit.share)})`);
  else if (elsewhere) evidence.push(`CPU profile: no function of the project stands out; most busy time outside it is in ${elsewhere[0]} (${formatMs(elsewhere[1])} of ${formatMs(measure.cpu.busyMs)})`);
  const rule = blockingRule(culprit);
  return {
    kind: 'event-loop-blocking',
    severity: 'error',
    route: measure.label,
    what: culprit ? `${measure.label} blocks the event loop in ${formatLocation(culprit.location)}` : `${measure.label} blocks the event loop`,
    why: 'While one request runs synchronous work, no other request, timer or health check on this process is served: every concurrent request waits, tail latency grows with load, and liveness probes can fail.',
    fix:
      rule === 'event-loop-blocking-json'
        ? 'Bound the payload size, or parse/serialize large documents in a worker thread or as a stream.'
        : rule === 'sync-io-in-request'
          ? 'Use the asynchronous API (fs.promises, crypto.scrypt, zlib streams) instead of the *Sync call.'
          : 'Move the CPU-heavy work off the request path: a worker thread (piscina), a job queue, or precompute and cache the result; if it must stay inline, chunk it and yield with setImmediate.',
    culprit: culprit ? culpritOf(culprit.location) : null,
    confidence: culprit && (culprit.share >= 0.5 || (byLongTask && longest!.count >= 3 && culprit.share >= CULPRIT_SHARE)) ? 'high' : 'medium',
    evidence,
    rule,
  };
}

/** The function the heap profile names, with the hedge when it may stand for a callee inlined into it. */
function heapCulpritName(culprit: HeapCulprit): string {
  return `${formatLocation(culprit.location)}${culprit.unseparated ? ` ${OR_INLINED_CALLEE}` : ''}`;
}

/** What the heap profile says of the function it names, and how sure it can be of the function. */
function heapCulpritEvidence(culprit: HeapCulprit): string {
  const { inlinedInto, unseparated } = culprit;
  const parts = [`sampling heap profile: ${heapCulpritName(culprit)} allocated ${formatShare(culprit.share)} of what was still alive after that collection`];
  if (inlinedInto) parts.push(`charged partly to ${formatLocation(inlinedInto)}, which the optimiser inlined it into (while it still ran on its own, it allocated most of what the two did)`);
  if (unseparated) {
    const { callee, samples } = unseparated;
    parts.push(`the profile charges an inlined function's allocations to its caller, and ${formatLocation(callee)}, which it calls, showed on its own in ${samples} sample${samples === 1 ? '' : 's'}, too few to tell the two apart`);
  }
  return parts.join('; ');
}

export function memoryFinding(measure: PhaseMeasure): ProbeFinding | null {
  const trend = measure.heapTrend;
  // A trend needs a reading in every window, and at least three windows: never one sample.
  if (!trend || !isGrowing(trend)) return null;
  // The heap profile was read at the route's end (runner/run.ts), after a full collection: it holds at least
  // what the route left alive, which the line puts at its growth over the windows.
  const expectedRetained = trend.growth;
  if (!measure.phase.heapProfile || measure.heap.retainedBytes < expectedRetained * HEAP_PROFILE_AGREEMENT) return null;
  const confidence = trend.r2 >= 0.9 ? 'high' : 'medium';
  const rate = measure.requests ? `${formatBytes(trend.slope)} per request` : `${formatBytes(trend.slope * 60_000)} per minute`;
  const heap = measure.heap.culprit;
  const culprit = heap && heap.share >= 0.3 ? heap : undefined;
  const own = trend.readings - trend.forced;
  const sources = `${own} after the service's own full collections under load${trend.forced ? `, ${trend.forced} forced where a window had none` : ''}`;
  const evidence = [
    `post-GC heap, the median of each load window's readings: ${trend.byWindow.map(formatBytes).join(' → ')} (${trend.readings} readings: ${sources}); the line through them grows ${formatBytes(trend.growth)} over ${measure.requests ? `${measure.requests} requests` : 'the measurement'} (${rate}, r² ${trend.r2.toFixed(2)})`,
  ];
  evidence.push(`sampling heap profile: ${formatBytes(measure.heap.retainedBytes)} allocated up to the route's end still alive after a full collection, where the line predicts at least ${formatBytes(expectedRetained)}`);
  if (culprit) evidence.push(heapCulpritEvidence(culprit));
  if (measure.gcMsPerSecond >= GC_MS_PER_SECOND) evidence.push(`the growing heap also costs ${formatMs(measure.gcMsPerSecond)} of GC per second`);
  return {
    kind: 'memory-growth',
    severity: 'error',
    route: measure.label,
    what: `${measure.label} leaves memory behind: the heap grows by about ${rate}${culprit ? `, allocated in ${heapCulpritName(culprit)}` : ''}`,
    why: 'Memory that survives every full collection grows with traffic until the process hits its heap limit and crashes, and full GCs get slower as the heap grows. State kept in the process also breaks horizontal scaling: each instance sees its own copy.',
    fix: 'Bound what is kept (an LRU with a maximum size and TTL), move shared state to Redis or the database, and remove listeners, timers and closures that hold request objects.',
    culprit: culprit ? { ...culpritOf(culprit.location), ...(culprit.unseparated ? { orInlinedCallee: true as const } : {}) } : null,
    confidence,
    evidence,
    rule: 'stateful-process',
  };
}

export function gcFinding(measure: PhaseMeasure, memoryFound: boolean): ProbeFinding | null {
  if (memoryFound || !underGcPressure(measure, blockingOf(measure)?.culprit)) return null;
  // The allocating function is judged against the time the program itself ran, the collector's excluded.
  const allocating = gcCulprit(measure);
  const culprit = allocating?.time;
  const mutatorShare = allocating?.mutatorShare ?? 0;
  const kinds = Object.entries(measure.gcMsByKind)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, ms]) => `${kind} ${formatMs(ms)}`)
    .join(', ');
  const evidence = [
    `${formatMs(measure.gcMsPerSecond)} of GC pauses per second of load (threshold ${GC_MS_PER_SECOND} ms/s, over the load and in the median window); per load window ${measure.gcMsPerSecondByWindow.map((ms) => formatMs(ms)).join(', ')}; by kind: ${kinds}; longest pause ${formatMs(measure.maxGcPauseMs)}`,
    `CPU profile: the garbage collector held ${formatShare(measure.gcShareOfBusy)} of the busy samples in the load windows (threshold ${formatShare(GC_SHARE_OF_TIME)}, or ${GC_SHARE_OF_TIME * 1000} ms/s in the median window), ${formatShare(measure.cpu.busyMs ? measure.cpu.gcMs / measure.cpu.busyMs : 0)} of the busy time over the route's load`,
    describeDelay(measure),
  ];
  if (culprit) evidence.push(`CPU profile: ${describeFunctionTime(culprit)} ran ${formatShare(mutatorShare)} of the time outside the collector: what it allocates is what the collector clears`);
  if (!isGcPressure(gcReadings(measure))) evidence.push(`below the collector's share, the pauses count because the function that blocks the loop is this allocating one`);
  return {
    kind: 'gc-pressure',
    severity: 'warn',
    route: measure.label,
    what: `${measure.label} puts the garbage collector under pressure${culprit ? `: ${formatLocation(culprit.location)} allocates heavily` : ''}`,
    why: 'GC pauses stop the event loop: time spent collecting is time no request is served, and it grows with concurrency, showing up as tail latency and lower throughput.',
    fix: 'Allocate less per request: stream or paginate instead of building large arrays, reuse buffers, avoid intermediate copies (map/filter chains, spread) on big collections, and keep large objects from outliving the request.',
    culprit: culprit ? culpritOf(culprit.location) : null,
    confidence: culprit && mutatorShare >= 0.5 ? 'high' : 'medium',
    evidence,
    rule: culprit && /^(JSON\.)?(parse|stringify)$/.test(culprit.hottestCallee ?? '') ? 'event-loop-blocking-json' : null,
  };
}

const DATABASE_KINDS = new Set(['pg', 'mysql2', 'ioredis']);

/**
 * One figure per dependency: a call that outlives its route's load window finishes under the next route,
 * so the same dependency can show under two routes; it is charged to the route with most of its calls.
 */
function perDependency(outbound: readonly OutboundFigures[]): OutboundFigures[] {
  const merged = new Map<string, OutboundFigures>();
  for (const call of outbound) {
    const key = `${call.kind} ${call.target}`;
    const into = merged.get(key);
    if (!into) {
      merged.set(key, { ...call });
      continue;
    }
    const calls = into.calls + call.calls;
    merged.set(key, {
      route: call.calls > into.calls ? call.route : into.route,
      kind: call.kind,
      target: call.target,
      calls,
      errors: into.errors + call.errors,
      meanMs: calls ? (into.meanMs * into.calls + call.meanMs * call.calls) / calls : 0,
      maxMs: Math.max(into.maxMs, call.maxMs),
      maxInFlight: Math.max(into.maxInFlight, call.maxInFlight),
      timeout: worseTimeout(into.timeout, call.timeout),
      site: into.site ?? call.site,
    });
  }
  return [...merged.values()];
}

export function outboundFindings(outbound: readonly OutboundFigures[]): ProbeFinding[] {
  const findings: ProbeFinding[] = [];
  for (const call of perDependency(outbound)) {
    const name = `${call.kind} ${call.target}`;
    const site = call.site ? ` (called from ${call.site})` : '';
    const stats = `${call.calls} calls, mean ${formatMs(call.meanMs)}, max ${formatMs(call.maxMs)}, ${call.errors} failed, at most ${call.maxInFlight} in flight`;
    const database = DATABASE_KINDS.has(call.kind);
    const timeoutRule = database ? 'db-without-timeouts' : 'outbound-call-without-timeout';
    if (call.meanMs >= SLOW_MEAN_MS || call.maxMs >= SLOW_MAX_MS) {
      findings.push({
        kind: 'slow-outbound',
        severity: call.timeout === 'none' ? 'error' : 'warn',
        route: call.route,
        what: `slow calls to ${name}${site}`,
        why: 'A request waits for its slowest dependency; without a deadline, a stalled dependency holds sockets and memory until the service runs out of them.',
        fix: `Give every call a deadline shorter than the request's (${database ? 'statement_timeout / commandTimeout' : 'AbortSignal.timeout(…), undici headersTimeout'}), retry idempotent calls with backoff, and cache or queue what does not need to be inline.`,
        culprit: null,
        confidence: 'high',
        evidence: [stats, `timeout: ${call.timeout}`],
        rule: call.timeout === 'set' ? null : timeoutRule,
      });
    } else if (call.timeout === 'none') {
      findings.push({
        kind: 'outbound-without-timeout',
        severity: 'warn',
        route: call.route,
        what: `calls to ${name} have no timeout${site}`,
        why: 'They are fast today; the day the dependency stalls, every request waits with it and the service stops answering.',
        fix: database ? 'Set statement_timeout (pg), commandTimeout (ioredis) or a per-query timeout (mysql2).' : 'Pass a timeout (http.request({ timeout }) or AbortSignal.timeout(…)) on every outbound call.',
        culprit: null,
        confidence: 'high',
        evidence: [stats],
        rule: timeoutRule,
      });
    }
    if (call.maxInFlight >= MAX_IN_FLIGHT) {
      findings.push({
        kind: 'outbound-concurrency',
        severity: 'warn',
        route: call.route,
        what: `${call.maxInFlight} calls to ${name} in flight at once${site}`,
        why: 'Unbounded fan-out turns one request into a burst on the dependency: it exhausts connection pools and file descriptors and overloads the dependency exactly when traffic is high.',
        fix: 'Bound the concurrency (p-limit, a pool with a maximum size, batching) and apply backpressure upstream.',
        culprit: null,
        confidence: 'high',
        evidence: [stats],
        rule: 'unbounded-concurrency',
      });
    }
  }
  return findings;
}
