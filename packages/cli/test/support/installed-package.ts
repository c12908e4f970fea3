import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACK_SCRIPT = fileURLToPath(new URL('../../scripts/pack.mjs', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a user's shell: no npm_* variables from the `npm test` that runs us (they would
 * point npm at this repository's workspaces), no vitest variables, no colour forcing, a private cache.
 */
export function userEnv(home: string): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([key]) => !key.toLowerCase().startsWith('npm_') && !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'FORCE_COLOR' && key !== 'NO_COLOR',
  );
  return { ...Object.fromEntries(inherited), XDG_CACHE_HOME: path.join(home, '.cache') };
}

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 300_000): Run {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

function mustRun(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const result = run(command, args, cwd, env);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.code}):\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

export interface InstalledPackage {
  /** Temporary home of the tarball and the install; outside this repository. */
  home: string;
  tarball: string;
  tarballBytes: number;
  /** The folder `npm install <tarball>` ran in. */
  project: string;
  /** The installed package's own folder (node_modules/<name>). */
  packageDir: string;
  name: string;
  /** Every package the install brought in besides the tool itself. */
  dependencies: string[];
  env: NodeJS.ProcessEnv;
  strata(args: string[], cwd?: string): Run;
  remove(): void;
}

/**
 * `npm run pack:cli`'s script, then `npm install <tarball>` into an empty folder under the system
 * temp directory, which no node_modules of this repository can be reached from: what a user gets.
 * Dependencies come from the npm registry. Needs `npm run build` to have run (npm ci does it).
 */
export function packAndInstall(): InstalledPackage {
  const home = mkdtempSync(path.join(os.tmpdir(), 'strata-package-'));
  try {
    return install(home);
  } catch (error) {
    // A failed pack or install must not leave its temporary folder behind.
    rmSync(home, { recursive: true, force: true });
    throw error;
  }
}

function install(home: string): InstalledPackage {
  const env = userEnv(home);
  const tarball = mustRun(process.execPath, [PACK_SCRIPT, '--out', path.join(home, 'pack')], home, env).split('\n')[0]!;
  const project = path.join(home, 'project');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), '{ "name": "trying-strata", "private": true }\n');
  mustRun('npm', ['install', '--no-audit', '--no-fund', tarball], project, env);
  const name = JSON.parse(readFileSync(path.join(home, 'pack/package/package.json'), 'utf8')).name as string;
  const installed = JSON.parse(readFileSync(path.join(project, 'node_modules/.package-lock.json'), 'utf8')).packages as Record<string, unknown>;
  const dependencies = Object.keys(installed)
    .map((key) => key.replace(/^.*node_modules\//, ''))
    .filter((dependency) => dependency !== name)
    .sort();
  const bin = path.join(project, 'node_modules/.bin/strata');
  return {
    home,
    tarball,
    tarballBytes: statSync(tarball).size,
    project,
    packageDir: path.join(project, 'node_modules', name),
    name,
    dependencies,
    env,
    // Through the linked bin, as a shell would run it: this exercises the shebang too.
    strata: (args, cwd = project) => run(bin, args, cwd, env),
    remove: () => rmSync(home, { recursive: true, force: true }),
  };
}
