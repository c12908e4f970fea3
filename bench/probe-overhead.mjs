// The probe's cost to the service it measures: the same service's throughput and CPU time per request
// with and without the probe's sampler and profilers inside it, under the same load, in one run.
//
//   npm run bench -- --probe-only [--probe-rounds N] [--probe-windows N] [--probe-duration S]
//                    [--probe-connections N] [--probe-breakdown | --probe-states a,b,…] [--probe-switched] [--probe-pin]
//
// Each round (default 16) starts one fresh Express fixture per state (lib/probe-services.mjs: plain, a plain
// control, and `run`: what a probe run does over a route, window by window, from the runner's own schedule and
// decisions (the heap sampler throughout, the post-GC readings in every window, a second pass under the CPU
// profiler and a heap profile read when a route's windows call for them: lib/probe-services.mjs);
// --probe-breakdown adds the states that run one part of the probe throughout: the inert preload, the sampler
// alone, with the CPU profiler, with the post-GC readings (steady), with the heap sampler (heap)), warms them all
// with the same number of requests, then loads them one at a time in groups: one window of S seconds (default 1)
// of every state back to back, each group starting one state later than the one before (plain, control, run;
// control, run, plain; run, plain, control; …), so every state takes every place in a group equally often. With a route state the groups
// are a route's windows in order (default 6 a round: two routes), and before a route's first window every state
// gets the runner's warm-up, uncounted. Load: autocannon at
// GET /healthy from this process. One state at a time gives each the whole machine (on two cores, services side
// by side starve the load generator). Per window it counts completed requests, the service's CPU time (all its
// threads, and the main thread, the CPU profiler's and the rest apart; /proc schedstat) and what the rest of the
// machine used meanwhile. A window's loss is against the mean of its group's two plain windows (plain and control: a
// process's own speed, a few per cent either way for its whole life, enters the reference halved); the control is
// judged against plain alone. A route's loss is the mean of its windows' (a group's without routes).
// lib/probe-stats.mjs turns them into round figures, an interval over rounds and the verdict.
//
// --probe-switched runs one process per round instead and switches the probe between its windows
// (startSwitchable), so that a group's losses are paired differences the process's own speed cannot move. It
// also measures the switches: in the quiet window of 2026-11-30 23:25 UTC a window right after one cost the
// service 20 to 45 % more CPU per request than one without (bench/README.md), which a probe run, starting its
// profiler once per route before the warm-up, does not pay in every window. Not the default for that reason.
// --probe-pin runs the services on CPU 1 and this process (the load) on CPU 0.

import { execFileSync } from 'node:child_process';
import os from 'node:os';
import autocannon from 'autocannon';
import { machineCpuMs, mainSchedOf, ROUTE, ROUTE_STATES, routeSchedule, SERVICE, startService, startSwitchable, SWITCHABLE_STATES, threadCpuMsOf } from './lib/probe-services.mjs';
import { busyMachine, forcedInOneProcess, mean, median, roundedLoss, TARGET_LOSS, verdict } from './lib/probe-stats.mjs';

/** Requests each service serves before the first window: the JIT's warm-up, the same for every state. */
const WARM_UP_REQUESTS = 5000;
export const DEFAULT_STATES = ['plain', 'control', 'run'];
/** Every state; the inert preload only with a process per state (in one process it is the probe-off state). */
export const breakdownStates = (sameProcess) => ['plain', 'control', ...(sameProcess ? ['sampler', 'profiled', 'steady'] : ['inert', 'sampler', 'profiled', 'steady', 'heap', 'run'])];

function load(url, { durationS, amount, connections }) {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${url}${ROUTE}`, connections, ...(amount ? { amount } : { duration: durationS }) }, (error, result) => {
      if (error) return reject(error);
      resolve({ requests: result.requests.total, rps: result.requests.total / result.duration, errors: result.errors + result.non2xx });
    });
  });
}

/** This process's CPU time so far (all its threads: the load generator's), in ms. */
const ownCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/**
 * One window of load on one service, alone on the machine. With routes (`options.route`), the window is the
 * `routeWindow`-th of a route: before a route's first one the service starts what a probe run starts there
 * (a route state's profilers) and gets the route's warm-up, uncounted, whatever its state.
 */
async function measureWindow(service, options) {
  const routeWindow = options.route?.window ?? 0;
  if (options.route && routeWindow === 0) {
    await service.beforeRoute();
    await load(service.url, { durationS: options.route.warmUpMs / 1000, connections: options.connections });
  }
  await service.beforeWindow({ routeWindow, windowMs: options.durationS * 1000 });
  const loadAverage = os.loadavg()[0];
  const before = { threads: threadCpuMsOf(service.pid), sched: mainSchedOf(service.pid), own: ownCpuMs(), machine: machineCpuMs(), at: performance.now() };
  const result = await load(service.url, options);
  const after = { threads: threadCpuMsOf(service.pid), sched: mainSchedOf(service.pid), own: ownCpuMs(), machine: machineCpuMs(), at: performance.now() };
  // After the figures: a forced collection, when the window had no full collection of the service's own,
  // weighs on the next window, as in a probe run.
  const readings = await service.afterWindow({ routeWindow, window: { start: Date.now() - (after.at - before.at), end: Date.now(), requests: result.requests } });
  const serviceMs = before.threads === null || after.threads === null ? null : after.threads.all - before.threads.all;
  const perRequest = (part) => (serviceMs === null || !result.requests ? null : ((after.threads[part] - before.threads[part]) * 1000) / result.requests);
  const wallMs = after.at - before.at;
  // What the rest of the machine ran meanwhile, in cores: the neighbours this bench cannot see in its own figures.
  const others = before.machine && after.machine && serviceMs !== null ? Math.max(0, after.machine.busy - before.machine.busy - serviceMs - (after.own - before.own)) / wallMs : null;
  return {
    rps: result.rps,
    errors: result.errors,
    loadAverage,
    others,
    steal: before.machine && after.machine ? (after.machine.steal - before.machine.steal) / wallMs : null,
    // CPU per request: what the service spends on each request it serves, the probe's work included.
    cpuUsPerRequest: perRequest('all'),
    // The same by thread: the main thread's is what every request waits for.
    threadUsPerRequest: serviceMs === null || !result.requests ? null : { main: perRequest('main'), profiler: perRequest('profiler'), others: perRequest('others') },
    // The main thread's moves between CPUs and switches away from it, per second of the window.
    schedPerSecond: before.sched && after.sched ? Object.fromEntries(Object.keys(before.sched).map((key) => [key, ((after.sched[key] - before.sched[key]) * 1000) / wallMs])) : null,
    // Post-GC readings in the window: after the service's own full collections, or forced (states that take them).
    readings,
  };
}

/** One round: fresh services, the same warm-up for each, then groups of windows in alternating order. */
async function measureRound(states, options) {
  const services = {};
  const stops = [];
  try {
    if (options.sameProcess) {
      // One process for every state, the probe switched off and on between windows (lib/probe-services.mjs).
      const switchable = await startSwitchable({ cpu: options.pin ? 1 : undefined });
      stops.push(() => switchable.stop());
      for (const state of states) services[state] = switchable.as(state);
      await load(switchable.url, { amount: WARM_UP_REQUESTS, connections: options.connections });
    } else {
      const started = await Promise.allSettled(states.map((state) => startService(state, { cpu: options.pin ? 1 : undefined })));
      states.forEach((state, i) => {
        if (started[i].status !== 'fulfilled') return;
        services[state] = started[i].value;
        stops.push(() => started[i].value.stop());
      });
      const failed = started.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
      await Promise.all(states.map((state) => load(services[state].url, { amount: WARM_UP_REQUESTS, connections: options.connections })));
    }
    const groups = [];
    // In one process, a first group that is not counted: the round's first window, right after the warm-up,
    // would be the plain one every time (in a busy-machine trial with one group per round, the control
    // window after it read 22 to 26 % cheaper per request); this group also runs every switch once. A forced
    // collection in it still counts against the verdict: its deoptimisation reaches the first counted group.
    let unmeasuredForced = 0;
    if (options.sameProcess) {
      for (const state of states) unmeasuredForced += (await measureWindow(services[state], options)).readings?.forced ?? 0;
    }
    for (let window = 0; window < options.windows; window++) {
      // Each group starts one state later than the one before (plain, control, run; control, run, plain; run,
      // plain, control; …): every state takes every place in a group equally often. Reversing the order from
      // group to group (before 2026-12-01 08:05 UTC) kept the middle state (the control) in the middle for
      // good, while plain and run took the ends in turn: the control read 2.3 to 5.2 % faster than plain in
      // every run of that day, on the position alone.
      const order = states.map((_, i) => states[(i + window) % states.length]);
      const group = {};
      const route = options.schedule ? { window: window % options.schedule.windows, warmUpMs: options.schedule.warmUpMsFor(options.durationS * 1000) } : undefined;
      for (const state of order) group[state] = await measureWindow(services[state], { ...options, route });
      groups.push(group);
    }
    // A route state's routes, and how many of them its CPU profiler covered whole (the runner's decision).
    const profiledRoutes = Object.fromEntries(states.map((state) => [state, services[state].profiledRoutes?.() ?? null]));
    return { groups, unmeasuredForced, profiledRoutes };
  } finally {
    await Promise.all(stops.map((stop) => stop()));
  }
}

/** A state's post-GC readings over its windows (null where it takes none): how often a window needed a forced one. */
function readingsOf(perWindow) {
  const taken = perWindow.filter((readings) => readings);
  if (!taken.length) return null;
  return {
    windows: taken.length,
    service: taken.reduce((sum, readings) => sum + readings.service, 0),
    forced: taken.reduce((sum, readings) => sum + readings.forced, 0),
    windowsForced: taken.filter((readings) => readings.forced > 0).length,
  };
}

/** Pins this process (all its threads) to CPU 0 for the run; returns how to undo it. */
function pinSelf() {
  const all = `0-${os.cpus().length - 1}`;
  execFileSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  return () => execFileSync('taskset', ['-a', '-p', '-c', all, String(process.pid)], { stdio: 'ignore' });
}

/** Runs the rounds; returns the figures. */
export async function probeOverhead({ rounds = 16, windows = 6, durationS = 1, connections = 10, states = DEFAULT_STATES, pin = false, sameProcess = false, log = () => undefined } = {}) {
  if (!states.includes('plain')) throw new Error('the states must include plain: every loss is against it');
  const cannot = sameProcess ? states.filter((state) => !SWITCHABLE_STATES.includes(state)) : [];
  if (cannot.length) throw new Error(`${cannot.join(', ')}: not a state one process can switch to (without --probe-switched, a process per state)`);
  if (pin && os.cpus().length < 2) throw new Error('--probe-pin needs two CPUs');
  // With a route state, the groups follow routes: a route's windows in order, its warm-up before the first.
  const routed = states.some((state) => ROUTE_STATES.has(state));
  const schedule = routed ? await routeSchedule() : null;
  if (routed && windows % schedule.windows !== 0) throw new Error(`with ${states.filter((state) => ROUTE_STATES.has(state)).join(', ')}, --probe-windows must be a multiple of a route's ${schedule.windows} windows`);
  const unpin = pin ? pinSelf() : () => undefined;
  const measured = [];
  let unmeasuredForced = 0;
  const profiledRoutes = {};
  const startedAt = Date.now();
  try {
    for (let round = 0; round < rounds; round++) {
      log(`  probe overhead round ${round + 1}/${rounds}: ${states.join(', ')}${sameProcess ? ' in one process' : ', a process each'}, ${windows} windows of ${durationS} s each, one state at a time (load average ${os.loadavg()[0].toFixed(2)}) …`);
      const { groups, unmeasuredForced: forced, profiledRoutes: roundRoutes } = await measureRound(states, { durationS, connections, windows, pin, sameProcess, schedule });
      measured.push(groups);
      unmeasuredForced += forced;
      for (const [state, counts] of Object.entries(roundRoutes)) {
        if (!counts) continue;
        profiledRoutes[state] ??= { routes: 0, profiledPasses: 0, heapReads: 0 };
        for (const key of Object.keys(profiledRoutes[state])) profiledRoutes[state][key] += counts[key];
      }
    }
  } finally {
    unpin();
  }
  const cpuKnown = measured.every((groups) => groups.every((group) => states.every((state) => group[state].cpuUsPerRequest !== null)));
  // The service without the probe, in a group: the mean of its two plain processes' windows when the control
  // runs (each process is a few per cent faster or slower than another for its whole life, and a reference
  // of two carries half that), else the plain one's. The control itself is judged against plain alone: it
  // is the check that two identical services read no difference.
  const twoPlain = states.includes('control');
  const referenceRps = (group) => (twoPlain ? (group.plain.rps + group.control.rps) / 2 : group.plain.rps);
  const referenceCpu = (group) => (twoPlain ? (group.plain.cpuUsPerRequest + group.control.cpuUsPerRequest) / 2 : group.plain.cpuUsPerRequest);
  // Losses within a group (its windows ran back to back, under the machine load of that moment), kept by round.
  // `against` picks the reference: the default above, or one process ('plain', 'control') for the figures printed beside it.
  const rpsOf = (group, against) => (against ? group[against].rps : referenceRps(group));
  const cpuOf = (group, against) => (against ? group[against].cpuUsPerRequest : referenceCpu(group));
  const throughputLoss = (state, against) => measured.map((groups) => groups.map((group) => 1 - group[state].rps / rpsOf(group, state === 'control' ? 'plain' : against)));
  // Fewer requests per CPU-second with the probe: 1 - the reference's CPU per request / the probed one's.
  const cpuLoss = (state, against) => (cpuKnown ? measured.map((groups) => groups.map((group) => 1 - cpuOf(group, state === 'control' ? 'plain' : against) / group[state].cpuUsPerRequest)) : null);
  // The same on the main thread alone (the event loop, which bounds throughput): where the probe's cost sits.
  const mainOf = (group, state) => group[state].threadUsPerRequest.main;
  const mainReference = (group) => (twoPlain ? (mainOf(group, 'plain') + mainOf(group, 'control')) / 2 : mainOf(group, 'plain'));
  const mainCpuLoss = (state) => measured.map((groups) => groups.map((group) => 1 - (state === 'control' ? mainOf(group, 'plain') : mainReference(group)) / mainOf(group, state)));
  // With routes, a round's figures are per route: the mean of the losses of its windows (equal lengths: a
  // route's loss weighted by time), so a round's median is over routes, never over windows of different
  // kinds (a route state's profiled first window and the sampler-only ones after it).
  const perUnit = (rounds) => (routed ? rounds.map((groups) => Array.from({ length: groups.length / schedule.windows }, (_, i) => mean(groups.slice(i * schedule.windows, (i + 1) * schedule.windows)))) : rounds);
  const summarise = (rounds) => roundedLoss(perUnit(rounds));
  // A route state's windows by their place in the route: the loss over rounds of its k-th windows alone, and
  // their median CPU per request on the main thread.
  const byRouteWindow = (state) =>
    Array.from({ length: schedule.windows }, (_, k) => {
      const at = (rounds) => rounds.map((groups) => groups.filter((_, g) => g % schedule.windows === k));
      return {
        loss: roundedLoss(at(throughputLoss(state))),
        mainCpuLoss: cpuKnown ? roundedLoss(at(mainCpuLoss(state))) : null,
        mainUsPerRequest: cpuKnown ? median(at(measured).flat().map((group) => group[state].threadUsPerRequest.main)) : null,
      };
    });
  // A probe run: the run state, when measured (the runner's schedule, window by window). Before it, the
  // blend of the states that ran throughout: a route spends its warm-up and first window of three with the
  // heap sampler on, the rest with the CPU profiler.
  const blended = (steady, heap) => steady.map((groups, r) => groups.map((value, g) => (heap[r][g] + 2 * value) / 3));
  const probeRun = (losses, against) =>
    states.includes('run') ? summarise(losses('run', against)) : states.includes('steady') && states.includes('heap') ? summarise(blended(losses('steady', against), losses('heap', against))) : null;
  const windowsOf = (pick) => measured.flat().flatMap((group) => states.map((state) => pick(group[state]))).filter((value) => value !== null);
  return {
    service: `${SERVICE} GET ${ROUTE}`,
    rounds,
    windowsPerRound: windows,
    groups: measured.flat().length,
    durationS,
    connections,
    pinned: pin,
    sameProcess,
    /** With a route state: the runner's schedule the windows followed (windows per route, how many profiled, the warm-up). */
    schedule: schedule ? { windows: schedule.windows, warmUpMs: schedule.warmUpMsFor(durationS * 1000) } : null,
    /** Forced collections in the uncounted first group of each round (one process only). */
    unmeasuredForced,
    states,
    seconds: (Date.now() - startedAt) / 1000,
    byState: Object.fromEntries(
      states.map((state) => [
        state,
        {
          rps: measured.flat().map((group) => group[state].rps),
          cpuUsPerRequest: cpuKnown ? measured.flat().map((group) => group[state].cpuUsPerRequest) : null,
          threadUsPerRequest: cpuKnown ? Object.fromEntries(['main', 'profiler', 'others'].map((part) => [part, measured.flat().map((group) => group[state].threadUsPerRequest[part])])) : null,
          ...(state === 'plain' ? {} : { loss: summarise(throughputLoss(state)), cpuLoss: cpuKnown ? summarise(cpuLoss(state)) : null, mainCpuLoss: cpuKnown ? summarise(mainCpuLoss(state)) : null }),
          // In a route state, by the window's place in its route (the profiled first window against the rest).
          ...(routed && ROUTE_STATES.has(state) ? { byRouteWindow: byRouteWindow(state) } : {}),
          readings: readingsOf(measured.flat().map((group) => group[state].readings)),
          profiledRoutes: profiledRoutes[state] ?? null,
          schedPerSecond: measured.flat().every((group) => group[state].schedPerSecond) ? Object.fromEntries(['migrations', 'involuntary', 'voluntary'].map((key) => [key, median(measured.flat().map((group) => group[state].schedPerSecond[key]))])) : null,
        },
      ]),
    ),
    errors: measured.flat().reduce((sum, group) => sum + states.reduce((s, state) => s + group[state].errors, 0), 0),
    loss: probeRun(throughputLoss),
    cpuLoss: cpuKnown ? probeRun(cpuLoss) : null,
    /** The reference every loss but the control's is taken against. */
    reference: twoPlain ? 'plain and control' : 'plain',
    // The probe run against each plain process alone (the two halves of the reference), printed beside the
    // verdict, not part of it.
    againstPlain: twoPlain ? probeRun(throughputLoss, 'plain') : null,
    againstControl: twoPlain ? probeRun(throughputLoss, 'control') : null,
    loadAverage: windowsOf((window) => window.loadAverage),
    others: windowsOf((window) => window.others),
    steal: windowsOf((window) => window.steal),
    cpus: os.cpus().length,
    // Every window's figures, for --json readers who want to judge the noise themselves.
    windows: measured,
  };
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const signed = (x) => `${x >= 0 ? ' ' : ''}${(x * 100).toFixed(1)}`;
const points = (x) => (x === null ? 'n/a' : (x * 100).toFixed(1));
const describe = (s) =>
  `mean of the round medians ${pct(s.mean)}${s.interval ? `, 95% interval ${pct(s.interval.low)} to ${pct(s.interval.high)}` : ''}; rounds ${s.byRound.map(pct).join(', ')}; groups median ${pct(s.median)}, middle half ${pct(s.q1)} to ${pct(s.q3)}, all ${pct(s.min)} to ${pct(s.max)}; spread (sd, points): of the round medians ${points(s.sdRounds)}, of the groups within a round ${points(s.sdWithin)}`;
const spreadOf = (values, digits) => (values.length ? `median ${median(values).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)}` : 'n/a');

export function reportProbeOverhead(result) {
  const labels = {
    plain: 'without the probe',
    control: 'control: plain again',
    inert: 'preload, not selected',
    sampler: 'sampler, no profiler',
    profiled: 'sampler + CPU profiler',
    steady: '+ post-GC heap readings',
    heap: '+ heap sampler',
    run: "a probe run's schedule",
  };
  const schedule = result.schedule;
  const lines = [
    '',
    `== probe overhead: ${result.service}, ${result.connections} connections; ${result.rounds} rounds of ${result.sameProcess ? 'one fresh process each, the probe switched off and on between its windows' : 'fresh services, a process per state'} (${WARM_UP_REQUESTS} requests of warm-up each), ${result.windowsPerRound} groups per round of ${result.durationS} s windows, one state at a time, each group starting one state later${result.pinned ? '; services on CPU 1, load on CPU 0' : ''}; ${result.seconds.toFixed(0)} s`,
    `   machine during the windows: load average (1 min) ${spreadOf(result.loadAverage, 2)} on ${result.cpus} CPUs; other processes' CPU ${spreadOf(result.others, 2)} cores; steal ${spreadOf(result.steal, 2)} cores${result.errors ? `; ${result.errors} failed requests` : ''}`,
  ];
  if (result.sameProcess) lines.push(`   each round's first group, not counted: ${result.unmeasuredForced} forced collections in its probed windows`);
  if (schedule) {
    lines.push(
      `   routes: the groups follow a route's ${schedule.windows} windows; before its first, every service gets ${schedule.warmUpMs} ms of warm-up, uncounted; "run" runs the heap sampler throughout, and after a route's last window takes the runner's decisions: a stalled loop or GC pressure makes its next route a second pass under the CPU profiler, a growing post-GC heap reads the heap profile; losses per route (the mean of its windows'), a round's the median of its routes'`,
    );
  }
  for (const state of result.states) {
    const figures = result.byState[state];
    const cpu = figures.cpuUsPerRequest ? `CPU per request median ${median(figures.cpuUsPerRequest).toFixed(1)} µs (${Math.min(...figures.cpuUsPerRequest).toFixed(0)} to ${Math.max(...figures.cpuUsPerRequest).toFixed(0)})` : 'CPU per request n/a (no /proc)';
    lines.push(`   ${`${labels[state]}:`.padEnd(25)}median ${median(figures.rps).toFixed(0)} req/s (${Math.min(...figures.rps).toFixed(0)} to ${Math.max(...figures.rps).toFixed(0)}); ${cpu}`);
    const threads = figures.threadUsPerRequest;
    if (threads) lines.push(`   ${''.padEnd(25)}by thread, median µs per request: main ${median(threads.main).toFixed(1)}, CPU profiler's ${median(threads.profiler).toFixed(2)}, V8's workers and the rest ${median(threads.others).toFixed(1)}`);
    const sched = figures.schedPerSecond;
    if (sched) lines.push(`   ${''.padEnd(25)}main thread per second, median: ${sched.migrations.toFixed(0)} moves between CPUs, ${sched.involuntary.toFixed(0)} preemptions, ${sched.voluntary.toFixed(0)} waits`);
    if (figures.readings) {
      const r = figures.readings;
      lines.push(`   ${''.padEnd(25)}post-GC readings: ${r.service} after the service's own full collections, ${r.forced} forced (${r.windowsForced} of ${r.windows} windows had none of its own)`);
    }
    if (figures.profiledRoutes) lines.push(`   ${''.padEnd(25)}${figures.profiledRoutes.routes} routes: ${figures.profiledRoutes.profiledPasses} of them second passes under the CPU profiler, ${figures.profiledRoutes.heapReads} heap profiles read (the runner's decisions)`);
    if (figures.loss) lines.push(`   ${''.padEnd(25)}throughput loss ${describe(figures.loss)}`);
    if (figures.cpuLoss) lines.push(`   ${''.padEnd(25)}by CPU per request ${describe(figures.cpuLoss)}`);
    if (figures.mainCpuLoss) lines.push(`   ${''.padEnd(25)}by the main thread's CPU per request ${describe(figures.mainCpuLoss)}`);
    for (const [k, place] of (figures.byRouteWindow ?? []).entries()) {
      const main = place.mainCpuLoss ? `; by the main thread's CPU ${pct(place.mainCpuLoss.mean)}${place.mainCpuLoss.interval ? ` (${pct(place.mainCpuLoss.interval.low)} to ${pct(place.mainCpuLoss.interval.high)})` : ''}, median ${place.mainUsPerRequest.toFixed(1)} µs a request` : '';
      lines.push(`   ${''.padEnd(25)}window ${k + 1} of a route: throughput ${pct(place.loss.mean)}${place.loss.interval ? ` (${pct(place.loss.interval.low)} to ${pct(place.loss.interval.high)})` : ''}${main}`);
    }
  }
  if (!result.loss) return lines.join('\n');
  const control = result.byState.control;
  const runMeasured = result.states.includes('run');
  lines.push(
    `   a probe run (${runMeasured ? 'the run state: its schedule window by window' : 'one window in three with the heap sampler'}) against ${result.reference === 'plain' ? 'the plain service' : "the mean of the two plain services' windows"}, each ${schedule ? 'route' : 'group'}'s loss in %, by round:`,
  );
  for (const [r, groups] of result.loss.rounds.entries()) {
    lines.push(`     round ${String(r + 1).padStart(2)}: ${groups.map(signed).join(' ')}   median ${signed(result.loss.byRound[r])}`);
  }
  lines.push(`   against the ${TARGET_LOSS * 100}% target${control ? ', the control first (what the bench reads between two identical services)' : ''}:`);
  const busy = busyMachine({ others: result.others.length ? median(result.others) : null, steal: result.steal.length ? median(result.steal) : null });
  const windowsForced = result.states.reduce((sum, state) => sum + (result.byState[state].readings?.windowsForced ?? 0), 0) + (result.unmeasuredForced ?? 0);
  const unusable = forcedInOneProcess(result.sameProcess, windowsForced);
  if (control) lines.push(`     control against plain, throughput ${describe(control.loss)}`);
  lines.push(`     throughput loss ${describe(result.loss)}: ${verdict(result.loss, control?.loss, busy, unusable)}`);
  if (result.againstPlain) lines.push(`     (beside it, the probe run against one plain service alone: plain ${describe(result.againstPlain)}; control ${describe(result.againstControl)})`);
  if (result.cpuLoss) {
    if (control?.cpuLoss) lines.push(`     control, by CPU per request ${describe(control.cpuLoss)}`);
    lines.push(`     by CPU per request ${describe(result.cpuLoss)}: ${verdict(result.cpuLoss, control?.cpuLoss, busy, unusable)}`);
  } else lines.push('     by CPU per request: n/a (no /proc)');
  return lines.join('\n');
}
