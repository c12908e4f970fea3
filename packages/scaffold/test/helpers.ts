import { execFile } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
const VITEST = join(REPO_ROOT, 'node_modules/vitest/vitest.mjs');

/**
 * A folder inside the repository (git-ignored .tmp/), so generated projects resolve the hoisted
 * root node_modules exactly as after `npm install`, without installing anything per project.
 */
export async function tempProjectDir(label: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = join(REPO_ROOT, '.tmp', `${label}-${randomBytes(4).toString('hex')}`);
  await mkdir(join(REPO_ROOT, '.tmp'), { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A suite that only `npm run <script>` asks for, by setting the variable to 1: elsewhere it is left
 * out, and the run says so rather than skipping it silently.
 */
export function askedFor(variable: string, suite: string, script: string): boolean {
  if (process.env[variable] === '1') return true;
  console.info(`Not run here: ${suite} (\`${script}\` runs it; it sets ${variable}=1).`);
  return false;
}

export interface RunResult {
  code: number;
  output: string;
}

/** The parent's vitest variables would make the nested run think it is a worker of this one. */
function childEnv(): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'FORCE_COLOR');
  return { ...Object.fromEntries(inherited), NO_COLOR: '1' };
}

function run(args: string[], cwd: string, timeoutMs: number, env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, env: { ...childEnv(), ...env }, timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

export const typecheck = (dir: string) => run([TSC, '--noEmit', '-p', dir], dir, 120_000);
// One worker per nested suite: the generated-project test files already run side by side, and on a
// 2-core CI machine more processes only compete (each also starts its own PGlite).
export const runTests = (dir: string) => run([VITEST, 'run', '--reporter=dot', '--maxWorkers=1'], dir, 180_000);

/** The project's own fault suite (needs PostgreSQL and Redis): its processes, proxies and fuzzer. */
export const runFaults = (dir: string, env: Record<string, string>) =>
  run([VITEST, 'run', '--config', 'vitest.faults.config.ts', '--reporter=verbose'], dir, 300_000, env);
