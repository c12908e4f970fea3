import { existsSync, readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { RULES, VERSION } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

// One layer-direction error and one no-circular warning.
const layered = {
  'svc/package.json': '{"name":"shop","dependencies":{"fastify":"^5.0.0"}}',
  'svc/src/domain/cart.ts': "import { db } from '../infrastructure/db.js';\nexport const cart = db;\n",
  'svc/src/infrastructure/db.ts': 'export const db = {};\n',
  'svc/src/a.ts': "import './b.js';\n",
  'svc/src/b.ts': "import './a.js';\n",
};

const repoFile = (relative: string) => readFileSync(new URL(`../../../${relative}`, import.meta.url), 'utf8');
const ESCAPE = '\u001b[';

describe('a mistyped command or flag', () => {
  it('gets one line naming the likely intended one, and exit 2', async () => {
    const root = tempDir();
    const cases: [string[], string][] = [
      [['revew', '.'], 'strata: unknown command "revew" (did you mean review?)\n'],
      [['deploy'], 'strata: unknown command "deploy" (run `strata --help` for the list)\n'],
      [['--verison'], 'strata: unknown option --verison (did you mean --version?)\n'],
      [['review', '--formt', 'json'], 'strata review: unknown option --formt (did you mean --format?)\n'],
      [['check', '--fail-no=warn'], 'strata check: unknown option --fail-no (did you mean --fail-on?)\n'],
      [['graph', '--levle', 'file'], 'strata graph: unknown option --levle (did you mean --level?)\n'],
      [['check', '--update'], 'strata check: unknown option --update (did you mean --update-baseline?)\n'],
    ];
    for (const [args, stderr] of cases) expect(await runCli(args, root)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('a mistyped value of a closed choice gets the likely intended one too', async () => {
    const run = await runCli(['check', '--fail-on', 'warning'], tempDir());
    expect(run).toMatchObject({ code: 2, stderr: expect.stringMatching(/^strata check: --fail-on must be one of error, warn, info, none \(got "warning"; did you mean warn\?\)\n$/) });
  });

  it('a mistyped report format fails before the repository is analysed, in review and in check', async () => {
    const root = tempDir(layered);
    for (const command of ['review', 'check']) {
      // The analysis writes its cache as it goes: no cache folder means it never started.
      const cacheDir = path.join(root, `cache-${command}`);
      const run = await runCli([command, 'svc', '--format', 'txt', '--cache-dir', cacheDir], root);
      expect(run).toEqual({ code: 2, stdout: '', stderr: `strata ${command}: --format must be one of pretty, json, sarif, markdown, html (got "txt")\n` });
      expect(existsSync(cacheDir)).toBe(false);
      // The same command with a valid format does analyse, and does write that cache.
      expect((await runCli([command, 'svc', '--format', 'json', '--cache-dir', cacheDir], root)).code).not.toBe(2);
      expect(existsSync(cacheDir)).toBe(true);
    }
  });

  it('-v and --version print the version the package declares', async () => {
    const version = JSON.parse(repoFile('packages/cli/package.json')).version;
    expect(VERSION).toBe(version);
    for (const flag of ['-v', '--version']) expect(await runCli([flag], tempDir())).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('strata explain', () => {
  it("prints a rule's documentation page as docs/rules has it", async () => {
    expect(await runCli(['explain', 'no-circular'], tempDir())).toEqual({ code: 0, stdout: repoFile('docs/rules/no-circular.md'), stderr: '' });
  });

  it('lists every rule without an argument, and suggests the nearest id for a typo', async () => {
    const list = await runCli(['explain'], tempDir());
    expect(list.code).toBe(0);
    // Titles hold regex characters (`(e-mail, PDF, …)`): matched literally.
    const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const rule of RULES) expect(list.stdout).toMatch(new RegExp(`^  ${rule.meta.id} +${rule.meta.severity} +${literal(rule.meta.title)}$`, 'm'));
    expect(await runCli(['explain', 'domain-purty'], tempDir())).toEqual({
      code: 2,
      stdout: '',
      stderr: 'strata explain: unknown rule "domain-purty" (did you mean domain-purity?)\n',
    });
  });
});

describe('strata check', () => {
  it('says in one line why the gate failed: counts at or above the threshold, and what sits below it', async () => {
    const root = tempDir(layered);
    expect(await runCli(['check', 'svc', '--format', 'json'], root)).toMatchObject({
      code: 1,
      stderr: 'Gate failed: 1 error at or above failOn "error" (config or default); 1 warning below it.\n',
    });
    expect((await runCli(['check', 'svc', '--fail-on', 'warn', '--format', 'json'], root)).stderr).toBe('Gate failed: 1 error, 1 warning at or above --fail-on warn.\n');
    expect(await runCli(['check', 'svc', '--fail-on', 'none', '--format', 'json'], root)).toMatchObject({ code: 0, stderr: '' });
  });

  it('keeps its baseline at <dir>/strata-baseline.json: --update-baseline writes it there and check <dir> reads it', async () => {
    const root = tempDir(layered);
    expect(await runCli(['check', 'svc', '--update-baseline'], root)).toEqual({
      code: 0,
      stdout: '',
      stderr: `Baseline of 2 finding(s) written to ${path.join('svc', 'strata-baseline.json')}\n`,
    });
    expect(existsSync(path.join(root, 'svc/strata-baseline.json'))).toBe(true);
    const gated = await runCli(['check', 'svc', '--fail-on', 'info', '--format', 'json'], root);
    expect(gated.code).toBe(0);
    expect(JSON.parse(gated.stdout)).toMatchObject({ findings: [], baselined: 2 });
    // The same folder checked from inside finds the same file.
    expect((await runCli(['check', '.', '--fail-on', 'info', '--format', 'json'], path.join(root, 'svc'))).code).toBe(0);
  });

  it('reads an explicit --baseline relative to the current directory, and says how to create a missing one there', async () => {
    const root = tempDir(layered);
    const missing = await runCli(['check', 'svc', '--baseline', 'ci/known.json'], root);
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: 'strata check: baseline file not found: ci/known.json (relative to the current directory); create it there with `strata check svc --baseline ci/known.json --update-baseline`\n',
    });
    expect((await runCli(['check', 'svc', '--baseline', 'ci/known.json', '--update-baseline'], root)).code).toBe(0);
    expect(existsSync(path.join(root, 'ci/known.json'))).toBe(true);
    expect(existsSync(path.join(root, 'svc/strata-baseline.json'))).toBe(false);
    expect((await runCli(['check', 'svc', '--baseline', 'ci/known.json', '--fail-on', 'info'], root)).code).toBe(0);
  });
});

describe('terminal output', () => {
  it('is coloured only on a terminal without NO_COLOR', async () => {
    const root = tempDir(layered);
    expect((await runCli(['review', 'svc'], root, { tty: true })).stdout).toContain(ESCAPE);
    expect((await runCli(['review', 'svc'], root, { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESCAPE);
    expect((await runCli(['review', 'svc'], root)).stdout).not.toContain(ESCAPE);
  });

  it('shows progress only on a terminal, erased afterwards, and as a plain line under NO_COLOR', async () => {
    const root = tempDir(layered);
    mkdirSync(path.join(root, 'empty'));
    // A zero delay stands for a long run: the line is due as soon as the analysis yields.
    const now = { STRATA_PROGRESS_DELAY_MS: '0' };
    const onTerminal = await runCli(['review', 'svc', '--format', 'json', '--no-cache'], root, { tty: true, env: now });
    expect(onTerminal.stderr).toBe(`Analysing ${path.join(root, 'svc')} …\r${ESCAPE}2K`);
    const plain = await runCli(['review', 'svc', '--format', 'json', '--no-cache'], root, { tty: true, env: { ...now, NO_COLOR: '1' } });
    expect(plain.stderr).toBe(`Analysing ${path.join(root, 'svc')} …\n`);
    expect((await runCli(['review', 'svc', '--format', 'json', '--no-cache'], root, { env: now })).stderr).toBe('');
    expect((await runCli(['review', 'svc', '--quiet', '--format', 'json'], root, { tty: true, env: now })).stderr).toBe('');
  });
});
