/**
 * The messages between the probe (parent) and the sampler preloaded in the service (child). They travel
 * as newline-delimited JSON over a Unix socket whose path is in STRATA_PROBE_SOCKET: a socket, not an IPC
 * channel, because `npm start` and shells do not pass an IPC descriptor on to the real service.
 */
export const PROBE_SOCKET_ENV = 'STRATA_PROBE_SOCKET';

/**
 * The CPU profiler's sampling period, set by the sampler and read by the analysis, whose sample-count
 * thresholds follow from it. Each sample costs the service whether it is busy or not (a signal, a stack
 * walk, the profiler's events thread symbolising it): on the 2-core VM an idle process spent 30 ms of CPU
 * per second under a 4 ms period and 15 at 10 ms, and the bench's service under load lost 3.9 % of its
 * CPU per request to the sampler and the profiler at 10 ms. At 20 ms the profiled part of a route (its
 * warm-up and first window, runner/schedule.ts) still yields about 200 samples at the default duration (about
 * 37 in the tests' 1.5 s per route), enough to name a function by its share of the busy time, and a run of
 * 100 ms is 5 consecutive samples.
 */
export const CPU_SAMPLING_INTERVAL_US = 20_000;

/** The sampler's interval: a sample covers about this many ms before its timestamp (more when its timer fired late). */
export const SAMPLE_INTERVAL_MS = 250;

/** One sampling interval in the service, as the sampler measured it. Times in ms, sizes in bytes. */
export interface IntervalSample {
  /** Wall clock (Date.now()) at the end of the interval, to line up with the probe's load windows. */
  at: number;
  /** Event-loop delay beyond the timer's resolution, over the interval. */
  delay: { p50: number; p99: number; max: number };
  /**
   * CPU time the process used over the interval per wall-clock time (1 = one core busy). Not
   * libuv's event-loop utilization: the CPU profiler's sampling signals wake the poll, so that
   * figure reads ~0.8 on an idle loop while the profiler runs.
   */
  cpu: number;
  /**
   * libuv's event-loop utilization over the interval: the share of the loop's time spent outside its poll
   * for I/O. Read while the CPU profiler is off: its sampling signals wake the poll, which inflates it.
   */
  elu: number;
  heapUsed: number;
  heapTotal: number;
  rss: number;
  /** GC pauses in the interval, the probe's own forced collections excluded. */
  gc: { count: number; ms: number; maxMs: number; byKind: Record<string, number> };
  /** Outbound calls that finished in the interval, one entry per kind and target. */
  io: IoAggregate[];
}

export interface IoAggregate {
  kind: 'http' | 'fetch' | 'pg' | 'mysql2' | 'ioredis';
  /** Host:port for HTTP, the driver name for databases. */
  target: string;
  /** Whether the call had a timeout: 'set', 'none', or 'unknown' when the client does not expose it. */
  timeout: 'set' | 'none' | 'unknown';
  count: number;
  errors: number;
  totalMs: number;
  maxMs: number;
  /** The most calls to this target in flight at once during the interval. */
  maxInFlight: number;
  /** A call site in the service's code for the slowest call, when the stack shows one: `file:line:column` of the JavaScript that ran. */
  site?: string;
}

/** Of two timeout states, the one that says less is guarded: one call without a timeout taints its target. */
export function worseTimeout(a: IoAggregate['timeout'], b: IoAggregate['timeout']): IoAggregate['timeout'] {
  if (a === 'none' || b === 'none') return 'none';
  return a === 'unknown' || b === 'unknown' ? 'unknown' : 'set';
}

/**
 * A post-GC heap reading. The probe reads the heap right after the service's own full collections under
 * load ('service'); only for a load window in which the service ran none does it force one ('forced'): a
 * forced collection makes V8 deoptimise the service's hot code (see sampler/post-gc.ts), its own do not.
 */
export interface HeapReading {
  /** Wall clock (Date.now()) when the collection ended. */
  at: number;
  /**
   * Bytes in use in the old generation (every heap space but the young generation's) right after the
   * collection: what survived it. The young generation is left out because an own collection is read a
   * millisecond or so later, by when requests have allocated there again.
   */
  bytes: number;
  source: 'service' | 'forced';
}

export interface ProfileClock {
  wallMs: number;
  monotonicUs: number;
}

export type SamplerMessage =
  | { type: 'hello'; pid: number; ppid: number; argv: string[] }
  | { type: 'listening'; pid: number; port: number; address: string }
  | { type: 'sample'; pid: number; sample: IntervalSample }
  | {
      type: 'reply';
      pid: number;
      id: number;
      /** On window-end: the post-GC readings taken since window-start. */
      readings?: HeapReading[];
      /** On cpu-start: the wall clock and the monotonic clock (µs, the CPU profile's) at one instant. */
      clock?: ProfileClock;
      cpuProfileFile?: string;
      heapProfileFile?: string;
      error?: string;
    };

export type ProbeCommand =
  /** Start streaming samples: this process is the service. */
  | { type: 'select'; id: number }
  /**
   * Stop streaming (the timer, the loop-delay histogram, the GC observer): the process runs as if only
   * preloaded. The overhead bench switches the probe off and on in one process with it and `select`.
   */
  | { type: 'deselect'; id: number }
  /** A load window starts: the post-GC readings start afresh. */
  | { type: 'window-start'; id: number }
  /** The window's load is over: the readings since window-start, and a forced one if there were none. */
  | { type: 'window-end'; id: number }
  /**
   * Start the sampling heap profiler, which then runs until the end of the process or of the probe, and
   * through every route: starting and stopping it costs a full collection (see heap-profile).
   */
  | { type: 'heap-start'; id: number }
  /**
   * Write into `dir` what the sampling heap profiler holds after a full collection (V8 runs one to answer):
   * what was allocated since it started, or since the last heap-profile, and stayed alive. It then samples on.
   */
  | { type: 'heap-profile'; id: number; dir: string; name: string }
  /** Start the CPU profiler; the reply carries the clocks that line its timestamps up with the wall clock. */
  | { type: 'cpu-start'; id: number }
  /** Stop the CPU profiler and write its profile into `dir`. */
  | { type: 'cpu-stop'; id: number; dir: string; name: string };
