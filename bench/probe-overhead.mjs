// The probe's cost to the service it measures: the same service's throughput and CPU time per request
// with and without the probe's sampler and profilers inside it, under the same load, in one run.
//
//   npm run bench -- --probe-only [--probe-rounds N] [--probe-duration S] [--probe-connections N] [--probe-breakdown]
//
// Each round starts the Express fixture once per state, fresh, and warms each up for a second:
//   plain   without the probe;
//   steady  the sampler preloaded through NODE_OPTIONS exactly as `strata probe` does it, selected,
//           streaming samples, the CPU profiler running: how most of a route's load runs;
//   heap    the sampling heap profiler on as well: how a route's warm-up and first window run;
//   sampler (with --probe-breakdown) the sampler alone, no profiler: what the profilers cost on top.
// Then it loads them one at a time, in short windows (S seconds, default 2), WINDOWS_PER_ROUND windows
// each, the order of the states reversed from one window to the next (plain, steady, heap, heap,
// steady, plain, …): autocannon at GET /healthy, counting completed requests and the CPU time the service
// used (/proc, all threads). One state at a time gives each the whole machine (on two cores, services
// side by side starve the load generator, and an idle probe's timers then inflate its cost per request);
// windows a few seconds apart share the machine's load of that moment, so each window's figures are
// compared with the other states' in the same group only, and the figures to read are medians over all
// groups with their 95 % confidence interval and their spread. CPU time per request is the steadier
// figure on a shared machine: a busy neighbour slows the service's requests but changes what each costs
// much less.

import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { waitForHttp } from './lib/wait-http.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const probeDist = path.join(repo, 'packages/probe/dist');
const FIXTURES = path.join(repo, 'packages/probe/test/fixtures');
const SERVICE = 'express-service.mjs';
const ROUTE = '/healthy';
export const TARGET_LOSS = 0.05;
const WARM_UP_S = 1;
/** Load windows per state and round; a group is one window of every state, back to back. */
const WINDOWS_PER_ROUND = 4;

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
};
const median = (values) => quantile(values, 0.5);

function load(url, { durationS, connections }) {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${url}${ROUTE}`, connections, duration: durationS }, (error, result) => {
      if (error) return reject(error);
      resolve({ requests: result.requests.total, rps: result.requests.total / result.duration, errors: result.errors + result.non2xx });
    });
  });
}

/** CPU time (user + system, all threads) a process has used so far, in ms, from /proc; null where there is no /proc. */
function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
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

/** Starts the fixture in a state: 'plain', 'sampler', 'steady' or 'heap' (see the top of this file). */
async function startService(mode) {
  const probed = mode !== 'plain';
  const { ControlServer } = await import(path.join(probeDist, 'runner/control.js'));
  const { probeEnvironment, startService: spawnService } = await import(path.join(probeDist, 'runner/service.js'));
  const { samplerFile } = await import(path.join(probeDist, 'runner/sampler-file.js'));
  const control = new ControlServer();
  await control.listen();
  const env = probed ? probeEnvironment(process.env, samplerFile(), control.socketPath) : { ...process.env };
  // Without the probe nothing reports the port: the fixture takes a fixed one.
  const port = 20000 + Math.floor(Math.random() * 20000);
  if (!probed) env.PORT = String(port);
  const service = spawnService([process.execPath, SERVICE], { cwd: FIXTURES, env });
  let url;
  const profiling = mode === 'steady' || mode === 'heap';
  try {
    if (probed) {
      const listening = await new Promise((resolve, reject) => {
        control.once('listening', resolve);
        service.exited.then((exit) => reject(new Error(`the fixture exited (${exit.code})`)));
      });
      control.selectedPid = listening.pid;
      await control.request({ type: 'select' });
      if (profiling) await control.request({ type: 'profile-start' });
      if (mode === 'steady') await control.request({ type: 'heap-stop', dir: control.dir, name: 'bench' });
      url = `http://127.0.0.1:${listening.port}`;
    } else {
      url = `http://127.0.0.1:${port}`;
      await waitForHttp(`${url}${ROUTE}`, { deadlineMs: 20_000, intervalMs: 100, what: 'the plain fixture' });
    }
  } catch (error) {
    await service.stop(5000, []);
    await control.close();
    throw error;
  }
  const started = {
    url,
    pid: service.child.pid,
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

/** One window of load on one service, alone on the machine: requests, CPU per request, the load average. */
async function measureWindow(service, options) {
  const loadAverage = os.loadavg()[0];
  const cpuBefore = cpuMsOf(service.pid);
  const result = await load(service.url, { durationS: options.durationS, connections: options.connections });
  const cpuAfter = cpuMsOf(service.pid);
  return {
    rps: result.rps,
    errors: result.errors,
    loadAverage,
    // CPU per request: what the service spends on each request it serves, the probe's work included.
    cpuUsPerRequest: cpuBefore === null || cpuAfter === null || !result.requests ? null : ((cpuAfter - cpuBefore) * 1000) / result.requests,
  };
}

/** One round: fresh services, a warm-up each, then groups of windows in alternating order. */
async function measureRound(modes, options) {
  const services = {};
  try {
    for (const mode of modes) services[mode] = await startService(mode);
    for (const mode of modes) await load(services[mode].url, { durationS: WARM_UP_S, connections: options.connections });
    const groups = [];
    for (let window = 0; window < WINDOWS_PER_ROUND; window++) {
      const order = window % 2 === 0 ? modes : [...modes].reverse();
      const group = {};
      for (const mode of order) group[mode] = await measureWindow(services[mode], options);
      groups.push(group);
    }
    return groups;
  } finally {
    await Promise.all(Object.values(services).map((service) => service.stop()));
  }
}

/**
 * The distribution-free 95 % confidence interval of a median: the k-th smallest and k-th largest of n
 * values, k the largest with P(Binomial(n, ½) < k) ≤ 2.5 %. It needs no assumption about the noise (a
 * crowded machine's is anything but normal); with fewer than 6 values there is none.
 */
function medianInterval(values) {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  let logChoose = 0;
  let below = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    // below = P(X ≤ i) for X ~ Binomial(n, ½), summed in log space so large n does not underflow.
    below += Math.exp(logChoose - n * Math.LN2);
    if (below > 0.025) break;
    k = i + 1;
    logChoose += Math.log(n - i) - Math.log(i + 1);
  }
  return k === 0 ? null : { low: sorted[k - 1], high: sorted[n - k] };
}

/** Median with its confidence interval, quartiles and extremes of per-group figures. */
function spread(values) {
  return { median: median(values), interval: medianInterval(values), q1: quantile(values, 0.25), q3: quantile(values, 0.75), min: Math.min(...values), max: Math.max(...values) };
}

/** Runs the rounds; returns the figures. */
export async function probeOverhead({ rounds = 5, durationS = 2, connections = 10, breakdown = false, log = () => undefined } = {}) {
  const modes = breakdown ? ['plain', 'sampler', 'steady', 'heap'] : ['plain', 'steady', 'heap'];
  const measured = [];
  for (let round = 0; round < rounds; round++) {
    log(`  probe overhead round ${round + 1}/${rounds}: ${modes.join(', ')}, ${WINDOWS_PER_ROUND} windows of ${durationS} s each, one state at a time (load average ${os.loadavg()[0].toFixed(2)}) …`);
    measured.push(...(await measureRound(modes, { durationS, connections })));
  }
  const cpuKnown = measured.every((figures) => modes.every((mode) => figures[mode].cpuUsPerRequest !== null));
  // Ratios within a group: its windows ran back to back, seconds apart, under the machine load of that moment.
  const throughputLoss = (mode) => measured.map((figures) => 1 - figures[mode].rps / figures.plain.rps);
  // Fewer requests per CPU-second with the probe: 1 - plain CPU per request / probed CPU per request.
  const cpuLoss = (mode) => (cpuKnown ? measured.map((figures) => 1 - figures.plain.cpuUsPerRequest / figures[mode].cpuUsPerRequest) : null);
  const byMode = Object.fromEntries(
    modes.map((mode) => [
      mode,
      {
        rps: measured.map((figures) => figures[mode].rps),
        cpuUsPerRequest: cpuKnown ? spread(measured.map((figures) => figures[mode].cpuUsPerRequest)) : null,
        ...(mode === 'plain' ? {} : { loss: spread(throughputLoss(mode)), cpuLoss: cpuKnown ? spread(cpuLoss(mode)) : null }),
      },
    ]),
  );
  // A probe run spends a route's warm-up and first window of three with the heap sampler on.
  const blended = (steady, heap) => steady.map((value, i) => (heap[i] + 2 * value) / 3);
  return {
    service: `${SERVICE} GET ${ROUTE}`,
    rounds,
    groups: measured.length,
    durationS,
    connections,
    modes,
    byMode,
    errors: measured.reduce((sum, figures) => sum + modes.reduce((s, mode) => s + figures[mode].errors, 0), 0),
    loss: spread(blended(throughputLoss('steady'), throughputLoss('heap'))),
    cpuLoss: cpuKnown ? spread(blended(cpuLoss('steady'), cpuLoss('heap'))) : null,
    loadAverage: spread(measured.flatMap((figures) => modes.map((mode) => figures[mode].loadAverage))),
    cpus: os.cpus().length,
    // Every window's figures, for --json readers who want to judge the noise themselves.
    windows: measured,
  };
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const interval = (s) => (s.interval ? `, 95% interval of the median ${pct(s.interval.low)} to ${pct(s.interval.high)}` : '');
const range = (s) => `median ${pct(s.median)}${interval(s)}; middle half of the groups ${pct(s.q1)} to ${pct(s.q3)}, all ${pct(s.min)} to ${pct(s.max)}`;

/**
 * MET when the whole 95 % interval of the median loss is within the target, NOT MET when all of it is
 * over, else INCONCLUSIVE: the machine's noise is wider than the difference the target asks about.
 */
function verdict(s) {
  if (!s.interval) return 'INCONCLUSIVE: too few groups for an interval (6 at least)';
  if (s.interval.high <= TARGET_LOSS) return 'MET';
  if (s.interval.low > TARGET_LOSS) return 'NOT MET';
  return `INCONCLUSIVE: the interval straddles the target (the noise is wider than the difference asked about; more rounds or a quieter machine)`;
}

export function reportProbeOverhead(result) {
  const labels = { plain: 'without the probe', sampler: 'sampler only, no profiler', steady: 'sampler + CPU profiler', heap: '+ heap sampler (1st window)' };
  const lines = [
    '',
    `== probe overhead: ${result.service}, ${result.connections} connections; ${result.rounds} rounds of fresh services (${WARM_UP_S} s warm-up each), ${result.groups} groups of ${result.durationS} s windows, one state at a time, order reversed from group to group`,
    `   load average (1 min) during the measurements: median ${result.loadAverage.median.toFixed(2)}, from ${result.loadAverage.min.toFixed(2)} to ${result.loadAverage.max.toFixed(2)}, on ${result.cpus} CPUs${result.errors ? `; ${result.errors} failed requests` : ''}`,
  ];
  for (const mode of result.modes) {
    const figures = result.byMode[mode];
    const cpu = figures.cpuUsPerRequest ? `CPU per request median ${figures.cpuUsPerRequest.median.toFixed(0)} µs (${figures.cpuUsPerRequest.min.toFixed(0)} to ${figures.cpuUsPerRequest.max.toFixed(0)})` : 'CPU per request n/a (no /proc)';
    lines.push(`   ${`${labels[mode]}:`.padEnd(30)}median ${median(figures.rps).toFixed(0)} req/s (${figures.rps.map((v) => v.toFixed(0)).join(', ')}); ${cpu}`);
    if (figures.loss) lines.push(`   ${''.padEnd(30)}throughput loss ${range(figures.loss)}${figures.cpuLoss ? `; by CPU per request ${range(figures.cpuLoss)}` : ''}`);
  }
  lines.push(`   a probe run (first window of three with the heap sampler), against the ${TARGET_LOSS * 100}% target:`);
  // With more runnable work than CPUs, the scheduler's share decides throughput: at a load average of 11.5
  // the probed service came out faster than the plain one (median loss -8.9 % over 40 groups), while its
  // CPU time per request was 3.9 % higher.
  const oversubscribed = result.loadAverage.median > result.cpus;
  const throughputVerdict = oversubscribed
    ? `INCONCLUSIVE: load average ${result.loadAverage.median.toFixed(1)} on ${result.cpus} CPUs, so the scheduler's share, not the probe's cost, decides throughput; read CPU per request`
    : verdict(result.loss);
  lines.push(`     throughput loss    ${range(result.loss)}: ${throughputVerdict}`);
  lines.push(result.cpuLoss ? `     by CPU per request ${range(result.cpuLoss)}: ${verdict(result.cpuLoss)}` : '     by CPU per request: n/a (no /proc)');
  return lines.join('\n');
}
