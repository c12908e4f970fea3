/**
 * The browser suite is asked for by `npm run test:browser` (and test:services) and left out of
 * `npm test`: asked for without a browser it fails with the reason; left out, the run says so.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const vitest = path.join(repo, 'node_modules/vitest/vitest.mjs');

function runVitest(args: string[], env: Record<string, string> = {}): { status: number | null; output: string } {
  const child = spawnSync(process.execPath, [vitest, 'run', ...args], { cwd: repo, env: { ...process.env, ...env, NO_COLOR: '1', CI: 'true' }, encoding: 'utf8' });
  return { status: child.status, output: `${child.stdout}${child.stderr}` };
}

describe('the browser suite', () => {
  it('fails, naming what is missing, when asked for without a browser', () => {
    const run = runVitest(['-c', 'vitest.browser.config.ts'], { STRATA_CHROMIUM: path.join(repo, 'no-such-chromium') });
    expect(run.status).toBe(1);
    expect(run.output).toContain('The browser suite (HTML report in Chromium) was asked for and cannot run:');
    expect(run.output).toContain('no-such-chromium is not an executable browser: install it with `apt-get install -y chromium`');
  });

  it('is reported as not run by the default suite', () => {
    const run = runVitest(['-c', 'vitest.config.ts', 'packages/core/test/html-rule-doc.test.ts']);
    expect(run.status).toBe(0);
    expect(run.output).toContain('Not run here: the HTML report in a real browser, packages/cli/test-browser/ (not asked for; needs /usr/bin/chromium; `npm run test:browser` runs it');
  });
});
