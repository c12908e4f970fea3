#!/usr/bin/env node
// `node packages/core/scripts/hostile.mjs [--runs 20] [--files 500] [--seed 1] [--huge-mb 50]
//   [--max-rss-mb 2048] [--timeout-s 900]`
// Runs `strata review` (the built CLI, as a child process) on generated hostile repositories and
// checks that every run completes with findings or skip reasons, within the memory bound, with no
// signal, no stack trace and valid JSON. Prints the figures; exits 1 if any run broke a promise.
// The timeout only catches a hang: on a busy 2-core machine one run of 500 files takes minutes.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHostileRepo } from './hostile-inputs.mjs';

const BIN = fileURLToPath(new URL('../../cli/bin/strata.js', import.meta.url));
const STACK_LINE = /\n\s+at .+[:(]/;

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

/** Peak resident memory of a child, read from /proc while it runs (VmHWM is a high-water mark). */
function watchPeakRss(pid) {
  let peakKb = 0;
  const read = () => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // the process has exited between two samples
    }
  };
  const timer = setInterval(read, 20);
  read();
  return () => {
    clearInterval(timer);
    return peakKb / 1024;
  };
}

/**
 * As root every folder is readable; the review runs as `nobody` there, so the unreadable folder
 * really is unreadable. The repository is made world-readable first, except that folder.
 */
function reviewAs(root, timeoutMs) {
  const asNobody = process.getuid?.() === 0;
  const child = spawn(process.execPath, [BIN, 'review', root, '--format', 'json', '--no-cache'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', HOME: root, XDG_CACHE_HOME: path.join(root, '.cache') },
    ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
  });
  const stopWatching = watchPeakRss(child.pid);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout, stderr, peakMb: stopWatching() });
    }),
  );
}

/** Peak resident memory one review may reach: far above what a run needs, far below the machine's. */
export const DEFAULT_MAX_RSS_MB = 2048;

/** Returns what went wrong with one run, or the figures of a good one. */
export function judge(run, maxRssMb = DEFAULT_MAX_RSS_MB) {
  if (run.signal) return { problem: run.timedOut ? `no answer within the timeout (killed)` : `killed by ${run.signal}` };
  if (run.peakMb > maxRssMb) return { problem: `peak RSS ${run.peakMb.toFixed(0)} MB, over the ${maxRssMb} MB bound` };
  if (run.code !== 0 && run.code !== 1) return { problem: `exit code ${run.code}: ${run.stderr.slice(0, 500)}` };
  if (STACK_LINE.test(run.stderr) || STACK_LINE.test(run.stdout)) return { problem: `stack trace printed: ${run.stderr.slice(0, 500)}` };
  let result;
  try {
    result = JSON.parse(run.stdout);
  } catch {
    return { problem: `output is not JSON: ${run.stdout.slice(0, 200)}` };
  }
  const parseErrors = result.findings.filter((finding) => finding.ruleId === 'parse-error').length;
  return { findings: result.findings.length, parseErrors, files: result.stats?.files ?? 0 };
}

export async function runHostile({ runs, files, seed, hugeMb, timeoutMs = 900_000, maxRssMb = DEFAULT_MAX_RSS_MB, log = () => {} }) {
  const totals = { runs: 0, inputs: 0, findings: 0, parseErrors: 0, peakMb: 0, kinds: {}, failures: [] };
  for (let run = 0; run < runs; run += 1) {
    const root = mkdtempSync(path.join(os.tmpdir(), 'strata-hostile-'));
    chmodSync(root, 0o755);
    try {
      const kinds = writeHostileRepo(root, { seed: seed + run, files, hugeFileBytes: run === 0 ? hugeMb * 1e6 : 0 });
      const outcome = await reviewAs(root, timeoutMs);
      const verdict = judge(outcome, maxRssMb);
      totals.runs += 1;
      totals.inputs += Object.values(kinds).reduce((sum, count) => sum + count, 0);
      for (const [kind, count] of Object.entries(kinds)) totals.kinds[kind] = (totals.kinds[kind] ?? 0) + count;
      totals.peakMb = Math.max(totals.peakMb, outcome.peakMb);
      if (verdict.problem) totals.failures.push({ seed: seed + run, problem: verdict.problem });
      else {
        totals.findings += verdict.findings;
        totals.parseErrors += verdict.parseErrors;
      }
      log(`run ${run + 1}/${runs} seed ${seed + run}: ${verdict.problem ?? `${verdict.findings} findings (${verdict.parseErrors} parse errors)`}, peak RSS ${outcome.peakMb.toFixed(0)} MB`);
    } finally {
      chmodSync(path.join(root, 'src/locked'), 0o755);
      rmSync(root, { recursive: true, force: true });
    }
  }
  return totals;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const totals = await runHostile({
    runs: option('runs', 20),
    files: option('files', 500),
    seed: option('seed', 1),
    hugeMb: option('huge-mb', 50),
    maxRssMb: option('max-rss-mb', DEFAULT_MAX_RSS_MB),
    timeoutMs: option('timeout-s', 900) * 1000,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(
    [
      `runs: ${totals.runs}, hostile inputs: ${totals.inputs}, findings: ${totals.findings} (parse errors: ${totals.parseErrors})`,
      `peak RSS of one review: ${totals.peakMb.toFixed(0)} MB (bound ${option('max-rss-mb', DEFAULT_MAX_RSS_MB)} MB), wall time: ${((Date.now() - started) / 1000).toFixed(1)} s`,
      `inputs by kind: ${JSON.stringify(totals.kinds)}`,
      `failed runs: ${totals.failures.length}${totals.failures.map((failure) => `\n  seed ${failure.seed}: ${failure.problem}`).join('')}`,
    ].join('\n') + '\n',
  );
  process.exitCode = totals.failures.length === 0 ? 0 : 1;
}
