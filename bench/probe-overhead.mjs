// The probe's cost to the service it measures: the same service's throughput with and without the
// probe's sampler and profilers inside it, under the same load, in one run.
//
//   npm run bench -- --probe-only [--probe-rounds N] [--probe-duration S] [--probe-connections N]
//
// Each round starts the Express fixture twice, plainly and with the probe (the sampler preloaded through
// NODE_OPTIONS exactly as `strata probe` does it, selected, streaming samples, the CPU profiler and the
// sampling heap profiler running), warms it up, then drives the same autocannon load at GET /healthy and
// counts completed requests. Rounds alternate the two so that a change of machine load hits both alike.
// Load and service share this machine's CPUs; the figure to read is the median loss, not one round.

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

/** Starts the fixture, plainly or under the probe's sampler, and resolves with its URL and a stop function. */
async function startService(probed) {
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

async function measureOnce(probed, options) {
  const service = await startService(probed);
  try {
    await load(service.url, { durationS: 1, connections: options.connections });
    const cpuBefore = cpuMsOf(service.pid);
    const measured = await load(service.url, { durationS: options.durationS, connections: options.connections });
    const cpuAfter = cpuMsOf(service.pid);
    // CPU per request is the steadier figure on a shared machine: throughput also moves with what the
    // other processes take from the load generator and the service.
    const cpuUsPerRequest = cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / measured.requests;
    return { rps: measured.rps, cpuUsPerRequest };
  } finally {
    await service.stop();
  }
}

/** Runs the rounds; returns the figures. */
export async function probeOverhead({ rounds = 3, durationS = 5, connections = 10, log = () => undefined } = {}) {
  const plain = [];
  const probed = [];
  const loadBefore = os.loadavg()[0];
  for (let round = 0; round < rounds; round++) {
    // Alternate which goes first, so neither always gets the quieter half of the round.
    const order = round % 2 ? [true, false] : [false, true];
    for (const withProbe of order) {
      log(`  probe overhead round ${round + 1}/${rounds}: ${withProbe ? 'with' : 'without'} the probe …`);
      (withProbe ? probed : plain).push(await measureOnce(withProbe, { durationS, connections }));
    }
  }
  // Paired by round: each round's two services ran under the same machine load.
  const loss = 1 - median(probed.map((p, i) => p.rps / plain[i].rps));
  const cpu = plain.every((p) => p.cpuUsPerRequest !== null) && probed.every((p) => p.cpuUsPerRequest !== null);
  return {
    service: `${SERVICE} GET ${ROUTE}`,
    rounds,
    durationS,
    connections,
    plainRps: plain.map((p) => p.rps),
    probedRps: probed.map((p) => p.rps),
    medianPlain: median(plain.map((p) => p.rps)),
    medianProbed: median(probed.map((p) => p.rps)),
    loss,
    // How far apart the rounds without the probe are: a loss smaller than this is not a measurement.
    noise: Math.max(...plain.map((p) => p.rps)) / Math.min(...plain.map((p) => p.rps)) - 1,
    loadAverage: [loadBefore, os.loadavg()[0]],
    cpuUsPerRequest: cpu ? { plain: median(plain.map((p) => p.cpuUsPerRequest)), probed: median(probed.map((p) => p.cpuUsPerRequest)), extra: median(probed.map((p, i) => p.cpuUsPerRequest / plain[i].cpuUsPerRequest - 1)) } : null,
  };
}

export function reportProbeOverhead(result) {
  const rps = (values) => values.map((v) => v.toFixed(0)).join(', ');
  return [
    '',
    `== probe overhead: ${result.service}, ${result.connections} connections, ${result.durationS} s per measurement, ${result.rounds} rounds`,
    `   without the probe: median ${result.medianPlain.toFixed(0)} req/s (${rps(result.plainRps)})`,
    `   with the probe:    median ${result.medianProbed.toFixed(0)} req/s (${rps(result.probedRps)})  (sampler, CPU profiler and sampling heap profiler running)`,
    `   load average (1 min) before ${result.loadAverage[0].toFixed(2)}, after ${result.loadAverage[1].toFixed(2)} on ${os.cpus().length} CPUs; rounds without the probe differ by up to ${(result.noise * 100).toFixed(0)}%${result.noise > TARGET_LOSS ? ': more than the target, so read the loss as noise-bound and rerun on a quiet machine' : ''}`,
    `   throughput loss (median of the per-round ratios): ${(result.loss * 100).toFixed(1)}% (target ≤ ${TARGET_LOSS * 100}%): ${result.loss <= TARGET_LOSS ? 'MET' : 'NOT MET'}`,
    result.cpuUsPerRequest
      ? `   service CPU per request: ${result.cpuUsPerRequest.plain.toFixed(0)} µs without, ${result.cpuUsPerRequest.probed.toFixed(0)} µs with the probe (median per-round difference ${(result.cpuUsPerRequest.extra * 100).toFixed(1)}%)`
      : '   service CPU per request: not measured (no /proc)',
  ].join('\n');
}
