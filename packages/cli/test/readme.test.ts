import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(`${REPO}README.md`, 'utf8');

describe('the README', () => {
  it('opens with what Strata is, the two set-up commands, a report excerpt, then the rule catalogue', () => {
    const positions = [
      readme.indexOf('A senior Node.js backend architect'),
      // The user's two set-up commands: install the package, run its bin (the package test runs both from the tarball).
      readme.indexOf('npm install --save-dev strata-architect '),
      readme.indexOf('npx strata review . '),
      readme.indexOf('```text\n'),
      readme.indexOf('(docs/rules/README.md)'),
    ];
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The first screen: everything up to the catalogue link fits in about 45 lines.
    expect(readme.slice(0, positions[4]).split('\n').length).toBeLessThan(45);
  });

  it("shows an excerpt of a real review: every line of it is in Strata's output on the named repository", async () => {
    const target = /`(packages\/core\/src\/rules\/[^`]+)`/.exec(readme)![1]!;
    const excerpt = /```text\n([\s\S]*?)```/.exec(readme)![1]!.split('\n').filter((line) => line.trim() !== '' && line.trim() !== '…');
    const review = await runCli(['review', target, '--no-cache'], REPO);
    expect(review.code).toBe(0);
    const output = review.stdout.split('\n');
    expect(excerpt.filter((line) => !output.includes(line))).toEqual([]);
  });
});
