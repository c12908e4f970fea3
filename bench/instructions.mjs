#!/usr/bin/env node
// Instructions executed by one cold review, all threads, counted by valgrind's callgrind: a measure of
// the work a change adds or saves that the machine's load does not move (wall and CPU time on these
// shared two-core machines swing by 2-3x between runs).
//
//   node bench/instructions.mjs <dir> [<dir>…] [--strata <bin>]… [--label <name>]… [--config <file>]
//
// Each --strata adds a build to compare (default: this working tree's packages/cli/bin/strata.js);
// --label names them in the same order; --config passes a Strata config to every run (e.g. one that
// turns rules off). Runs `strata review <dir> --format json --quiet --no-cache` under
// `valgrind --tool=callgrind`, about 50 times slower than a plain run. Prints instructions per build
// and each build's ratio to the first. A benchmark to read, not a test.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const options = { dirs: [], builds: [], labels: [], config: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--strata') options.builds.push(path.resolve(value()));
    else if (arg === '--label') options.labels.push(value());
    else if (arg === '--config') options.config = path.resolve(value());
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.dirs.push(path.resolve(arg));
  }
  if (!options.dirs.length) throw new Error('name at least one directory to review');
  if (!options.builds.length) options.builds.push(path.join(repo, 'packages/cli/bin/strata.js'));
  return options;
}

/** Total instructions of one review under callgrind, or the reason there is none. */
function instructions(bin, dir, config, scratch) {
  const out = path.join(scratch, `callgrind.${process.pid}.${Date.now()}.out`);
  const args = ['--tool=callgrind', `--callgrind-out-file=${out}`, process.execPath, bin, 'review', dir, '--format', 'json', '--quiet', '--no-cache', ...(config ? ['--config', config] : [])];
  const run = spawnSync('valgrind', args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (run.error) return { error: `valgrind could not be started (${run.error.code ?? run.error.message}): install it (Debian: apt-get install valgrind)` };
  // strata exits 1 when it reports findings at the gate's severity: still a complete run.
  if (run.status !== 0 && run.status !== 1) return { error: `the review exited with ${run.status}: ${run.stderr.split('\n').filter(Boolean).slice(-3).join(' / ')}` };
  const summary = readFileSync(out, 'utf8').match(/^summary:\s*(\d+)/m);
  rmSync(out, { force: true });
  if (!summary) return { error: 'callgrind wrote no summary line' };
  const findings = JSON.parse(run.stdout).findings.length;
  return { instructions: Number(summary[1]), findings };
}

function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`bench/instructions: ${error.message}`);
    process.exit(2);
  }
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'strata-instructions-'));
  try {
    for (const dir of options.dirs) {
      console.log(`== ${dir}${options.config ? ` (config ${options.config})` : ''}`);
      let first = null;
      options.builds.forEach((bin, index) => {
        const label = options.labels[index] ?? bin;
        const result = instructions(bin, dir, options.config, scratch);
        if (result.error) {
          console.log(`   ${label}: ${result.error}`);
          return;
        }
        first ??= result.instructions;
        const ratio = result.instructions / first;
        console.log(`   ${label}: ${(result.instructions / 1e9).toFixed(2)} G instructions, ${result.findings} findings${index ? `, ${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(0)}% against the first` : ''}`);
      });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
