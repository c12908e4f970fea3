/**
 * `npm run test:browser` (and test:services) asked for the browser suite: when it cannot run, fail
 * at once with the reason instead of skipping or failing test by test.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserSuiteProblems } from './chromium.js';

export default function setup(): void {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const problems = browserSuiteProblems(repo);
  if (problems.length) throw new Error(`The browser suite (HTML report in Chromium) was asked for and cannot run:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
}
