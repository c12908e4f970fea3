// Inputs shared by checkout.mjs and run.mjs: the repos list, the ledger, the corpus folder, and a
// harness error that the scripts turn into one line on stderr (never a stack trace).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_REPOS = path.join(HERE, 'repos.json');
export const DEFAULT_LEDGER = path.join(HERE, 'ledger.json');
export const DEFAULT_CORPUS = '/work/corpus';
export const VERDICTS = ['true', 'debatable', 'false'];

export class HarnessError extends Error {}

function readJson(file, what) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new HarnessError(`cannot read the ${what} ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HarnessError(`the ${what} ${file} is not valid JSON: ${error.message}`);
  }
}

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The repos list: `{ repos: [{ name, repo, commit, kind, note, frontends? }] }`, validated. */
export function loadRepos(file = DEFAULT_REPOS) {
  const data = readJson(file, 'repos list');
  if (!isObject(data) || !Array.isArray(data.repos)) throw new HarnessError(`${file}: expected an object with a "repos" array`);
  const seen = new Set();
  return data.repos.map((entry, index) => {
    const where = `${file}: repos[${index}]`;
    if (!isObject(entry)) throw new HarnessError(`${where} is not an object`);
    for (const key of ['name', 'repo', 'commit', 'kind']) {
      if (typeof entry[key] !== 'string' || entry[key] === '') throw new HarnessError(`${where}.${key} must be a non-empty string`);
    }
    if (!/^[\w.+-]+$/.test(entry.name) || /^\.+$/.test(entry.name)) throw new HarnessError(`${where}.name "${entry.name}" must be a plain folder name`);
    if (!/^[\w.-]+\/[\w.-]+$/.test(entry.repo)) throw new HarnessError(`${where}.repo "${entry.repo}" must be owner/name`);
    if (!/^[0-9a-f]{40}$/.test(entry.commit)) throw new HarnessError(`${where}.commit must be a full 40-digit commit hash`);
    if (seen.has(entry.name)) throw new HarnessError(`${where}.name "${entry.name}" appears twice`);
    seen.add(entry.name);
    const frontends = entry.frontends ?? [];
    if (!Array.isArray(frontends) || frontends.some((folder) => typeof folder !== 'string')) {
      throw new HarnessError(`${where}.frontends must be an array of folder paths`);
    }
    return { ...entry, note: entry.note ?? '', frontends: frontends.map((folder) => folder.replace(/^\.\/|\/+$/g, '')) };
  });
}

/**
 * The ledger: `{ "<repo>": { "<fingerprint>": { verdict, rule, file, reason } } }`. A verdict of ""
 * (as pasted from `--unjudged`) means not judged yet; anything else outside true/debatable/false is refused.
 */
export function loadLedger(file = DEFAULT_LEDGER) {
  if (!existsSync(file)) throw new HarnessError(`no ledger at ${file}`);
  const data = readJson(file, 'ledger');
  if (!isObject(data)) throw new HarnessError(`${file}: expected an object keyed by repository name`);
  for (const [repo, entries] of Object.entries(data)) {
    if (!isObject(entries)) throw new HarnessError(`${file}: "${repo}" must be an object keyed by fingerprint`);
    for (const [fingerprint, judgment] of Object.entries(entries)) {
      const where = `${file}: ${repo} ${fingerprint}`;
      if (!isObject(judgment)) throw new HarnessError(`${where} must be an object with verdict, rule, file and reason`);
      if (judgment.verdict !== '' && !VERDICTS.includes(judgment.verdict)) {
        throw new HarnessError(`${where}: verdict "${judgment.verdict}" is not one of true, debatable, false (or "" for not judged)`);
      }
    }
  }
  return data;
}

/** The corpus folder: `--corpus`, else $STRATA_CORPUS, else /work/corpus. */
export function corpusFolder(flag, env = process.env) {
  return path.resolve(flag ?? env.STRATA_CORPUS ?? DEFAULT_CORPUS);
}

/** A checkout counts as present when its folder exists and holds at least one entry. */
export function isPresent(folder) {
  try {
    return statSync(folder).isDirectory() && readdirSync(folder).length > 0;
  } catch {
    return false;
  }
}

/** Picks the repos named by `--repo` (all when none), refusing unknown names. */
export function selectRepos(repos, names) {
  if (!names?.length) return repos;
  const known = new Map(repos.map((entry) => [entry.name, entry]));
  return names.map((name) => {
    const entry = known.get(name);
    if (!entry) throw new HarnessError(`unknown repository "${name}" (known: ${[...known.keys()].join(', ')})`);
    return entry;
  });
}

/** A script's help: its leading comment block, without the comment markers. */
export function usage(scriptUrl) {
  const lines = readFileSync(fileURLToPath(scriptUrl), 'utf8').split('\n').slice(1);
  const header = lines.slice(0, lines.findIndex((line) => !line.startsWith('//')));
  return `${header.map((line) => line.replace(/^\/\/ ?/, '')).join('\n')}\n`;
}

/** Runs a script's main: a HarnessError or bad flag is one line on stderr and exit code 2. */
export function runMain(main) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      const known = error instanceof HarnessError || error?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || error?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || error?.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL';
      process.stderr.write(`precision: ${known ? error.message : error?.stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
