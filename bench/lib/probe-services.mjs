// The Express fixture of packages/probe/test in the states bench/probe-overhead.mjs compares, and the CPU
// readings it takes around each load window.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForHttp } from './wait-http.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const probeDist = path.join(repo, 'packages/probe/dist');
const FIXTURES = path.join(repo, 'packages/probe/test/fixtures');
export const SERVICE = 'express-service.mjs';
export const ROUTE = '/healthy';

/**
 * What each state runs in the service:
 *   plain    no probe;
 *   control  no probe either: a second plain process, measured like the others (see probe-stats.mjs);
 *   inert    the sampler preloaded through NODE_OPTIONS as `strata probe` does it, not selected: its
 *            diagnostics-channel subscriptions and its listen hook, nothing timed (every Node process
 *            under the command runs this, the service's npm and shell too);
 *   sampler  selected and streaming: the 250 ms interval, the loop-delay histogram, the GC observer;
 *   profiled the CPU profiler as well;
 *   steady   profiled, and the post-GC heap readings `strata probe` takes in every window: after the
 *            service's own full collections, and after a window that had none, a forced one (the service
 *            goes quiet, then a forced full collection): how most of a route's load runs;
 *   heap     steady with the sampling heap profiler on: how a route's first window runs;
 *   run      what `strata probe` does over a route, from the runner's own schedule and decisions
 *            (packages/probe/src/runner/run.ts and schedule.ts, read from the build): the heap sampler started
 *            once when the service is selected and left running; each route's windows measured by the
 *            sampler with the post-GC readings; after a route's last window, the runner's two decisions on
 *            what the sampler streamed and read: when the windows showed a stalled loop or GC pressure
 *            (cpuProfileReason), the state's next route runs as the runner's second pass, under the CPU
 *            profiler started before its warm-up and stopped after its last window; when the post-GC heap
 *            grew (heapProfileWanted), the heap profile is read (a full collection). The bench's windows are
 *            the route's, in order, and it gives every state the same uncounted warm-up before a route's
 *            first window.
 */
export const STATES = ['plain', 'control', 'inert', 'sampler', 'profiled', 'steady', 'heap', 'run'];
const PROBED = new Set(['inert', 'sampler', 'profiled', 'steady', 'heap', 'run']);
const PROFILED = new Set(['profiled', 'steady', 'heap']);
const WITH_READINGS = new Set(['steady', 'heap', 'run']);
/** The states that follow a route's schedule (profilers switched by the route window) rather than running throughout. */
export const ROUTE_STATES = new Set(['run']);

/** The runner's schedule, from the built probe: what a `run` state does is what the probe does. */
export async function routeSchedule() {
  const { WINDOWS_PER_ROUTE, warmUpMsFor, cpuProfileReason, heapProfileWanted } = await import(path.join(probeDist, 'runner/schedule.js'));
  const { intervalAfter } = await import(path.join(probeDist, 'runner/wait.js'));
  return { windows: WINDOWS_PER_ROUTE, warmUpMsFor, cpuProfileReason, heapProfileWanted, intervalAfter };
}

/**
 * Services this bench has running. A plain service has no sampler to notice that the bench went away, so
 * an interrupted bench stops them itself (a bench killed outright would leave them behind).
 */
const running = new Set();
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.once(signal, () => {
    Promise.all([...running].map((service) => service.stop())).finally(() => process.exit(code));
  });
}

/**
 * Starts the fixture in a state; `cpu` (a CPU number) pins it there with taskset. A port the fixture cannot
 * bind (one the machine's services use, or a client port of an earlier window still in TIME_WAIT) makes it
 * exit before it listens: it is started again on another port, up to three times.
 */
export async function startService(mode, options = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServiceOnce(mode, options);
    } catch (error) {
      if (!(error instanceof FixtureExited) || attempt >= 3) throw error;
    }
  }
}

class FixtureExited extends Error {}

/** A port below Linux's ephemeral range (32768 on), where the load generator's own connections take theirs. */
const freshPort = () => 10000 + Math.floor(Math.random() * 22000);

async function startServiceOnce(mode, { cpu } = {}) {
  if (!STATES.includes(mode)) throw new Error(`unknown state ${mode} (${STATES.join(', ')})`);
  const probed = PROBED.has(mode);
  const { ControlServer } = await import(path.join(probeDist, 'runner/control.js'));
  const { probeEnvironment, startService: spawnService } = await import(path.join(probeDist, 'runner/service.js'));
  const { samplerFile } = await import(path.join(probeDist, 'runner/sampler-file.js'));
  const control = new ControlServer();
  await control.listen();
  const env = probed ? probeEnvironment(process.env, samplerFile(), control.socketPath) : { ...process.env };
  // The port comes from the fixture's PORT in every state: an inert sampler reports none.
  const port = freshPort();
  env.PORT = String(port);
  const command = cpu === undefined ? [process.execPath, SERVICE] : ['taskset', '-c', String(cpu), process.execPath, SERVICE];
  const service = spawnService(command, { cwd: FIXTURES, env });
  const url = `http://127.0.0.1:${port}`;
  const profiling = PROFILED.has(mode);
  const schedule = await routeSchedule();
  /** In the run state: the sampler's intervals, the route under way, and what the runner's decisions did. */
  const intervals = [];
  if (ROUTE_STATES.has(mode)) control.on('sample', (message) => intervals.push(message.sample));
  let route = null;
  let nextIsProfiledPass = false;
  const counts = { routes: 0, profiledPasses: 0, heapReads: 0 };
  try {
    if (probed && mode !== 'inert') {
      const listening = await new Promise((resolve, reject) => {
        control.once('listening', resolve);
        service.exited.then((exit) => reject(new FixtureExited(`the fixture exited (${exit.code})`)));
      });
      control.selectedPid = listening.pid;
      await control.request({ type: 'select' });
      if (profiling) await control.request({ type: 'cpu-start' });
      if (mode === 'heap' || ROUTE_STATES.has(mode)) await control.request({ type: 'heap-start' });
    }
    await Promise.race([
      waitForHttp(`${url}${ROUTE}`, { deadlineMs: 20_000, intervalMs: 100, what: `the fixture (${mode})` }),
      service.exited.then((exit) => Promise.reject(new FixtureExited(`the fixture exited (${exit.code})`))),
    ]);
  } catch (error) {
    await service.stop(5000, []);
    await control.close();
    throw error;
  }
  /** A route's end in the run state: the second pass stops its CPU profiler; a first pass gets the runner's decisions. */
  async function endRoute() {
    const ended = route;
    route = null;
    if (ended.profiled) {
      await control.request({ type: 'cpu-stop', dir: control.dir, name: 'bench' });
      return;
    }
    // As the runner: the sampler's interval that holds the end of the last window comes up to an interval later.
    const last = ended.windows.at(-1).end;
    await schedule.intervalAfter(intervals, last, new AbortController().signal);
    if (schedule.cpuProfileReason(intervals, ended.windows)) nextIsProfiledPass = true;
    if (schedule.heapProfileWanted({ windows: ended.windows, readings: ended.readings, start: ended.windows[0].start, end: last })) {
      await control.request({ type: 'heap-profile', dir: control.dir, name: 'bench' });
      counts.heapReads++;
    }
  }
  const started = {
    mode,
    url,
    // taskset execs node: the pid is the service's.
    pid: service.child.pid,
    /** Before a route's first window, ahead of its warm-up: the runner's second pass starts its CPU profiler there. */
    async beforeRoute() {
      if (!ROUTE_STATES.has(mode)) return;
      route = { profiled: nextIsProfiledPass, windows: [], readings: [] };
      nextIsProfiledPass = false;
      counts.routes++;
      if (route.profiled) {
        await control.request({ type: 'cpu-start' });
        counts.profiledPasses++;
      }
    },
    /** Around each load window, what `strata probe` does around each of a route's windows. */
    async beforeWindow() {
      if (!WITH_READINGS.has(mode)) return;
      await control.request({ type: 'window-start' });
    },
    /**
     * The window's post-GC readings: { service, forced } counts, or null in a state that takes none. In the run
     * state, after a route's last window, the runner's decisions (`window`: the window's start, end and requests).
     */
    async afterWindow({ routeWindow, window }) {
      if (!WITH_READINGS.has(mode)) return null;
      const { readings } = await control.request({ type: 'window-end' });
      const forced = readings.filter((reading) => reading.source === 'forced').length;
      if (route) {
        route.windows.push(window);
        route.readings.push(...readings.map((reading) => ({ ...reading, window: routeWindow })));
        if (routeWindow === schedule.windows - 1) await endRoute();
      }
      return { service: readings.length - forced, forced };
    },
    /** In the run state: its routes, how many ran as a second pass under the CPU profiler, and the heap profiles read. */
    profiledRoutes() {
      return ROUTE_STATES.has(mode) ? { ...counts } : null;
    },
    async stop() {
      running.delete(started);
      if (profiling || route?.profiled) await control.request({ type: 'cpu-stop', dir: control.dir, name: 'bench' }).catch(() => undefined);
      await service.stop(5000, []);
      await control.close();
    },
  };
  running.add(started);
  return started;
}

/** How long a switched-on CPU profiler gets to log the code compiled so far before a window starts. */
const PROFILER_START_MS = 300;

/** States one probed process can switch between (the probe off is `plain`, and again `control`). */
export const SWITCHABLE_STATES = ['plain', 'control', 'sampler', 'profiled', 'steady'];

/**
 * One probed process that switches the probe off and on between load windows: the paired design of
 * bench/probe-overhead.mjs, where every state is the same process (same heap layout, same JIT history),
 * so what differs between two windows of a group is the probe and the moment, not the process.
 *   plain, control  the probe off: the sampler preloaded and its process selected once, then deselected
 *                   (no timer, no loop-delay histogram, no GC observer) and both profilers stopped; the
 *                   inspector session stays connected (Profiler enabled, not started);
 *   sampler         streaming;
 *   profiled        streaming and the CPU profiler;
 *   steady          profiled, and the post-GC readings of every window (a forced collection after a
 *                   window without one of the service's own).
 * (The heap sampler cannot be switched off without a forced full collection, which deoptimises the process's
 * hot code for the windows after it: `heap` is measured with a process of its own only.)
 * Switching happens before the window and is not timed. Each switch on restarts the CPU profiler, which
 * logs every compiled function again (a real run starts it once per route, before the warm-up); the window
 * starts 300 ms later, which is when a run's warm-up would be under way. What it cannot see is the preload itself (both sides have it), whose
 * cost bench/probe-instructions.mjs counts (`inert` against `plain`).
 */
export async function startSwitchable({ cpu } = {}) {
  const { ControlServer } = await import(path.join(probeDist, 'runner/control.js'));
  const { probeEnvironment, startService: spawnService } = await import(path.join(probeDist, 'runner/service.js'));
  const { samplerFile } = await import(path.join(probeDist, 'runner/sampler-file.js'));
  const control = new ControlServer();
  await control.listen();
  const env = probeEnvironment(process.env, samplerFile(), control.socketPath);
  const command = cpu === undefined ? [process.execPath, SERVICE] : ['taskset', '-c', String(cpu), process.execPath, SERVICE];
  const service = spawnService(command, { cwd: FIXTURES, env });
  let url;
  try {
    const listening = await new Promise((resolve, reject) => {
      control.once('listening', resolve);
      service.exited.then((exit) => reject(new Error(`the fixture exited (${exit.code})`)));
    });
    control.selectedPid = listening.pid;
    url = `http://127.0.0.1:${listening.port}`;
    await waitForHttp(`${url}${ROUTE}`, { deadlineMs: 20_000, intervalMs: 100, what: 'the fixture (switchable)' });
  } catch (error) {
    await service.stop(5000, []);
    await control.close();
    throw error;
  }
  let current = 'plain';
  const off = (state) => state === 'plain' || state === 'control';
  const switchTo = async (state) => {
    if (!SWITCHABLE_STATES.includes(state)) throw new Error(`state ${state} cannot be switched to in one process (${SWITCHABLE_STATES.join(', ')})`);
    if (state === current) return;
    if (PROFILED.has(current)) await control.request({ type: 'cpu-stop', dir: control.dir, name: 'bench' });
    if (!off(current)) await control.request({ type: 'deselect' });
    current = state;
    if (off(state)) return;
    await control.request({ type: 'select' });
    if (PROFILED.has(state)) await control.request({ type: 'cpu-start' });
    // A started CPU profiler first logs every function compiled so far, and its thread symbolises them; in
    // a run that happens during the route's warm-up. Here the window waits for it.
    if (PROFILED.has(state)) await new Promise((resolve) => setTimeout(resolve, PROFILER_START_MS));
  };
  // The inspector session connects at the first profile and stays: the probe-off state is the same from
  // the first window on.
  await switchTo('profiled');
  await switchTo('plain');
  const switchable = {
    url,
    pid: service.child.pid,
    /** The view of one state, shaped like startService's, for probe-overhead's windows. */
    as(state) {
      return {
        mode: state,
        url,
        pid: service.child.pid,
        // No route state switches in one process (SWITCHABLE_STATES): nothing starts with a route.
        async beforeRoute() {},
        async beforeWindow() {
          await switchTo(state);
          if (WITH_READINGS.has(state)) await control.request({ type: 'window-start' });
        },
        async afterWindow() {
          if (!WITH_READINGS.has(state)) return null;
          const { readings } = await control.request({ type: 'window-end' });
          const forced = readings.filter((reading) => reading.source === 'forced').length;
          return { service: readings.length - forced, forced };
        },
      };
    },
    async stop() {
      running.delete(switchable);
      await switchTo('plain').catch(() => undefined);
      await service.stop(5000, []);
      await control.close();
    },
  };
  running.add(switchable);
  return switchable;
}

/** The CPU profiler's own thread (V8 names it): it turns each sample's stack into the profile's nodes. */
const PROFILER_THREAD = 'v8:ProfEvntProc';

/**
 * CPU time a process's threads have run so far, in ms: the first field of each thread's schedstat, in
 * nanoseconds (/proc/<pid>/stat counts 10 ms ticks, 1 % of a 1 s window); in all, and split into the main
 * thread (the event loop, which every request waits for), the CPU profiler's thread, and the others (V8's
 * workers: parallel scavenges, concurrent marking, optimising compiles; libuv's pool). null where there is none.
 */
export function threadCpuMsOf(pid) {
  try {
    const ms = { all: 0, main: 0, profiler: 0, others: 0 };
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      try {
        const threadMs = Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
        const part = task === String(pid) ? 'main' : readFileSync(`/proc/${pid}/task/${task}/comm`, 'utf8').trim() === PROFILER_THREAD ? 'profiler' : 'others';
        ms[part] += threadMs;
        ms.all += threadMs;
      } catch {
        // The thread ended between the listing and the read.
      }
    }
    return ms;
  } catch {
    return null;
  }
}

/**
 * The main thread's scheduling counts so far, from /proc/<pid>/task/<pid>/sched: moves between CPUs, and
 * switches away from it, forced (preempted: another thread took its CPU) and voluntary (it waited: the event
 * loop's poll with nothing to do). What a thread the CPU profiler wakes every sampling period (its own, and
 * its signal to the main thread) can do to the main thread's caches shows here first. null where there is none.
 */
export function mainSchedOf(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/sched`, 'utf8');
    const field = (name) => Number(new RegExp(`^${name.replace('.', '\\.')}\\s*:\\s*(\\d+)`, 'm').exec(text)?.[1] ?? NaN);
    const counts = { migrations: field('se.nr_migrations'), involuntary: field('nr_involuntary_switches'), voluntary: field('nr_voluntary_switches') };
    return Object.values(counts).every(Number.isFinite) ? counts : null;
  } catch {
    return null;
  }
}

/**
 * The machine's CPU time so far, in ms, from /proc/stat: busy (everything but idle and iowait) and steal
 * (time the hypervisor gave this VM's CPUs to someone else). null where there is no /proc.
 */
export function machineCpuMs() {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal, in ticks of 10 ms.
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return { busy: (user + nice + system + irq + softirq) * 10, steal: (steal ?? 0) * 10 };
  } catch {
    return null;
  }
}
