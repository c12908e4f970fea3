import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ProbeError } from '../errors.js';
import type { HeapReading, IntervalSample, ProfileClock, SamplerMessage } from '../protocol.js';
import type { CpuProfile, HeapProfile } from '../analysis/profiles.js';
import { ControlServer } from './control.js';
import { samplerFile } from './sampler-file.js';
import { driveLoad, type LoadWindow, type RouteTarget } from './load.js';
import { probeEnvironment, startService, type ServiceExit } from './service.js';
import { cpuProfileReason, heapProfileWanted, warmUpMsFor, WINDOWS_PER_ROUTE } from './schedule.js';
import { canConnect, intervalAfter, loadUrlFor, sleep } from './wait.js';

export interface ProbeOptions {
  /** The command that starts the service, e.g. ['node', 'dist/main.js'] or ['npm', 'start']. */
  command: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where to send load; by default the first port the service listens on, over loopback. */
  url?: string;
  routes: RouteTarget[];
  connections: number;
  /** Load per route (or, with attachOnly, the whole measurement), in ms. */
  durationMs: number;
  /** Measure while someone else drives the load. */
  attachOnly: boolean;
  startupTimeoutMs: number;
  /**
   * How long the sampler gets to answer a command (a heap reading, a profile). It runs on the service's
   * event loop, so a loop blocked for longer (an endless loop in a handler) cannot answer: the run then
   * ends with SERVICE_UNRESPONSIVE instead of waiting forever. Default 30 s.
   */
  samplerTimeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** Where the service's own output goes; by default it is dropped (its stderr tail is kept for errors). */
  serviceOutput?: NodeJS.WritableStream;
}

/** A post-GC reading, with the load window (0-based) it was taken in or, when forced, right after. */
export type PhaseReading = HeapReading & { window: number };

/** One route's measurement: its load windows, the post-GC heap in each, and the profiles it needed. */
export interface Phase {
  /** null when the load came from outside (attach-only). */
  route: RouteTarget | null;
  start: number;
  end: number;
  /** The load windows of the route's first pass, then of its profiled pass when it had one. */
  windows: LoadWindow[];
  /** Post-GC heap after the service's own full collections in each window, or one forced after a window that had none. */
  readings: PhaseReading[];
  /**
   * The CPU profile of the route's second pass, which runs only when the first showed a stalled loop or GC
   * pressure (runner/schedule.ts); with --attach-only, of the whole measurement. null without one.
   */
  cpuProfile: CpuProfile | null;
  /** Why the CPU profile was taken: what the first pass showed (or 'attach-only'); null without one. */
  profiledFor: string | null;
  /** The index of the first window the CPU profile covers: it covers that one and every one after it. */
  profiledFrom: number;
  /**
   * What the heap sampler held after a full collection at the route's end: read only when the route's post-GC
   * heap grew as a leak does (runner/schedule.ts). null otherwise.
   */
  heapProfile: HeapProfile | null;
  /** Lines the CPU profile's timestamps up with the wall clock of the windows; null without a CPU profile. */
  profileClock: ProfileClock | null;
}

export interface ProbeRun {
  command: string[];
  /** The service's working directory: code under it (outside node_modules) is the project's own. */
  root: string;
  url: string;
  pid: number;
  startedAt: number;
  endedAt: number;
  connections: number;
  attachOnly: boolean;
  samples: IntervalSample[];
  phases: Phase[];
}

const STOP_GRACE_MS = 5000;
/** After a port opens, how long its process gets to report itself when the URL was given. */
const SAMPLER_GRACE_MS = 3000;
/** A reply takes at most a settle (≤ 2 s), a full GC and writing a profile: seconds, even on a crowded machine. */
const SAMPLER_TIMEOUT_MS = 30_000;

/** Sends a command to the selected sampler and waits, at most the sampler timeout, for its reply. */
type Ask = (body: Parameters<ControlServer['request']>[0]) => ReturnType<ControlServer['request']>;

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function describeExit(exit: ServiceExit): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

/** The service's last words: the error it died of when its stderr shows one, else its last line. */
function lastLines(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line && !/^at\s|^Node\.js v\d/.test(line));
  const error = lines.findLast((line) => /^(Uncaught )?[\w.]*(Error|Exception)\b.*:/.test(line));
  const words = error ?? lines.at(-1);
  return words ? `; its last words: ${words.length > 300 ? `${words.slice(0, 300)}…` : words}` : '';
}

/** Runs the service under the probe and returns what was measured; the service is stopped in every case. */
export async function runProbe(options: ProbeOptions): Promise<ProbeRun> {
  const progress = options.onProgress ?? (() => undefined);
  const control = new ControlServer();
  await control.listen();
  const service = startService(options.command, {
    cwd: options.cwd,
    env: probeEnvironment(options.env, samplerFile(), control.socketPath),
    ...(options.serviceOutput ? { echo: options.serviceOutput } : {}),
  });
  // One abort for every way a run ends early: the service exits, the user interrupts, a timeout.
  const abort = new AbortController();
  let failure: ProbeError | undefined;
  const fail = (error: ProbeError): void => {
    failure ??= error;
    control.failPending(error);
    abort.abort();
  };
  let listening = false;
  // Once the probe stops the service itself, its exit is expected, not a failure.
  let stopping = false;
  void service.exited.then((exit) => {
    if (stopping) return;
    const exitCode = exit.code ?? (exit.signal ? 128 : null);
    if (!listening) fail(new ProbeError('SERVICE_EXITED', `the service ${describeExit(exit)} before it opened a port${lastLines(service.stderrTail())}`, exitCode));
    else fail(new ProbeError('SERVICE_CRASHED', `the service ${describeExit(exit)} while it was being measured${lastLines(service.stderrTail())}`, exitCode));
  });
  const onInterrupt = (): void => fail(new ProbeError('INTERRUPTED', 'interrupted: the service was stopped'));
  if (options.signal?.aborted) onInterrupt();
  options.signal?.addEventListener('abort', onInterrupt, { once: true });
  const samples: IntervalSample[] = [];
  control.on('sample', (message: Extract<SamplerMessage, { type: 'sample' }>) => samples.push(message.sample));

  const check = (): void => {
    if (failure) throw failure;
  };
  const samplerTimeoutMs = options.samplerTimeoutMs ?? SAMPLER_TIMEOUT_MS;
  const ask: Ask = (body) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        fail(new ProbeError('SERVICE_UNRESPONSIVE', `the service did not answer the probe for ${formatSeconds(samplerTimeoutMs)}: its event loop stayed blocked (an endless loop, or work that never yields); it was stopped`));
        reject(failure);
      }, samplerTimeoutMs);
    });
    return Promise.race([control.request(body), late]).finally(() => clearTimeout(timer));
  };
  let pid: number | undefined;
  try {
    progress(`starting: ${options.command.join(' ')}`);
    const found = await waitForService(control, options, abort.signal);
    check();
    listening = true;
    pid = found.pid;
    control.selectedPid = pid;
    await ask({ type: 'select' });
    // The heap sampler runs from here to the end: each route's code is still cold when its load starts (see
    // sampler/profiler.ts).
    await ask({ type: 'heap-start' });
    progress(`service pid ${pid} listening; measuring at ${found.url}`);
    const startedAt = Date.now();
    const phases: Phase[] = [];
    const targets: Array<RouteTarget | null> = options.attachOnly ? [null] : options.routes;
    for (const route of targets) {
      phases.push(await measurePhase(control.dir, ask, found.url, route, options, samples, abort.signal, progress, check));
      check();
    }
    return { command: options.command, root: path.resolve(options.cwd), url: found.url, pid, startedAt, endedAt: Date.now(), connections: options.connections, attachOnly: options.attachOnly, samples, phases };
  } catch (error) {
    throw failure ?? error;
  } finally {
    options.signal?.removeEventListener('abort', onInterrupt);
    stopping = true;
    await service.stop(STOP_GRACE_MS, pid === undefined ? [] : [pid]);
    await control.close();
  }
}

async function waitForService(control: ControlServer, options: ProbeOptions, signal: AbortSignal): Promise<{ pid: number; url: string }> {
  const wanted = options.url ? new URL(options.url) : undefined;
  const wantedPort = wanted ? Number(wanted.port || (wanted.protocol === 'https:' ? 443 : 80)) : undefined;
  let found: { pid: number; url: string } | undefined;
  const onListening = (message: Extract<SamplerMessage, { type: 'listening' }>): void => {
    if (found || (wantedPort !== undefined && message.port !== wantedPort)) return;
    found = { pid: message.pid, url: options.url ?? loadUrlFor(message.port, message.address) };
  };
  control.on('listening', onListening);
  try {
    const deadline = Date.now() + options.startupTimeoutMs;
    let portOpenSince: number | undefined;
    while (!found && !signal.aborted) {
      if (Date.now() > deadline) {
        throw new ProbeError('NO_PORT', `the service opened no port${wanted ? ` at ${wanted.host}` : ''} within ${Math.round(options.startupTimeoutMs / 1000)} s (--startup-timeout)`);
      }
      if (wanted && portOpenSince === undefined && (await canConnect(wanted.hostname.replace(/^\[|\]$/g, ''), wantedPort!))) portOpenSince = Date.now();
      if (portOpenSince !== undefined && Date.now() - portOpenSince > SAMPLER_GRACE_MS) {
        throw new ProbeError('NO_SAMPLER', `${wanted!.host} answers, but no Node.js process under the command loaded the probe's sampler (is it a Node.js service started by this command?)`);
      }
      await sleep(100, signal);
    }
    if (!found) throw new ProbeError('INTERRUPTED', 'interrupted');
    return found;
  } finally {
    control.off('listening', onListening);
  }
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

async function measurePhase(
  dir: string,
  ask: Ask,
  url: string,
  route: RouteTarget | null,
  options: ProbeOptions,
  /** The sampler's intervals so far (the run's, growing): whether the route needs its CPU profiled. */
  samples: readonly IntervalSample[],
  signal: AbortSignal,
  progress: (message: string) => void,
  check: () => void,
): Promise<Phase> {
  const label = route ? `${route.method} ${route.path}` : 'external load';
  const windowMs = options.durationMs / WINDOWS_PER_ROUTE;
  const load = (durationMs: number): Promise<LoadWindow | null> =>
    route ? driveLoad(url, route, { connections: options.connections, durationMs, signal }) : sleep(durationMs, signal).then(() => null);
  const name = `phase-${Date.now()}`;
  const windows: LoadWindow[] = [];
  const readings: PhaseReading[] = [];
  let windowIndex = 0;
  /** The end of the first warm-up: the route's measurement starts there. */
  let start: number | undefined;
  // One pass: a warm-up (the first requests compile code and fill caches, which is neither a leak nor
  // blocking, so the post-GC readings start with the first window), then the windows.
  const pass = async (what: string): Promise<void> => {
    if (route) {
      progress(`${label}: warming up`);
      await load(warmUpMsFor(windowMs));
      check();
    }
    start ??= Date.now();
    for (let i = 0; i < WINDOWS_PER_ROUTE; i++, windowIndex++) {
      progress(`${label}: ${what} ${i + 1}/${WINDOWS_PER_ROUTE}`);
      await ask({ type: 'window-start' });
      const window = await load(windowMs);
      check();
      if (window) windows.push(window);
      const reply = await ask({ type: 'window-end' });
      readings.push(...reply.readings!.map((reading) => ({ ...reading, window: windowIndex })));
    }
  };
  // The CPU profiler starts between windows, with no load of the probe's on the service: starting it logs
  // every compiled function, a stall of tens of ms.
  const profileCpu = async (): Promise<ProfileClock> => (await ask({ type: 'cpu-start' })).clock!;
  const stopCpu = async (): Promise<CpuProfile> => readJson<CpuProfile>((await ask({ type: 'cpu-stop', dir, name })).cpuProfileFile!);

  let profiledFor: string | null = null;
  let profileClock: ProfileClock | null = null;
  let cpuProfile: CpuProfile | null = null;
  let profiledFrom = 0;
  // Load from outside cannot be driven again for a second pass: the CPU profile covers the whole measurement.
  if (!route) {
    profiledFor = 'attach-only';
    profileClock = await profileCpu();
  }
  await pass(route ? 'load' : 'measuring');
  if (route) {
    // The sampler's interval that holds the end of the last window comes up to an interval later.
    await intervalAfter(samples, windows.at(-1)?.end ?? Date.now(), signal);
    const reason = cpuProfileReason(samples, windows);
    if (reason) {
      profiledFor = reason;
      profiledFrom = windowIndex;
      progress(`${label}: ${reason}: measuring again under the CPU profiler`);
      profileClock = await profileCpu();
      await pass('profiled load');
    }
  }
  const end = Date.now();
  if (profileClock) cpuProfile = await stopCpu();
  check();
  let heapProfile: HeapProfile | null = null;
  if (heapProfileWanted({ windows, readings, start: start!, end })) {
    progress(`${label}: the heap grew: reading the heap profile`);
    heapProfile = await readJson<HeapProfile>((await ask({ type: 'heap-profile', dir, name })).heapProfileFile!);
    check();
  }
  return { route, start: start!, end, windows, readings, cpuProfile, profiledFor, profiledFrom, heapProfile, profileClock };
}
