// The probe's cost to the service it measures: the same service's throughput with and without the
// probe's sampler and profilers inside it, under the same load, in one run.
//
//   npm run bench -- --probe-only [--probe-rounds N] [--probe-duration S] [--probe-connections N]
//
// Each round starts the Express fixture three times: plainly; with the probe as it runs for most of a
// route's load (the sampler preloaded through NODE_OPTIONS exactly as `strata probe` does it, selected,
// streaming samples, the CPU profiler running); and with the probe as it runs during a route's warm-up
// and first window (the sampling heap profiler on as well). It warms them up, then drives the same
// autocannon load at GET /healthy of all three AT THE SAME TIME and counts completed requests and the
// CPU time each service used. Side by side, a change of machine load (other processes on a shared
// machine) hits all three alike, which measurements one after the other cannot promise. The figures to
// read are medians over rounds; a probe run averages the two probed states, one third and two thirds.

import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const probeDist = path.join(repo, 'packages/probe/dist');
const FIXTURES = path.join(repo, 'packages/probe/test/fixtures');
const SERVICE = 'express-service.mjs';
const ROUTE = '/healthy';
export const TARGET_LOSS = 0.05;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function load(url, { durationS, connections }) {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${url}${ROUTE}`, connections, duration: durationS }, (error, result) => {
      if (error) return reject(error);
      resolve({ requests: result.requests.total, rps: result.requests.total / result.duration });
    });
  });
}

/** CPU time (user + system) a process has used so far, in ms, from /proc; null where there is no /proc. */
function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** Starts the fixture: `mode` is 'plain', 'steady' (sampler and CPU profiler) or 'heap' (and the heap sampler). */
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
  if (probed) {
    const listening = await new Promise((resolve, reject) => {
      control.once('listening', resolve);
      service.exited.then((exit) => reject(new Error(`the fixture exited (${exit.code})`)));
    });
    control.selectedPid = listening.pid;
    await control.request({ type: 'select' });
    await control.request({ type: 'profile-start' });
    if (mode === 'steady') await control.request({ type: 'heap-stop', dir: control.dir, name: 'bench' });
    url = `http://127.0.0.1:${listening.port}`;
  } else {
    url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const up = await fetch(`${url}${ROUTE}`).then(() => true, () => false);
      if (up) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    pid: service.child.pid,
    async stop() {
      if (probed) await control.request({ type: 'profile-stop', dir: control.dir, name: 'bench' });
      await service.stop(5000, []);
      await control.close();
    },
  };
}

const MODES = ['plain', 'steady', 'heap'];

/** One round: the three services under the same load at the same time; one figure per mode. */
async function measureRound(options) {
  const services = [];
  for (const mode of MODES) services.push(await startService(mode));
  try {
    await Promise.all(services.map((service) => load(service.url, { durationS: 1, connections: options.connections })));
    const cpuBefore = services.map((service) => cpuMsOf(service.pid));
    const measured = await Promise.all(services.map((service) => load(service.url, { durationS: options.durationS, connections: options.connections })));
    const cpuAfter = services.map((service) => cpuMsOf(service.pid));
    return measured.map((result, i) => ({
      rps: result.rps,
      // CPU per request: what the probe costs the service for each request it serves.
      cpuUsPerRequest: cpuBefore[i] === null || cpuAfter[i] === null ? null : ((cpuAfter[i] - cpuBefore[i]) * 1000) / result.requests,
    }));
  } finally {
    await Promise.all(services.map((service) => service.stop()));
  }
}

/** Runs the rounds; returns the figures. */
export async function probeOverhead({ rounds = 3, durationS = 5, connections = 10, log = () => undefined } = {}) {
  const byMode = { plain: [], steady: [], heap: [] };
  const loadBefore = os.loadavg()[0];
  for (let round = 0; round < rounds; round++) {
    log(`  probe overhead round ${round + 1}/${rounds}: without and with the probe, side by side …`);
    const figures = await measureRound({ durationS, connections });
    MODES.forEach((mode, i) => byMode[mode].push(figures[i]));
  }
  const plain = byMode.plain;
  // Paired by round: each round's services ran under the same machine load.
  const ratios = (mode) => byMode[mode].map((p, i) => p.rps / plain[i].rps);
  const summary = (mode) => {
    const runs = byMode[mode];
    const cpu = runs.every((p) => p.cpuUsPerRequest !== null) && plain.every((p) => p.cpuUsPerRequest !== null);
    return {
      rps: runs.map((p) => p.rps),
      medianRps: median(runs.map((p) => p.rps)),
      loss: 1 - median(ratios(mode)),
      ratioSpread: Math.max(...ratios(mode)) - Math.min(...ratios(mode)),
      cpuUsPerRequest: cpu ? median(runs.map((p) => p.cpuUsPerRequest)) : null,
    };
  };
  const plainCpu = plain.every((p) => p.cpuUsPerRequest !== null) ? median(plain.map((p) => p.cpuUsPerRequest)) : null;
  const steady = summary('steady');
  const heap = summary('heap');
  return {
    service: `${SERVICE} GET ${ROUTE}`,
    rounds,
    durationS,
    connections,
    plain: { rps: plain.map((p) => p.rps), medianRps: median(plain.map((p) => p.rps)), cpuUsPerRequest: plainCpu },
    steady,
    heap,
    // A probe run spends the first of a route's three windows (and its warm-up) with the heap sampler on.
    loss: (heap.loss + 2 * steady.loss) / 3,
    cpuLoss:
      plainCpu === null || steady.cpuUsPerRequest === null || heap.cpuUsPerRequest === null
        ? null
        : 1 - plainCpu / ((heap.cpuUsPerRequest + 2 * steady.cpuUsPerRequest) / 3),
    loadAverage: [loadBefore, os.loadavg()[0]],
  };
}

export function reportProbeOverhead(result) {
  const rps = (values) => values.map((v) => v.toFixed(0)).join(', ');
  const cpu = (us) => (us === null ? 'n/a (no /proc)' : `${us.toFixed(0)} µs`);
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  const line = (label, figures) =>
    `   ${label.padEnd(38)}median ${figures.medianRps.toFixed(0)} req/s (${rps(figures.rps)}); loss ${pct(figures.loss)} (per-round ratios spread over ${(figures.ratioSpread * 100).toFixed(0)} points); CPU per request ${cpu(figures.cpuUsPerRequest)}`;
  const noisy = result.steady.ratioSpread > 2 * TARGET_LOSS || result.heap.ratioSpread > 2 * TARGET_LOSS;
  return [
    '',
    `== probe overhead: ${result.service}, ${result.connections} connections each, ${result.durationS} s per measurement, ${result.rounds} rounds, three services side by side`,
    `   load average (1 min) before ${result.loadAverage[0].toFixed(2)}, after ${result.loadAverage[1].toFixed(2)} on ${os.cpus().length} CPUs`,
    `   ${'without the probe:'.padEnd(38)}median ${result.plain.medianRps.toFixed(0)} req/s (${rps(result.plain.rps)}); CPU per request ${cpu(result.plain.cpuUsPerRequest)}`,
    line('probe, sampler + CPU profiler:', result.steady),
    line('probe, + heap sampler (1st window):', result.heap),
    `   a probe run (first window of three with the heap sampler): throughput loss ${pct(result.loss)} (target ≤ ${TARGET_LOSS * 100}%): ${noisy ? 'INCONCLUSIVE: the rounds disagree by more than the target; rerun on a quieter machine or with more rounds' : result.loss <= TARGET_LOSS ? 'MET' : 'NOT MET'}`,
    result.cpuLoss === null
      ? '   CPU-bound estimate: n/a (no /proc)'
      : `   CPU-bound estimate from the service's CPU time per request (steadier on a shared machine): ${pct(result.cpuLoss)} fewer requests per CPU-second with the probe (${result.cpuLoss <= TARGET_LOSS ? 'within' : 'over'} the target)`,
  ].join('\n');
}
