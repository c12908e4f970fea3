#!/usr/bin/env node
// Makes the precision corpus present: one plain work tree per repository of repos.json, at its commit.
//
//   node bench/precision/checkout.mjs [--corpus <dir>] [--mirror <dir>] [--repos <file>] [--repo <name>]… [--force]
//
// --corpus   where the checkouts go (default $STRATA_CORPUS, else /work/corpus), one folder per name
// --mirror   local git mirrors, <mirror>/<name>/repo (bare or with .git) (default $STRATA_MIRROR, else /work/.mirror)
// --repos    the repos list (default bench/precision/repos.json)
// --repo     only this repository (repeatable)
// --force    check out again over a checkout that is already present
//
// A checkout already present is left alone. Otherwise, when the mirror holds the commit, its files are
// written with `git checkout -f <commit> -- .` (through a private index, so the mirror is not touched);
// when it does not, the exact commands to clone the repository at that commit are printed. The exit
// code is 0 when every selected checkout is present at the end, 1 when some are missing (the commands
// to get them are printed), 2 on bad input.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { corpusFolder, DEFAULT_REPOS, isPresent, loadRepos, runMain, selectRepos, usage } from './lib/inputs.mjs';

const DEFAULT_MIRROR = '/work/.mirror';

const quote = (text) => (/^[\w./+@:=-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`);

/** The commands a user runs to get the checkout without a mirror: the same plain tree as the mirror gives. */
export function cloneCommand(entry, target) {
  const dir = quote(target);
  return `git clone https://github.com/${entry.repo}.git ${dir} && git -C ${dir} checkout --detach ${entry.commit} && rm -rf ${dir}/.git`;
}

/** The mirror's git directory, or null: snapshots are bare (`repo/`) or clones with a work tree (`repo/.git`). */
function mirrorGitDir(mirrorRoot, name) {
  for (const candidate of [path.join(mirrorRoot, name, 'repo', '.git'), path.join(mirrorRoot, name, 'repo')]) {
    if (existsSync(path.join(candidate, 'HEAD')) && existsSync(path.join(candidate, 'objects'))) return candidate;
  }
  return null;
}

function git(args, options = {}) {
  const run = spawnSync('git', args, { encoding: 'utf8', ...options });
  if (run.error) return { ok: false, message: `git could not run: ${run.error.message}` };
  return { ok: run.status === 0, message: (run.stderr || run.stdout || '').trim().split('\n')[0] };
}

/** Writes the commit's files into `target` from the mirror; returns null on success, else why not. */
function checkoutFromMirror(gitDir, entry, target) {
  const has = git(['--git-dir', gitDir, 'cat-file', '-e', `${entry.commit}^{commit}`]);
  if (!has.ok) return `the mirror ${gitDir} does not hold commit ${entry.commit}`;
  const created = !existsSync(target);
  mkdirSync(target, { recursive: true });
  // A private index: `checkout -- .` would otherwise rewrite the mirror's own index.
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'strata-precision-index-'));
  try {
    const env = { ...process.env, GIT_INDEX_FILE: path.join(scratch, 'index') };
    const done = git(['--git-dir', gitDir, '--work-tree', target, 'checkout', '-f', entry.commit, '--', '.'], { cwd: target, env });
    if (done.ok) return null;
    // A half-written folder would pass for a present checkout next time.
    if (created) rmSync(target, { recursive: true, force: true });
    return `git checkout failed in ${target}: ${done.message}`;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      corpus: { type: 'string' },
      mirror: { type: 'string' },
      repos: { type: 'string' },
      repo: { type: 'string', multiple: true },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage(import.meta.url));
    return 0;
  }
  const corpus = corpusFolder(values.corpus);
  const mirrorRoot = path.resolve(values.mirror ?? process.env.STRATA_MIRROR ?? DEFAULT_MIRROR);
  const selected = selectRepos(loadRepos(values.repos ? path.resolve(values.repos) : DEFAULT_REPOS), values.repo);
  const missing = [];
  for (const entry of selected) {
    const target = path.join(corpus, entry.name);
    if (isPresent(target) && !values.force) {
      process.stdout.write(`present      ${entry.name}  (${target})\n`);
      continue;
    }
    const gitDir = mirrorGitDir(mirrorRoot, entry.name);
    const failure = gitDir ? checkoutFromMirror(gitDir, entry, target) : `no local mirror at ${path.join(mirrorRoot, entry.name)}`;
    if (!failure) {
      process.stdout.write(`checked out  ${entry.name} @ ${entry.commit.slice(0, 12)}  (${target})\n`);
      continue;
    }
    missing.push(entry.name);
    process.stdout.write(`MISSING      ${entry.name}: ${failure}. To get it:\n  ${cloneCommand(entry, target)}\n`);
  }
  if (missing.length) {
    process.stderr.write(`precision: ${missing.length} of ${selected.length} checkouts missing (${missing.join(', ')}); run the commands above\n`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runMain(main);
