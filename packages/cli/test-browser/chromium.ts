/**
 * Where the browser suite finds its browser: Debian's chromium, driven by playwright-core (no
 * browser is downloaded). STRATA_CHROMIUM points elsewhere, e.g. to prove the suite fails clearly
 * without one.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const CHROMIUM = process.env.STRATA_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** What keeps the suite from running, one sentence each, with what to do about it. */
export function browserSuiteProblems(repo: string): string[] {
  const problems: string[] = [];
  try {
    accessSync(CHROMIUM, constants.X_OK);
  } catch {
    problems.push(`${CHROMIUM} is not an executable browser: install it with \`apt-get install -y chromium\` (bash .ci/run does)`);
  }
  try {
    createRequire(path.join(repo, 'package.json')).resolve('playwright-core');
  } catch {
    problems.push('playwright-core is not installed: run `npm ci`');
  }
  if (!existsSync(path.join(repo, 'packages/cli/dist/main.js'))) problems.push('the CLI is not built: run `npm run build`');
  return problems;
}
