// The probe's cost to the service in instructions, which the machine's load does not move (unlike the
// wall-clock bench/probe-overhead.mjs): the Express fixture of packages/probe/test runs under valgrind's
// callgrind in one state, instrumentation off while it starts and warms up, on for a fixed number of
// requests (autocannon, 10 connections, GET /healthy), then dumped per thread.
//
//   node bench/probe-instructions.mjs [--states plain,inert,sampler,steady,heap] [--requests N] [--warm-up N] [--dist dir]
//
// States: plain (no probe), inert (the sampler preloaded, not selected), sampler (selected, streaming, no
// profiler), steady (+ CPU profiler, and the post-GC readings after the service's own full collections that
// a probe run takes in every window), heap (+ heap sampler), forced (steady, and a window without a full
// collection of the service's own just before the counted requests: the probe forces one then, once the
// service has gone quiet; this was every window's reading before 2026-11-30 20:00). `--dist` points at another build of the
// probe (a copy with one piece disabled, say). Prints per state the instructions per request of the
// service's main thread and of all its threads, and the main thread's share in the probe's own parts.
//
// Reading it: callgrind runs the service some 50 times slower, while the probe's timers (the 250 ms
// interval, the CPU profiler's 20 ms samples) keep wall-clock time, so per request they weigh that much
// more here than in a real run; the output gives each of those per event, to scale by a real run's rate.
// The costs that follow requests (code events while V8 compiles, the heap sampler, GC entries) are
// counted as they are. The main thread varies by about 1 % from run to run (the JIT's timing).

import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { waitForHttp } from './lib/wait-http.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const FIXTURES = path.join(repo, 'packages/probe/test/fixtures');
const ROUTE = '/healthy';

const options = { states: ['plain', 'sampler', 'steady', 'heap'], requests: 2000, warmUp: 10000, dist: path.join(repo, 'packages/probe/dist') };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--states') options.states = argv[++i].split(',');
  else if (argv[i] === '--requests') options.requests = Number(argv[++i]);
  else if (argv[i] === '--warm-up') options.warmUp = Number(argv[++i]);
  else if (argv[i] === '--dist') options.dist = path.resolve(argv[++i]);
  else {
    console.error(`unknown option ${argv[i]}`);
    process.exit(2);
  }
}

/** Inclusive instructions of the probe's own parts, by the native functions they end in. */
const PARTS = {
  'loop histogram reads and reset, per 250 ms': /^node::HistogramImpl::(GetMean|DoReset|GetPercentile|GetMax|GetCount)\(/,
  'CPU profiler sample (signal, stack walk)': /^v8::sampler::SamplerManager::DoSample\(/,
  'CPU profiler code events (V8 compiling)': /^v8::internal::ProfilerListener::Code\w+Event\(/,
  'heap sampler': /^v8::internal::SamplingHeapProfiler::(SampleObject|Observer::Step)\(/,
  'GC entries': /^node::CallbackQueue.*MarkGarbageCollectionEnd/,
  "nextTick's literal through V8's runtime (its megamorphic state)": /^v8::internal::Runtime_DefineKeyedOwnPropertyInLiteral\(/,
  'JSON.stringify (the service\'s res.json too)': /^v8::internal::Builtin_JsonStringify\(/,
};

function inclusive(file) {
  const out = execFileSync('callgrind_annotate', ['--inclusive=yes', '--threshold=100', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const total = Number(/([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS/.exec(out)?.[1].replace(/,/g, '') ?? 0);
  const parts = Object.fromEntries(Object.keys(PARTS).map((name) => [name, 0]));
  for (const line of out.split('\n')) {
    const match = /^\s*([\d,]+) \([^)]*\)\s+\S*?:(.*?) \[/.exec(line);
    if (!match) continue;
    for (const [name, pattern] of Object.entries(PARTS)) if (pattern.test(match[2])) parts[name] += Number(match[1].replace(/,/g, ''));
  }
  return { total, parts };
}

const profiling = (state) => state === 'steady' || state === 'heap' || state === 'forced';

const run = (url, amount) =>
  new Promise((resolve, reject) => autocannon({ url, connections: 10, amount }, (error, result) => (error ? reject(error) : resolve(result))));

async function measure(state, scratch) {
  const probed = state !== 'plain';
  const { ControlServer } = await import(path.join(options.dist, 'runner/control.js'));
  const { probeEnvironment } = await import(path.join(options.dist, 'runner/service.js'));
  const { samplerFile } = await import(path.join(options.dist, 'runner/sampler-file.js'));
  const control = new ControlServer();
  await control.listen();
  const port = 20000 + Math.floor(Math.random() * 20000);
  const env = probed ? probeEnvironment(process.env, samplerFile(), control.socketPath) : { ...process.env, PORT: String(port) };
  const prefix = path.join(scratch, state);
  const args = ['--tool=callgrind', '--separate-threads=yes', '--instr-atstart=no', '--smc-check=all-non-file', `--callgrind-out-file=${prefix}.%p`, process.execPath, 'express-service.mjs'];
  const child = spawn('valgrind', args, { cwd: FIXTURES, env, stdio: ['ignore', 'ignore', 'ignore'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    let url;
    if (probed) {
      const listening = await new Promise((resolve, reject) => {
        control.once('listening', resolve);
        exited.then((code) => reject(new Error(`the fixture exited (${code}) before it listened`)));
      });
      control.selectedPid = listening.pid;
      if (state !== 'inert') await control.request({ type: 'select' });
      if (profiling(state)) await control.request({ type: 'cpu-start' });
      if (state === 'heap') await control.request({ type: 'heap-start' });
      url = `http://127.0.0.1:${listening.port}${ROUTE}`;
    } else {
      url = `http://127.0.0.1:${port}${ROUTE}`;
      await waitForHttp(url, { deadlineMs: 120_000, intervalMs: 200, what: 'the plain fixture' });
    }
    if (options.warmUp > 0) await run(url, options.warmUp);
    // A window with no full collection of the service's own: at its end the probe forces one.
    if (state === 'forced') {
      await control.request({ type: 'window-start' });
      const { readings } = await control.request({ type: 'window-end' });
      if (!readings.some((reading) => reading.source === 'forced')) console.error('forced: the service collected on its own in the empty window; nothing was forced');
    }
    execFileSync('callgrind_control', ['--instr=on', String(child.pid)], { stdio: 'ignore' });
    const started = Date.now();
    const result = await run(url, options.requests);
    const seconds = (Date.now() - started) / 1000;
    execFileSync('callgrind_control', ['--dump', String(child.pid)], { stdio: 'ignore' });
    let samples;
    if (profiling(state)) {
      // CPU-profile samples taken while instrumented: the profile's last `seconds`, near enough.
      const { cpuProfileFile } = await control.request({ type: 'cpu-stop', dir: control.dir, name: 'instructions' });
      const profile = JSON.parse(readFileSync(cpuProfileFile, 'utf8'));
      let at = profile.startTime;
      const stamps = profile.timeDeltas.map((delta) => (at += delta));
      samples = stamps.filter((stamp) => stamp >= profile.endTime - seconds * 1e6).length;
    }
    const requests = result.requests.total;
    // The first dump (".1-NN", one file per thread); the files of the final dump at exit are left aside.
    const files = readdirSync(scratch).filter((name) => name.startsWith(`${state}.${child.pid}.1-`));
    const threads = files.map((name) => ({ thread: name.split('.1-')[1], ...inclusive(path.join(scratch, name)) })).sort((a, b) => a.thread.localeCompare(b.thread));
    return { state, requests, seconds, samples, threads };
  } finally {
    child.kill('SIGTERM');
    await exited;
    await control.close();
  }
}

const scratch = path.join(os.tmpdir(), `probe-instructions-${process.pid}`);
mkdirSync(scratch, { recursive: true });
const k = (ir, requests) => `${(ir / requests / 1000).toFixed(1)} k`;
console.log(`probe instructions: ${path.basename(path.join(FIXTURES, 'express-service.mjs'))} GET ${ROUTE}, ${options.warmUp} requests of warm-up uninstrumented, then ${options.requests} under callgrind; build ${options.dist}`);
try {
  for (const state of options.states) {
    const { requests, seconds, samples, threads } = await measure(state, scratch);
    const main = threads.find((thread) => thread.thread === '01');
    const all = threads.reduce((sum, thread) => sum + thread.total, 0);
    const intervals = (seconds * 1000) / 250;
    console.log(`${state.padEnd(8)} ${requests} requests in ${seconds.toFixed(1)} s: main thread ${k(main.total, requests)} instructions per request, all threads ${k(all, requests)}`);
    for (const [name, ir] of Object.entries(main.parts)) {
      if (!ir) continue;
      const per = name.startsWith('loop') && state !== 'inert' ? `; ${(ir / intervals / 1000).toFixed(0)} k per 250 ms interval` : name.startsWith('CPU profiler sample') && samples ? `; ${(ir / samples / 1000).toFixed(1)} k per sample (${samples} samples)` : '';
      console.log(`         ${name}: ${k(ir, requests)} per request${per}`);
    }
    console.log(`         per thread (k per request): ${threads.map((thread) => `${thread.thread} ${(thread.total / requests / 1000).toFixed(1)}`).join(', ')}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
