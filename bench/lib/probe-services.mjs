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
 *   heap     steady with the sampling heap profiler on: how a route's first window runs.
 */
export const STATES = ['plain', 'control', 'inert', 'sampler', 'profiled', 'steady', 'heap'];
const PROBED = new Set(['inert', 'sampler', 'profiled', 'steady', 'heap']);
const PROFILED = new Set(['profiled', 'steady', 'heap']);
const WITH_READINGS = new Set(['steady', 'heap']);

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

/** Starts the fixture in a state; `cpu` (a CPU number) pins it there with taskset. */
export async function startService(mode, { cpu } = {}) {
  if (!STATES.includes(mode)) throw new Error(`unknown state ${mode} (${STATES.join(', ')})`);
  const probed = PROBED.has(mode);
  const { ControlServer } = await import(path.join(probeDist, 'runner/control.js'));
  const { probeEnvironment, startService: spawnService } = await import(path.join(probeDist, 'runner/service.js'));
  const { samplerFile } = await import(path.join(probeDist, 'runner/sampler-file.js'));
  const control = new ControlServer();
  await control.listen();
  const env = probed ? probeEnvironment(process.env, samplerFile(), control.socketPath) : { ...process.env };
  // The port comes from the fixture's PORT in every state: an inert sampler reports none.
  const port = 20000 + Math.floor(Math.random() * 20000);
  env.PORT = String(port);
  const command = cpu === undefined ? [process.execPath, SERVICE] : ['taskset', '-c', String(cpu), process.execPath, SERVICE];
  const service = spawnService(command, { cwd: FIXTURES, env });
  const url = `http://127.0.0.1:${port}`;
  const profiling = PROFILED.has(mode);
  try {
    if (probed && mode !== 'inert') {
      const listening = await new Promise((resolve, reject) => {
        control.once('listening', resolve);
        service.exited.then((exit) => reject(new Error(`the fixture exited (${exit.code})`)));
      });
      control.selectedPid = listening.pid;
      await control.request({ type: 'select' });
      if (profiling) await control.request({ type: 'profile-start' });
      if (profiling && mode !== 'heap') await control.request({ type: 'heap-stop', dir: control.dir, name: 'bench' });
    }
    await waitForHttp(`${url}${ROUTE}`, { deadlineMs: 20_000, intervalMs: 100, what: `the fixture (${mode})` });
  } catch (error) {
    await service.stop(5000, []);
    await control.close();
    throw error;
  }
  const started = {
    mode,
    url,
    // taskset execs node: the pid is the service's.
    pid: service.child.pid,
    /** Around each load window, what `strata probe` does around each of a route's windows. */
    async beforeWindow() {
      if (WITH_READINGS.has(mode)) await control.request({ type: 'window-start' });
    },
    /** The window's post-GC readings: { service, forced } counts, or null in a state that takes none. */
    async afterWindow() {
      if (!WITH_READINGS.has(mode)) return null;
      const { readings } = await control.request({ type: 'window-end' });
      const forced = readings.filter((reading) => reading.source === 'forced').length;
      return { service: readings.length - forced, forced };
    },
    async stop() {
      running.delete(started);
      if (profiling) await control.request({ type: 'profile-stop', dir: control.dir, name: 'bench' }).catch(() => undefined);
      await service.stop(5000, []);
      await control.close();
    },
  };
  running.add(started);
  return started;
}

/**
 * CPU time a process's threads have run so far, in ms: the first field of each thread's schedstat, in
 * nanoseconds (/proc/<pid>/stat counts 10 ms ticks, 1 % of a 1 s window). null where there is none.
 */
export function cpuMsOf(pid) {
  try {
    let ns = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // The thread ended between the listing and the read.
      }
    }
    return ns / 1e6;
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
