/** The JSON report's version: bumped on any change that can break a reader (docs/probe.md). */
export const PROBE_REPORT_SCHEMA_VERSION = 2;

export type ProblemKind = 'event-loop-blocking' | 'memory-growth' | 'gc-pressure' | 'slow-outbound' | 'outbound-without-timeout' | 'outbound-concurrency';

/** A function in the service's own code. `file` is relative to the service's directory; `line` is 1-based. */
export interface Culprit {
  function: string;
  file: string;
  line: number;
  /**
   * Present when the heap profile could not tell the function's own allocations from those of a callee the
   * optimiser inlined into it: the allocation is in the function or in one of its own callees.
   */
  orInlinedCallee?: true;
}

export interface ProbeFinding {
  kind: ProblemKind;
  severity: 'error' | 'warn';
  /** The route under load when the problem showed (`GET /orders`, or `external load` with --attach-only). */
  route: string | null;
  /** What is wrong, in one line. */
  what: string;
  why: string;
  fix: string;
  culprit: Culprit | null;
  /** How sure the probe is: memory growth and attributions are statistical. */
  confidence: 'high' | 'medium' | 'low';
  /** The measurements behind the finding, one line each. */
  evidence: string[];
  /** The static rule of `strata review` that catches the cause in source, when there is one. */
  rule: string | null;
}

export interface DelayFigures {
  p50: number;
  p99: number;
  max: number;
}

export interface RouteFigures {
  route: string;
  requests: number;
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Event-loop delay in ms during this route's load: median of the interval medians, of the p99s, and the maximum. */
  loopDelayMs: DelayFigures;
  /**
   * Event-loop utilization under this route's load: the share of the CPU profile's samples in its windows
   * that were not idle where the route was profiled, else libuv's figure over its windows.
   */
  elu: number;
  gcMsPerSecond: number;
  /**
   * Post-GC heap during the route's load, bytes, in order: the old generation right after each of the
   * service's own full collections in its windows, and one forced after each window that had none.
   */
  postGcHeap: number[];
  /** How many of those the probe forced. */
  forcedCollections: number;
  /**
   * Why the route's CPU was profiled: what its first pass showed ('a stalled loop', 'GC pressure'), or
   * 'attach-only'; null when nothing needed a profile to explain (then topFunctions is empty).
   */
  profiledFor: string | null;
  /** Whether the heap profile was read at the route's end: only when its post-GC heap grew as a leak does. */
  heapProfiled: boolean;
  /** The project's functions that took most CPU time in the route's profiled windows. */
  topFunctions: Array<Culprit & { ms: number; share: number }>;
}

export interface OutboundFigures {
  /** The route under load while the calls were made (the probe loads one route at a time). */
  route: string;
  kind: string;
  target: string;
  calls: number;
  errors: number;
  meanMs: number;
  maxMs: number;
  maxInFlight: number;
  timeout: 'set' | 'none' | 'unknown';
  site: string | null;
}

/** One sampling interval, for charts. `t` is ms since the probe began measuring. */
export interface TimelinePoint {
  t: number;
  delayP50: number;
  delayP99: number;
  delayMax: number;
  /** CPU time the process used per wall-clock time over the interval (1 = one core). */
  cpu: number;
  heapUsed: number;
  rss: number;
  gcMs: number;
}

export interface ProbeReport {
  schemaVersion: typeof PROBE_REPORT_SCHEMA_VERSION;
  tool: { name: 'strata probe'; version: string };
  command: string[];
  url: string;
  pid: number;
  startedAt: string;
  durationMs: number;
  connections: number;
  attachOnly: boolean;
  verdict: 'healthy' | 'problems';
  summary: {
    requests: number;
    loopDelayMs: DelayFigures;
    /** Event-loop utilization under load, the routes' figures weighted by their load time. */
    elu: number;
    gcMsPerSecond: number;
    maxGcPauseMs: number;
    gcMsByKind: Record<string, number>;
    maxRss: number;
    /** Post-GC heap at the first and last reading, its linear trend across the whole run, and how many readings were forced. */
    postGcHeap: { first: number; last: number; bytesPerMinute: number; r2: number; samples: number; forced: number };
  };
  routes: RouteFigures[];
  outbound: OutboundFigures[];
  findings: ProbeFinding[];
  timeline: TimelinePoint[];
  /** Load windows and post-GC readings on the same clock as the timeline. */
  windows: Array<{ route: string; start: number; end: number }>;
  /** `source`: 'service' for the service's own full collections under load, 'forced' for one the probe forced. */
  postGcReadings: Array<{ t: number; bytes: number; source: 'service' | 'forced' }>;
}
