#!/usr/bin/env node
// The precision measurement of issue 11: Strata's review of each public backend checked out in the
// corpus, its warn/error findings set against the hand judgments of the ledger.
//
//   npm run precision [-- options]        (needs `npm run build`: it runs packages/core/dist)
//
// --repo <name>     only this repository (repeatable)
// --json            every figure and every listed finding, machine-readable, on stdout
// --markdown        the table and targets in Markdown, to paste under "Figures" in the README
// --unjudged        only the findings not yet judged, as a ledger skeleton (verdict "" and reason "")
// --add-unjudged    add that skeleton to the ledger file itself (entries already there are kept)
// --corpus <dir>    the checkouts (default $STRATA_CORPUS, else /work/corpus)
// --repos <file>    the repos list (default bench/precision/repos.json)
// --ledger <file>   the judgments (default bench/precision/ledger.json)
// --core <file>     the core API to measure (default packages/core/dist/index.js)
//
// It is a measurement, not a gate: the exit code is 0 whatever the figures say (the report prints
// whether each target is met), 1 when the analysis of a repository failed, 2 on bad input.

import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusFolder, DEFAULT_LEDGER, DEFAULT_REPOS, HarnessError, HERE, isPresent, loadLedger, loadRepos, runMain, selectRepos, usage } from './lib/inputs.mjs';
import { measureRepo, summarise } from './lib/measure.mjs';
import { ledgerSkeleton, markdownReport, mergeSkeleton, textReport } from './lib/report.mjs';

const REPOSITORY = path.resolve(HERE, '../..');

async function loadCore(file) {
  if (!existsSync(file)) throw new HarnessError(`no built core at ${file}: run \`npm run build\` first`);
  const core = await import(pathToFileURL(file).href);
  if (typeof core.analyze !== 'function') throw new HarnessError(`${file} exports no analyze()`);
  return core;
}

/**
 * The commit of the Strata being measured, when this is a git checkout (for the figures' caption),
 * marked when the engine's sources differ from it: figures must not be credited to a commit they
 * were not measured on.
 */
function strataCommit() {
  const head = spawnSync('git', ['-C', REPOSITORY, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  if (head.status !== 0) return null;
  const changes = spawnSync('git', ['-C', REPOSITORY, 'status', '--porcelain', '--', 'packages/core/src'], { encoding: 'utf8' });
  return `${head.stdout.trim()}${changes.stdout?.trim() ? ' + uncommitted changes to packages/core/src' : ''}`;
}

/** Reviews every selected checkout that is present, one after the other (each run uses the cores itself). */
async function measure(core, selected, corpus, ledger) {
  const records = [];
  const failed = [];
  const absent = [];
  for (const entry of selected) {
    const root = path.join(corpus, entry.name);
    if (!isPresent(root)) {
      absent.push(entry.name);
      continue;
    }
    const started = performance.now();
    try {
      const result = await core.analyze({ root, cache: false });
      const record = measureRepo(entry, result, ledger[entry.name] ?? {}, performance.now() - started);
      records.push(record);
      process.stderr.write(`precision: ${entry.name}: ${record.findings} warn/error findings in ${(record.durationMs / 1000).toFixed(1)} s\n`);
    } catch (error) {
      failed.push({ name: entry.name, error: String(error?.message ?? error).split('\n')[0] });
      process.stderr.write(`precision: ${entry.name}: analysis failed: ${failed.at(-1).error}\n`);
    }
  }
  return { records, failed, absent };
}

/** Writes the ledger with the unjudged entries added, through a temporary file so a failed write loses nothing. */
function addToLedger(file, ledger, skeleton) {
  const added = Object.entries(skeleton).flatMap(([repo, entries]) => Object.keys(entries).filter((fingerprint) => !ledger[repo]?.[fingerprint]));
  if (!added.length) {
    process.stdout.write(`no unjudged finding missing from ${file}: left unchanged\n`);
    return;
  }
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(mergeSkeleton(ledger, skeleton), null, 2)}\n`);
  renameSync(temporary, file);
  process.stdout.write(`added ${added.length} unjudged finding(s) to ${file}: fill in each verdict ("true", "debatable" or "false") and reason\n`);
}

async function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      repo: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      markdown: { type: 'boolean', default: false },
      unjudged: { type: 'boolean', default: false },
      'add-unjudged': { type: 'boolean', default: false },
      corpus: { type: 'string' },
      repos: { type: 'string' },
      ledger: { type: 'string' },
      core: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage(import.meta.url));
    return 0;
  }
  if ([values.json, values.markdown, values.unjudged, values['add-unjudged']].filter(Boolean).length > 1) {
    throw new HarnessError('choose one of --json, --markdown, --unjudged, --add-unjudged');
  }
  const repos = loadRepos(values.repos ? path.resolve(values.repos) : DEFAULT_REPOS);
  const ledgerFile = values.ledger ? path.resolve(values.ledger) : DEFAULT_LEDGER;
  const ledger = loadLedger(ledgerFile);
  const selected = selectRepos(repos, values.repo);
  const corpus = corpusFolder(values.corpus);
  const core = await loadCore(path.resolve(values.core ?? path.join(REPOSITORY, 'packages/core/dist/index.js')));

  const measured = await measure(core, selected, corpus, ledger);
  if (!measured.records.length && !measured.failed.length) {
    throw new HarnessError(`none of ${selected.map((entry) => entry.name).join(', ')} is checked out in ${corpus}: run node bench/precision/checkout.mjs`);
  }
  const known = new Set(repos.map((entry) => entry.name));
  const run = {
    date: new Date().toISOString(),
    strata: { version: core.VERSION ?? 'unknown', commit: strataCommit() },
    corpus,
    ...measured,
    unknownLedgerRepos: Object.keys(ledger).filter((name) => !known.has(name)),
    summary: summarise(measured.records, measured.failed),
  };

  if (values.json) process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
  else if (values.markdown) process.stdout.write(markdownReport(run));
  else if (values.unjudged) process.stdout.write(`${JSON.stringify(ledgerSkeleton(run), null, 2)}\n`);
  else if (values['add-unjudged']) addToLedger(ledgerFile, ledger, ledgerSkeleton(run));
  else process.stdout.write(textReport(run));
  return measured.failed.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runMain(main);
