#!/usr/bin/env node
// Strata speed benchmark and edge-agreement check against dependency-cruiser.
//
//   npm run bench                      generate bench/.generated/synth-5000-s1 (if absent) and bench it
//   npm run bench -- <dir> [<dir>…]    bench the given directories
//
// Options: --runs N (strata runs per mode, default 3), --dc-runs N (dependency-cruiser runs, default 3;
// only one more after the first when that first run takes over 120 s), --skip-dc, --modules N, --seed N
// (generator), --json <file> (write all figures), --max-list N (disagreements listed per group, default:
// all), --strata <path/to/bin/strata.js> (bench another build of Strata, e.g. a pinned commit), --skip-edit
// (no warm runs after a one-file edit, made on a copy), --growth (cold time per file at 1x, 2x, 4x --modules),
// --reference-strata <path/to/bin/strata.js> (also cold runs of a reference build, interleaved: the program
// models' issue judges cold time with every rule on against the engine before the models, commit a212be0).
// Probe overhead (bench/probe-overhead.mjs, after the analysis section): --skip-probe, --probe-only,
// --probe-rounds N (default 16), --probe-windows N (groups per round, default 6: two routes of three windows),
// --probe-duration S (seconds per load window, default 1), --probe-connections N (default 10), --probe-breakdown
// (also the inert preload, the sampler alone and the parts of the probe run throughout), --probe-states a,b,…
// (any of plain, control, inert, sampler, profiled, steady, heap, run), --probe-processes (a fresh process per state: the default),
// --probe-switched (one process per round, the probe switched off and on between windows: measures the
// switches too, see bench/README.md; no inert state), --probe-pin (services on CPU 1, the load on CPU 0).
// --packed benches what users
// install: the package `npm run pack:cli` builds, staged now from this tree's build into bench/.generated/pack.
// --keep-env keeps NODE_EXTRA_CA_CERTS for the tools (see below).
//
// Every tool runs as a child process: wall time is measured around the child (Node start-up included,
// for both tools), peak RSS and CPU time by GNU time (`/usr/bin/time -f '%M %U %S'`) when present,
// otherwise by a wrapper that runs the tool in-process and reports `process.resourceUsage()` at exit.
// The numbers are a benchmark to read, not a test: nothing here fails on a time.
//
// NODE_EXTRA_CA_CERTS is set on some machines (this VM points it at the system bundle): Node 20 then parses
// every certificate of that file when the process starts, before any of the tool's code runs (about 420
// million instructions and 0.1 s here, for `node -e 1` as for either tool). The children run without it
// unless --keep-env is given, and the report prints bare Node's start-up in the same environment: the floor
// no command can go under.

import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION, generate } from './generate.mjs';
import { breakdownStates, DEFAULT_STATES, probeOverhead, reportProbeOverhead } from './probe-overhead.mjs';
import { compareEdges, dependencyCruiserGraph, runtimeComponents, strataGraph } from './lib/edges.mjs';
import { htmlReportFigures } from './lib/html-report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
let STRATA_BIN = path.join(repo, 'packages/cli/bin/strata.js');
let REFERENCE_BIN = null;
/** The environment of every measured child (see the header: NODE_EXTRA_CA_CERTS). */
let CHILD_ENV = { ...process.env, NO_COLOR: '1' };
const DC_BIN = path.join(repo, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const MEASURE = path.join(here, 'lib/measure-child.mjs');

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const options = { dirs: [], runs: 3, dcRuns: 3, skipDc: false, modules: 5000, seed: 1, json: null, maxList: Infinity, skipProbe: false, probeOnly: false, probeRounds: 16, probeWindows: 6, probeDuration: 1, probeConnections: 10, probeStates: DEFAULT_STATES, probePin: false, probeSwitched: false, skipEdit: false, growth: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--runs') options.runs = Number(value());
    else if (arg === '--dc-runs') options.dcRuns = Number(value());
    else if (arg === '--skip-dc') options.skipDc = true;
    else if (arg === '--skip-edit') options.skipEdit = true;
    else if (arg === '--growth') options.growth = true;
    else if (arg === '--modules') options.modules = Number(value());
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--json') options.json = path.resolve(value());
    else if (arg === '--strata') STRATA_BIN = path.resolve(value());
    else if (arg === '--reference-strata') REFERENCE_BIN = path.resolve(value());
    else if (arg === '--max-list') options.maxList = Number(value());
    else if (arg === '--skip-probe') options.skipProbe = true;
    else if (arg === '--probe-only') options.probeOnly = true;
    else if (arg === '--probe-rounds') options.probeRounds = Number(value());
    else if (arg === '--probe-duration') options.probeDuration = Number(value());
    else if (arg === '--probe-connections') options.probeConnections = Number(value());
    else if (arg === '--probe-windows') options.probeWindows = Number(value());
    else if (arg === '--probe-breakdown') options.probeStates = 'breakdown';
    else if (arg === '--probe-states') options.probeStates = value().split(',');
    else if (arg === '--probe-pin') options.probePin = true;
    else if (arg === '--probe-processes') options.probeSwitched = false;
    else if (arg === '--probe-switched') options.probeSwitched = true;
    else if (arg === '--packed') options.packed = true;
    else if (arg === '--keep-env') options.keepEnv = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 30).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.dirs.push(path.resolve(arg));
  }
  if (!(options.probeDuration > 0)) throw new Error('--probe-duration must be a positive number of seconds');
  for (const key of ['runs', 'dcRuns', 'probeRounds', 'probeWindows', 'probeConnections']) if (!Number.isInteger(options[key]) || options[key] < 1) throw new Error(`--${key} must be a positive integer`);
  return options;
}

// ---------------------------------------------------------------------------------------------
// Measuring a child process

const GNU_TIME = (() => {
  if (process.env.BENCH_NO_GNU_TIME || !existsSync('/usr/bin/time')) return null;
  const probe = spawnSync('/usr/bin/time', ['-f', '%M %U %S', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+ [\d.]+ [\d.]+\s*$/.test(probe.stderr.trim().split('\n').pop() ?? '') ? '/usr/bin/time' : null;
})();

/** Runs `node <script> …args` in cwd, stdout to a file; returns wall ms, peak RSS bytes, exit code. */
async function measure(script, args, { cwd, stdoutFile }) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'strata-bench-m-'));
  const rssFile = path.join(scratch, 'rss');
  const out = openSync(stdoutFile, 'w');
  let command;
  let commandArgs;
  if (GNU_TIME) {
    command = GNU_TIME;
    commandArgs = ['-f', '%M %U %S', '-o', rssFile, process.execPath, script, ...args];
  } else {
    command = process.execPath;
    commandArgs = [MEASURE, rssFile, script, ...args];
  }
  const stderr = [];
  const started = process.hrtime.bigint();
  const code = await new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd, stdio: ['ignore', out, 'pipe'], env: CHILD_ENV });
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve(status));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  closeSync(out);
  // Both probes write "maxRSS-KB user-seconds system-seconds" (GNU time may prefix a line on a signal).
  let rssKb = NaN;
  let cpuMs = NaN;
  try {
    const [rss, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().trim().split(/\s+/).map(Number);
    rssKb = rss;
    cpuMs = (user + system) * 1000;
  } catch {
    // the child died before reporting
  }
  rmSync(scratch, { recursive: true, force: true });
  return { wallMs, cpuMs, rssBytes: rssKb * 1024, code, stderr: Buffer.concat(stderr).toString('utf8') };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
const fmtMb = (bytes) => (Number.isFinite(bytes) ? `${Math.round(bytes / 1024 / 1024)} MB` : 'n/a');
const fmtPct = (x) => `${(x * 100).toFixed(2)}%`;

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r, i) => {
    const line = r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ');
    return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}

/** Bare Node's start-up and exit (node on an empty module) in the children's environment: the floor of any command. */
async function nodeFloor(runs) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'strata-bench-floor-'));
  const script = path.join(scratch, 'empty.mjs');
  writeFileSync(script, '');
  try {
    const measured = [];
    for (let i = 0; i < Math.max(runs, 5); i++) measured.push(await measure(script, [], { cwd: scratch, stdoutFile: path.join(scratch, 'out') }));
    return { wallMs: median(measured.map((r) => r.wallMs)), cpuMs: median(measured.map((r) => r.cpuMs)) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Stages the installable package (packages/cli/scripts/pack.mjs) from this tree's build; returns its bin. */
function stagePackage(log) {
  const out = path.join(here, '.generated', 'pack');
  log(`staging the package users install (pack:cli) into ${out} …`);
  const staged = spawnSync(process.execPath, [path.join(repo, 'packages/cli/scripts/pack.mjs'), '--out', out], { encoding: 'utf8' });
  if (staged.status !== 0) throw new Error(`pack.mjs failed: ${staged.stderr.slice(0, 2000)}`);
  return path.join(out, 'package/bin/strata.js');
}

// ---------------------------------------------------------------------------------------------
// The two tools

/** dependency-cruiser, graph only: no rules, JSON out, TypeScript resolution through the root tsconfig, no cache. */
function dependencyCruiserArgs(dir) {
  const args = ['--no-config', '--output-type', 'json', '--no-cache', '--progress', 'none', '--ts-pre-compilation-deps'];
  const tsconfig = ['tsconfig.json', 'tsconfig.base.json'].find((name) => existsSync(path.join(dir, name)));
  if (tsconfig) args.push('--ts-config', tsconfig);
  // Resolve into node_modules but do not cruise it (what `depcruise --init` configures), and skip the
  // folders Strata never analyses either (build output, coverage, VCS metadata).
  args.push('--do-not-follow', 'node_modules');
  args.push('--exclude', '(^|/)(node_modules|dist|build|out|coverage|\\.git|\\.next|\\.turbo|\\.cache|vendor|\\.generated|generated)/');
  args.push('.');
  return { args, tsconfig };
}

/** Whether dependency-cruiser's stderr says the tsconfig itself would not load (TS6053 file not found, TS5083 cannot read, a bad `extends`). */
function isTsconfigError(stderr) {
  return /\bTS(6053|5083|5024|5025|18003)\b|\bextends\b/.test(stderr);
}

const firstLine = (text) => text.split('\n').map((l) => l.trim()).find(Boolean) ?? '(no message)';

async function benchTarget(dir, options, log) {
  const name = path.basename(dir);
  const scratch = mkdtempSync(path.join(os.tmpdir(), `strata-bench-${name}-`));
  const result = { dir, name, runs: {} };
  try {
    // Runs are interleaved (dependency-cruiser, strata cold, strata warm; again) so that a change of
    // machine load during the bench hits all three alike.
    const dcOut = path.join(scratch, 'dc.json');
    const coldOut = path.join(scratch, 'strata-cold.json');
    const warmOut = path.join(scratch, 'strata-warm.json');
    const dcRuns = [];
    const coldRuns = [];
    const warmRuns = [];
    // The same cold run with every rule that reads the program models turned off: what the models cost.
    const baseRuns = [];
    // Cold runs of a reference build (--reference-strata), e.g. the engine before the program models.
    const referenceRuns = [];
    const baseConfig = path.join(scratch, 'strata-without-program-models.json');
    writeFileSync(baseConfig, JSON.stringify({ rules: Object.fromEntries((await programModelRules()).map((id) => [id, 'off'])) }));
    let dcWanted = options.skipDc ? 0 : options.dcRuns;
    if (!options.skipDc) result.dependencyCruiser = dependencyCruiserArgs(dir);
    result.loadBefore = os.loadavg();
    const rounds = Math.max(options.runs, dcWanted);
    for (let i = 0; i < rounds; i++) {
      if (i < dcWanted) {
        log(`  dependency-cruiser run ${i + 1}/${dcWanted} …`);
        let run = await measure(DC_BIN, result.dependencyCruiser.args, { cwd: dir, stdoutFile: dcOut });
        if (run.code !== 0 && i === 0 && result.dependencyCruiser.tsconfig && isTsconfigError(run.stderr)) {
          // The tsconfig does not load in this checkout (e.g. it extends a package that is not installed):
          // measure dependency-cruiser without it rather than not at all, and say so wherever its figures appear.
          const reason = firstLine(run.stderr);
          const args = result.dependencyCruiser.args.filter((arg, k, all) => arg !== '--ts-config' && all[k - 1] !== '--ts-config');
          result.dependencyCruiser = { args, tsconfig: null, withoutTsconfig: `${result.dependencyCruiser.tsconfig} did not load (${reason}): ran without --ts-config, so path aliases are unresolved and its modules and edges are not comparable one to one` };
          log(`  dependency-cruiser: ${result.dependencyCruiser.withoutTsconfig}`);
          run = await measure(DC_BIN, args, { cwd: dir, stdoutFile: dcOut });
        }
        if (run.code !== 0) {
          // One repository's dependency-cruiser failure costs that repository its comparisons, not the bench.
          result.dcError = `dependency-cruiser failed${result.dependencyCruiser.withoutTsconfig ? ' also without --ts-config (still with --ts-pre-compilation-deps)' : ''}: exit ${run.code}: ${firstLine(run.stderr)}`;
          log(`  ${result.dcError}\n${run.stderr.slice(0, 2000)}`);
          dcWanted = 0;
        } else dcRuns.push(run);
        if (i === 0 && run.wallMs > 120_000 && dcWanted > 2) {
          result.dcNote = `dependency-cruiser took ${fmtMs(run.wallMs)} on its first run: run twice instead of ${dcWanted} times`;
          log(`  ${result.dcNote}`);
          dcWanted = 2;
        }
      }
      if (i < options.runs) {
        // Cold: a fresh, empty cache directory (the cache gets written, as on a first run).
        const cacheDir = path.join(scratch, `cache-${i}`);
        log(`  strata cold run ${i + 1}/${options.runs} …`);
        const cold = await measure(STRATA_BIN, ['review', dir, '--format', 'json', '--quiet', '--cache-dir', cacheDir], { cwd: repo, stdoutFile: coldOut });
        if (cold.code !== 0 && cold.code !== 1) throw new Error(`strata exited with ${cold.code}: ${cold.stderr.slice(0, 2000)}`);
        cold.stats = JSON.parse(readFileSync(coldOut, 'utf8')).stats;
        coldRuns.push(cold);
        // Warm: the second run with the same cache directory, nothing changed in between.
        log(`  strata warm run ${i + 1}/${options.runs} …`);
        const warm = await measure(STRATA_BIN, ['review', dir, '--format', 'json', '--quiet', '--cache-dir', cacheDir], { cwd: repo, stdoutFile: warmOut });
        if (warm.code !== 0 && warm.code !== 1) throw new Error(`strata exited with ${warm.code}: ${warm.stderr.slice(0, 2000)}`);
        warm.stats = JSON.parse(readFileSync(warmOut, 'utf8')).stats;
        warmRuns.push(warm);
        log(`  strata cold run without the program models ${i + 1}/${options.runs} …`);
        const base = await measure(STRATA_BIN, ['review', dir, '--format', 'json', '--quiet', '--cache-dir', path.join(scratch, `cache-base-${i}`), '--config', baseConfig], { cwd: repo, stdoutFile: path.join(scratch, 'strata-base.json') });
        if (base.code !== 0 && base.code !== 1) throw new Error(`strata exited with ${base.code}: ${base.stderr.slice(0, 2000)}`);
        baseRuns.push(base);
        if (REFERENCE_BIN) {
          log(`  reference build cold run ${i + 1}/${options.runs} …`);
          const reference = await measure(REFERENCE_BIN, ['review', dir, '--format', 'json', '--quiet', '--cache-dir', path.join(scratch, `cache-reference-${i}`)], { cwd: repo, stdoutFile: path.join(scratch, 'strata-reference.json') });
          if (reference.code !== 0 && reference.code !== 1) throw new Error(`the reference build exited with ${reference.code}: ${reference.stderr.slice(0, 2000)}`);
          reference.stats = JSON.parse(readFileSync(path.join(scratch, 'strata-reference.json'), 'utf8')).stats;
          referenceRuns.push(reference);
        }
      }
    }
    if (!options.skipEdit) result.runs.strataOneEdit = await oneFileChanged(dir, scratch, options.runs, log);
    log('  strata review --format html, and the page opened in Chromium …');
    result.html = await htmlReportFigures({ strataBin: STRATA_BIN, dir, scratch, cacheDir: path.join(scratch, 'cache-0') });
    result.loadAfter = os.loadavg();
    if (dcRuns.length) {
      result.runs.dependencyCruiser = dcRuns;
      result.dcGraph = dependencyCruiserGraph(JSON.parse(readFileSync(dcOut, 'utf8')), dir);
    }
    result.runs.strataCold = coldRuns;
    result.runs.strataWarm = warmRuns;
    result.runs.strataWithoutModels = baseRuns;
    if (referenceRuns.length) {
      result.runs.reference = referenceRuns;
      result.referenceBin = REFERENCE_BIN;
    }
    const cold = JSON.parse(readFileSync(coldOut, 'utf8'));
    const warm = JSON.parse(readFileSync(warmOut, 'utf8'));
    result.strataStats = { cold: cold.stats, warm: warm.stats };
    result.strataGraph = strataGraph(cold);
    result.strataCycles = cold.graph.cycles;
    result.strataFindings = cold.findings.map((f) => ({ ruleId: f.ruleId, file: f.file }));
    const warmGraph = strataGraph(warm);
    result.warmSameGraph = sameSet(result.strataGraph.localEdges, warmGraph.localEdges) && result.strataGraph.totalEdges === warmGraph.totalEdges;
    if (result.dcGraph) result.agreement = compareEdges(result.strataGraph, result.dcGraph, dir);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return result;
}

/**
 * Warm runs after one source file changed: the edit-and-review loop of someone who runs Strata on
 * save. The repository is copied into the scratch folder first (without node_modules and .git), so
 * the edits never touch the user's files; one application file in the middle of the sorted list gets
 * a comment appended before each run, and the run's stats say how many files it parsed.
 */
async function oneFileChanged(dir, scratch, runs, log) {
  const copy = path.join(scratch, 'edited-copy');
  cpSync(dir, copy, { recursive: true, filter: (source) => !/(^|[\\/])(node_modules|\.git)$/.test(source) });
  const cacheDir = path.join(scratch, 'cache-edit');
  const out = path.join(scratch, 'strata-edit.json');
  log('  strata run on a copy, to fill its cache before the edits …');
  const first = await measure(STRATA_BIN, ['review', copy, '--format', 'json', '--quiet', '--cache-dir', cacheDir], { cwd: repo, stdoutFile: out });
  if (first.code !== 0 && first.code !== 1) throw new Error(`strata exited with ${first.code}: ${first.stderr.slice(0, 2000)}`);
  const sources = JSON.parse(readFileSync(out, 'utf8')).graph.modules.filter((node) => node.kind === 'source').map((node) => node.id).sort();
  const edited = sources[Math.floor(sources.length / 2)];
  const measured = [];
  for (let i = 0; i < runs; i++) {
    appendFileSync(path.join(copy, edited), `\n// strata bench edit ${i}\n`);
    log(`  strata warm run after editing ${edited} ${i + 1}/${runs} …`);
    const run = await measure(STRATA_BIN, ['review', copy, '--format', 'json', '--quiet', '--cache-dir', cacheDir], { cwd: repo, stdoutFile: out });
    if (run.code !== 0 && run.code !== 1) throw new Error(`strata exited with ${run.code}: ${run.stderr.slice(0, 2000)}`);
    run.stats = JSON.parse(readFileSync(out, 'utf8')).stats;
    run.edited = edited;
    measured.push(run);
  }
  return measured;
}

/** The ids of the rules that read the program models (call graph, HTTP, data access). */
async function programModelRules() {
  const { RULES } = await import(path.join(repo, 'packages/core/dist/rules/index.js'));
  return RULES.filter((rule) => rule.meta.models?.length).map((rule) => rule.meta.id);
}

function sameSet(a, b) {
  if (a.size !== b.size) return false;
  for (const key of a.keys()) if (!b.has(key)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Report

function report(result, options) {
  const lines = [];
  const s = (runs) => ({ wall: median(runs.map((r) => r.wallMs)), cpu: median(runs.map((r) => r.cpuMs)), min: Math.min(...runs.map((r) => r.wallMs)), max: Math.max(...runs.map((r) => r.wallMs)), rss: median(runs.map((r) => r.rssBytes)), n: runs.length });
  const cold = s(result.runs.strataCold);
  const warm = s(result.runs.strataWarm);
  const dc = result.runs.dependencyCruiser ? s(result.runs.dependencyCruiser) : null;
  const g = result.strataGraph;
  const d = result.dcGraph;
  lines.push('');
  lines.push(`== ${result.dir}`);
  if (result.manifest) lines.push(`   synthetic: ${result.manifest.sourceFiles} source modules, seed ${result.manifest.seed}, generated by bench/generate.mjs`);
  lines.push(`   load average (1 min) before ${result.loadBefore[0].toFixed(2)}, after ${result.loadAfter[0].toFixed(2)}: other processes on this machine share its CPUs`);
  lines.push(`   strata: ${STRATA_BIN}`);
  if (result.dependencyCruiser?.withoutTsconfig) lines.push(`   dependency-cruiser WITHOUT the tsconfig: ${result.dependencyCruiser.withoutTsconfig}`);
  if (result.dcError) lines.push(`   ${result.dcError}: no ratios against it for this repository`);
  // The installed CLI starts from V8's code cache, kept per command like Node's own compile cache: it is
  // part of the installation, not of the analysed repository, so "cold" (an empty analysis cache) keeps it.
  if (existsSync(path.join(path.dirname(STRATA_BIN), '../dist/cli.cjs'))) {
    lines.push(`   strata's code cache: ${process.env.NODE_DISABLE_COMPILE_CACHE ? 'off (NODE_DISABLE_COMPILE_CACHE)' : `${process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache')}/strata/code, filled by the first run and kept (NODE_DISABLE_COMPILE_CACHE=1 measures without it)`}`);
  }
  lines.push(`   peak RSS and CPU by ${GNU_TIME ? 'GNU time (%M %U %S)' : 'process.resourceUsage().maxRSS in a wrapper'}; wall = median of n runs (min–max); ${os.cpus().length} CPUs, Node ${process.version}`);
  if (options.floor) lines.push(`   bare Node start-up and exit (node on an empty module) in the same environment: ${fmtMs(options.floor.wallMs)} wall, ${fmtMs(options.floor.cpuMs)} CPU${options.envNote ? `; ${options.envNote}` : ''}`);
  lines.push('');
  const rows = [['tool', 'modules', 'local edges', 'all edges', 'wall (median)', 'min–max', 'n', 'CPU user+sys', 'peak RSS', 'wall vs dep-cruiser', 'CPU vs dep-cruiser']];
  const ratio = (a, b) => (dc ? `${(a / b).toFixed(1)}x` : '');
  if (dc) rows.push([`dependency-cruiser 17 (graph only${result.dependencyCruiser.withoutTsconfig ? ', NO tsconfig' : ''})`, d.sourceModules, d.localEdges.size, d.totalEdges, fmtMs(dc.wall), `${fmtMs(dc.min)}–${fmtMs(dc.max)}`, dc.n, fmtMs(dc.cpu), fmtMb(dc.rss), '1.0x', '1.0x']);
  rows.push(['strata review, cold cache', g.sourceModules, g.localEdges.size, g.totalEdges, fmtMs(cold.wall), `${fmtMs(cold.min)}–${fmtMs(cold.max)}`, cold.n, fmtMs(cold.cpu), fmtMb(cold.rss), ratio(dc?.wall, cold.wall), ratio(dc?.cpu, cold.cpu)]);
  rows.push(['strata review, warm cache', g.sourceModules, g.localEdges.size, g.totalEdges, fmtMs(warm.wall), `${fmtMs(warm.min)}–${fmtMs(warm.max)}`, warm.n, fmtMs(warm.cpu), fmtMb(warm.rss), ratio(dc?.wall, warm.wall), ratio(dc?.cpu, warm.cpu)]);
  const edit = result.runs.strataOneEdit?.length ? s(result.runs.strataOneEdit) : null;
  if (edit) rows.push(['strata review, one file changed', g.sourceModules, g.localEdges.size, g.totalEdges, fmtMs(edit.wall), `${fmtMs(edit.min)}–${fmtMs(edit.max)}`, edit.n, fmtMs(edit.cpu), fmtMb(edit.rss), ratio(dc?.wall, edit.wall), ratio(dc?.cpu, edit.cpu)]);
  lines.push(table(rows));
  lines.push('');
  lines.push(`   CPU = user+system time of the child and its threads (less sensitive than wall time to other load on the machine; strata's worker threads add CPU but overlap in wall time).`);
  lines.push(`   modules = the analysed repository's own source files; local edges = distinct file→file pairs between them; all edges = also packages and builtins (strata: one per target and kind; dependency-cruiser: every dependency entry).`);
  lines.push(`   strata engine time (stats.durationMs, median): cold ${fmtMs(median(result.runs.strataCold.map((r) => r.stats.durationMs)))}, warm ${fmtMs(median(result.runs.strataWarm.map((r) => r.stats.durationMs)))} (${result.strataStats.warm.cached}/${result.strataStats.warm.files} files from cache); the warm graph ${result.warmSameGraph ? 'is identical to the cold one' : `DIFFERS from the cold one (${result.strataStats.cold.files} vs ${result.strataStats.warm.files} files: was the tree edited during the bench?)`}.`);
  if (result.strataStats.warm.reused) lines.push(`   the warm run reused the whole last result (stats.reused: no input changed), which is what a re-run on an unchanged tree costs.`);
  if (edit) {
    const runs = result.runs.strataOneEdit;
    lines.push(`   one file changed (${runs[0].edited}, a comment appended before each run, on a copy): engine time ${fmtMs(median(runs.map((r) => r.stats.durationMs)))} (median), ${runs.map((r) => r.stats.parsed).join('/')} file(s) parsed, the rest from the per-file cache; the graph, the models and the rules run again.`);
  }
  if (result.dcNote) lines.push(`   note: ${result.dcNote}`);
  if (result.manifest) {
    // The generator's deliberate cycles and layer violations: does strata report them?
    // strata reports one shortest cycle per strongly connected component: a planted cycle counts as
    // reported when all its edges are in strata's graph and some reported cycle lies in its component.
    const { componentOf, successors } = runtimeComponents(result.strataGraph);
    const present = result.manifest.cycles.filter((c) => c.every((f, i) => (successors.get(f) ?? []).includes(c[(i + 1) % c.length])));
    const cyclesFound = present.filter((c) => result.strataCycles.some((reported) => componentOf.get(reported[0]) === componentOf.get(c[0]))).length;
    const flagged = result.manifest.layerViolations.filter((v) => result.strataFindings.some((f) => f.file === v.from && f.ruleId === 'layer-direction')).length;
    lines.push(`   deliberate defects: ${present.length}/${result.manifest.cycles.length} planted cycles present in strata's graph, ${cyclesFound} of them inside a component strata reports (${result.strataCycles.length} cycles reported, one per strongly connected component), ${flagged}/${result.manifest.layerViolations.length} planted domain→infrastructure imports flagged by layer-direction.`);
  }
  if (result.html?.error) lines.push(`   HTML report: ${result.html.error}`);
  else if (result.html) {
    const h = result.html;
    const render = h.renderMs
      ? `usable ${Math.round(median(h.renderMs))} ms after opening from file:// in headless Chromium (first frame painted after the script's strata-ready mark, median of ${h.renderMs.length}: ${h.renderMs.map((ms) => Math.round(ms)).join(', ')} ms; script done at ${h.readyMs.map((ms) => Math.round(ms)).join(', ')} ms)`
      : '';
    lines.push(`   HTML report (review --format html, warm cache, ${h.modules} modules): ${(h.bytes / 1024).toFixed(0)} KB, ${(h.gzipBytes / 1024).toFixed(0)} KB gzipped, written in ${fmtMs(h.writeMs)}${render ? `; ${render}` : ''}${h.note ? `; ${h.note}` : ''}`);
  }
  lines.push('');
  const verdict = (ok) => (ok ? 'MET' : 'NOT MET');
  const targets = [];
  if (result.runs.strataWithoutModels?.length) {
    const base = s(result.runs.strataWithoutModels);
    const growth = cold.wall / base.wall - 1;
    targets.push(`program models' cost, cold: ${fmtMs(cold.wall)} with every rule vs ${fmtMs(base.wall)} with the model rules off, ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(0)}% wall, ${((cold.cpu / base.cpu - 1) * 100).toFixed(0)}% CPU (target ≤ +30%): ${verdict(growth <= 0.3)}`);
  }
  if (result.runs.reference?.length) {
    const reference = s(result.runs.reference);
    const growth = cold.wall / reference.wall - 1;
    const files = result.runs.reference[0].stats?.files;
    targets.push(`cold with every rule on vs the reference build (${result.referenceBin}, ${files ?? '?'} files vs ${result.strataStats.cold.files}): ${fmtMs(cold.wall)} vs ${fmtMs(reference.wall)}, ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(0)}% wall, ${((cold.cpu / reference.cpu - 1) * 100).toFixed(0)}% CPU (target ≤ +30%): ${verdict(growth <= 0.3)}`);
  }
  if (dc) {
    // The issue's measure: files analysed per second against dependency-cruiser's modules per second,
    // each over what it analysed (strata leaves front-end folders out, dependency-cruiser does not).
    const strataRate = g.sourceModules / (cold.wall / 1000);
    const dcRate = d.sourceModules / (dc.wall / 1000);
    targets.push(`cold strata vs dependency-cruiser, files per second: ${strataRate.toFixed(0)} vs ${dcRate.toFixed(0)} modules/s, ${(strataRate / dcRate).toFixed(1)}x (target ≥ 10x): ${verdict(strataRate / dcRate >= 10)}  (wall: ${(dc.wall / cold.wall).toFixed(1)}x, CPU: ${(dc.cpu / cold.cpu).toFixed(1)}x)`);
  }
  targets.push(`warm vs cold strata, wall: ${(cold.wall / warm.wall).toFixed(1)}x (target ≥ 4x): ${verdict(cold.wall / warm.wall >= 4)}  (CPU: ${(cold.cpu / warm.cpu).toFixed(1)}x)`);
  if (g.sourceModules >= 4000) targets.push(`warm, nothing changed, on this ${g.sourceModules}-module repository: ${fmtMs(warm.wall)} (target < 250 ms): ${verdict(warm.wall < 250)}`);
  if (g.sourceModules >= 4000 && dc) targets.push(`cold, ${g.sourceModules}-module repository: ${fmtMs(cold.wall)} (target < 1 s on 2 cores): ${verdict(cold.wall < 1000)}`);
  if (g.sourceModules <= 60) targets.push(`cold, small service (${g.sourceModules} modules), end to end: ${fmtMs(cold.wall)} (target < 200 ms): ${verdict(cold.wall < 200)}`);
  if (dc) targets.push(`peak memory, cold: ${fmtMb(cold.rss)} vs dependency-cruiser's ${fmtMb(dc.rss)} (target below it): ${verdict(cold.rss < dc.rss)}`);
  else if (result.dcError) targets.push(`peak memory, cold: ${fmtMb(cold.rss)} (target below dependency-cruiser's): cannot be judged, ${result.dcError}`);
  if (result.html?.renderMs) targets.push(`HTML report usable after opening, ${result.html.modules} modules: ${fmtMs(median(result.html.renderMs))} (target ≤ 2 s): ${verdict(median(result.html.renderMs) <= 2000)}`);
  if (result.agreement) targets.push(`local edge agreement: ${fmtPct(result.agreement.agreement)} (target ≥ 99%): ${verdict(result.agreement.agreement >= 0.99)}`);
  lines.push('   targets');
  for (const t of targets) lines.push(`   - ${t}`);

  if (result.agreement) {
    const a = result.agreement;
    lines.push('');
    lines.push(`   edge agreement = |both| / |either| = ${a.both} / ${a.union} = ${fmtPct(a.agreement)}  (strata only: ${a.strataOnly}, dependency-cruiser only: ${a.dcOnly})`);
    if (a.explainedByDcLimits) lines.push(`   excluding the groups marked [tool limit: dependency-cruiser] (imports it cannot resolve in this checkout): ${a.explainedByDcLimits.both} / ${a.explainedByDcLimits.union} = ${fmtPct(a.explainedByDcLimits.agreement)}`);
    if (a.groups.length) {
      lines.push('');
      lines.push('   disagreements by cause');
      for (const group of a.groups) {
        lines.push(`   * [${group.side}] ${group.title}: ${group.edges.length} edge(s)${group.verdict ? `  [${group.verdict}]` : ''}`);
        lines.push(`     why: ${group.why}`);
        const shown = group.edges.slice(0, options.maxList);
        for (const e of shown) lines.push(`       ${e.from}  --'${e.specifier}'-->  ${e.detail}`);
        if (group.edges.length > shown.length) lines.push(`       … ${group.edges.length - shown.length} more (--max-list to change)`);
      }
    } else lines.push('   no disagreements');
  }
  return lines.join('\n');
}

/**
 * Linear growth: cold Strata on synthetic repositories of 1x, 2x and 4x `--modules`, one after the
 * other (each generated on first use), printed as time per file. Strata only: dependency-cruiser's
 * time at 4x would dwarf the rest of the bench.
 */
async function growth(options, log) {
  const lines = ['', '== linear growth: cold strata review on the synthetic repository at 1x, 2x and 4x'];
  const rows = [['size', 'modules', 'wall (median)', 'per file', 'CPU', 'peak RSS', 'per file vs 1x']];
  let first = null;
  for (const factor of [1, 2, 4]) {
    const modules = options.modules * factor;
    const out = path.join(here, '.generated', `synth-${modules}-s${options.seed}`);
    const manifestPath = `${out}.manifest.json`;
    const stale = existsSync(out) && (!existsSync(manifestPath) || JSON.parse(readFileSync(manifestPath, 'utf8')).generator !== GENERATOR_VERSION);
    if (!existsSync(out) || stale) {
      log(`generating ${out} …`);
      generate({ out, modules, seed: options.seed, force: stale });
    }
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'strata-growth-'));
    try {
      const runs = [];
      for (let i = 0; i < options.runs; i++) {
        log(`  strata cold run on ${modules} modules ${i + 1}/${options.runs} …`);
        const run = await measure(STRATA_BIN, ['review', out, '--format', 'json', '--quiet', '--cache-dir', path.join(scratch, `cache-${i}`)], { cwd: repo, stdoutFile: path.join(scratch, 'out.json') });
        if (run.code !== 0 && run.code !== 1) throw new Error(`strata exited with ${run.code}: ${run.stderr.slice(0, 2000)}`);
        run.files = JSON.parse(readFileSync(path.join(scratch, 'out.json'), 'utf8')).stats.files;
        runs.push(run);
      }
      const wall = median(runs.map((r) => r.wallMs));
      const perFile = wall / runs[0].files;
      first ??= perFile;
      rows.push([`${factor}x`, runs[0].files, fmtMs(wall), `${(perFile * 1000).toFixed(0)} µs`, fmtMs(median(runs.map((r) => r.cpuMs))), fmtMb(median(runs.map((r) => r.rssBytes))), `${(perFile / first).toFixed(2)}`]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  lines.push(table(rows));
  lines.push(`   load average (1 min) now ${os.loadavg()[0].toFixed(2)}; per file vs 1x near 1.00 means linear growth (start-up is spread over more files at 4x, so it may read below 1).`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const log = (message) => process.stderr.write(`${message}\n`);
  // The workspace CLI (packages/cli/bin) runs core's build beside it; an unpacked package (bin/) its bundle.
  if (!existsSync(path.join(path.dirname(STRATA_BIN), '../../core/dist/index.js')) && !existsSync(path.join(path.dirname(STRATA_BIN), '../dist/index.js'))) {
    throw new Error(`no built engine beside ${STRATA_BIN}: build first (npx tsc -b packages/core packages/cli)`);
  }
  if (!options.skipDc && !existsSync(DC_BIN)) throw new Error('dependency-cruiser is not installed (it is a root devDependency: npm install)');
  if (process.env.NODE_EXTRA_CA_CERTS && !options.keepEnv) {
    const { NODE_EXTRA_CA_CERTS: _extra, ...rest } = CHILD_ENV;
    CHILD_ENV = rest;
    options.envNote = `NODE_EXTRA_CA_CERTS is set here; the tools ran without it (--keep-env keeps it)`;
  } else if (process.env.NODE_EXTRA_CA_CERTS) options.envNote = `NODE_EXTRA_CA_CERTS kept (${process.env.NODE_EXTRA_CA_CERTS}): every Node process here parses it at start-up`;
  if (options.packed) STRATA_BIN = stagePackage(log);
  const targets = [];
  if (options.probeOnly) {
    // only the probe section below
  } else if (options.dirs.length === 0) {
    const out = path.join(here, '.generated', `synth-${options.modules}-s${options.seed}`);
    const manifestPath = `${out}.manifest.json`;
    const stale = existsSync(out) && (!existsSync(manifestPath) || JSON.parse(readFileSync(manifestPath, 'utf8')).generator !== GENERATOR_VERSION);
    if (!existsSync(out) || stale) {
      log(`${stale ? 'regenerating (made by an older generator)' : 'generating'} ${out} …`);
      const generated = generate({ out, modules: options.modules, seed: options.seed, force: stale });
      log(`  ${generated.sourceFiles} source modules in ${generated.ms} ms`);
    }
    const manifestFile = `${out}.manifest.json`;
    targets.push({ dir: out, manifest: existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : null });
  } else {
    for (const dir of options.dirs) {
      if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`not a directory: ${dir}`);
      targets.push({ dir, manifest: null });
    }
  }
  if (targets.length) options.floor = await nodeFloor(options.runs);
  const results = [];
  for (const target of targets) {
    log(`benchmarking ${target.dir}`);
    const result = await benchTarget(target.dir, options, log);
    result.manifest = target.manifest;
    results.push(result);
    console.log(report(result, options));
  }
  if (options.growth) console.log(await growth(options, log));
  let overhead = null;
  if (!options.skipProbe) {
    if (!existsSync(path.join(repo, 'packages/probe/dist/index.js'))) throw new Error('the probe is not built: npm run build');
    log('measuring the probe overhead');
    // The run state follows routes, which one switched process cannot: switched, the default is the states that run throughout.
    const states = options.probeStates === 'breakdown' ? breakdownStates(options.probeSwitched) : options.probeSwitched && options.probeStates === DEFAULT_STATES ? ['plain', 'control', 'steady', 'heap'] : options.probeStates;
    overhead = await probeOverhead({ rounds: options.probeRounds, windows: options.probeWindows, durationS: options.probeDuration, connections: options.probeConnections, states, pin: options.probePin, sameProcess: options.probeSwitched, log });
    console.log(reportProbeOverhead(overhead));
  }
  if (options.json) {
    const plain = results.map(({ strataGraph, dcGraph, agreement, ...rest }) => ({
      ...rest,
      strata: { sourceModules: strataGraph.sourceModules, localEdges: strataGraph.localEdges.size, totalEdges: strataGraph.totalEdges },
      dependencyCruiser: dcGraph ? { ...rest.dependencyCruiser, sourceModules: dcGraph.sourceModules, localEdges: dcGraph.localEdges.size, totalEdges: dcGraph.totalEdges } : null,
      agreement: agreement ? { ...agreement, groups: agreement.groups.map((g) => ({ ...g, count: g.edges.length })) } : null,
    }));
    writeFileSync(options.json, `${JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, node: process.version, results: plain, probeOverhead: overhead }, null, 2)}\n`);
    log(`figures written to ${options.json}`);
  }
  // A failure exits 2, as an aborted bench does; it now comes after every other repository's figures.
  if (results.some((r) => r.dcError)) process.exitCode = 2;
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exitCode = 2;
});
