import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonReporter } from '@strata/core/api';
import { runCli, tempDir } from './run-cli.js';

const layered = {
  'package.json': '{"name":"shop","dependencies":{"fastify":"^5.0.0"}}',
  'src/domain/cart.ts': "import { db } from '../infrastructure/db.js';\nexport const cart = db;\n",
  'src/infrastructure/db.ts': 'export const db = {};\n',
  'src/application/checkout.ts': "import { cart } from '../domain/cart.js';\nexport const checkout = () => cart;\n",
  'src/a.ts': "import './b.js';\n",
  'src/b.ts': "import './a.js';\n",
};

describe('strata CLI', () => {
  it('prints help for the tool and for each command, and exits 2 on usage errors', async () => {
    const root = tempDir();
    expect((await runCli(['--help'], root)).stdout).toMatch(/Commands:\n\s+review\s+Review a backend repository/);
    const help = await runCli(['check', '--help'], root);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--update-baseline');
    expect(await runCli(['frobnicate'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate"') });
    expect(await runCli(['review', '--format', 'xml'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be one of pretty, json, sarif, markdown') });
    expect(await runCli(['review', '--bogus'], root)).toMatchObject({ code: 2, stderr: 'strata review: unknown option --bogus (run `strata review --help` for the options)\n' });
  });

  it('gives one clear line, never a stack trace, for a missing or non-directory path and a bad config', async () => {
    const root = tempDir({ 'file.ts': 'export {};\n', 'bad/strata.config.json': '{"failOn":"sometimes"}' });
    for (const args of [['review', 'nope'], ['review', 'file.ts'], ['check', 'bad']]) {
      const run = await runCli(args, root);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect((await runCli(['check', 'bad'], root)).stderr).toContain('"failOn": Invalid option: expected one of "error"|"warn"|"info"|"none" [CONFIG_INVALID]');
  });

  it('review reports and exits 0; check gates on the threshold', async () => {
    const root = tempDir(layered);
    const review = await runCli(['review', '.', '--format', 'json'], root);
    expect(review.code).toBe(0);
    expect(JSON.parse(review.stdout).findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(['layer-direction', 'no-circular']);
    expect((await runCli(['check', '.'], root)).code).toBe(1);
    expect((await runCli(['check', '.', '--fail-on', 'none'], root)).code).toBe(0);
    expect((await runCli(['review', '.', '--fail-on', 'warn'], root)).code).toBe(1);
    writeFileSync(path.join(root, 'strata.config.json'), '{"rules":{"layer-direction":"warn"}}');
    expect((await runCli(['check', '.'], root)).code).toBe(0);
    expect((await runCli(['check', '.', '--fail-on', 'warn'], root)).code).toBe(1);
  });

  it('the JSON report, written in pieces to stdout or to --output, is byte for byte the JSON reporter\'s text', async () => {
    // A file name past U+00FF beside ASCII ones: the case the pieces exist for.
    const root = tempDir({ ...layered, 'src/domain/订单.ts': "import { cart } from './cart.js';\nexport const order = cart;\n" });
    const review = await runCli(['review', '.', '--format', 'json'], root);
    const result = JSON.parse(review.stdout);
    expect(review.stdout).toBe(jsonReporter(result));
    expect(review.stdout).toMatch(/[^\x00-\xff]/);
    const written = await runCli(['review', '.', '--format', 'json', '--output', 'out/report.json', '--quiet'], root);
    expect(written.code).toBe(0);
    const file = readFileSync(path.join(root, 'out/report.json'), 'utf8');
    // The second run reused the first's result: only the run's own figures differ.
    const withoutStats = (text: string) => JSON.stringify({ ...JSON.parse(text), stats: null });
    expect(file).toBe(jsonReporter(JSON.parse(file)));
    expect(withoutStats(file)).toBe(withoutStats(review.stdout));
  });

  it('a report that cannot be written to --output is one line naming the file and why, exit 2', async () => {
    const root = tempDir({ ...layered, 'blocker': 'a file, not a folder\n' });
    const run = await runCli(['review', '.', '--format', 'json', '--output', 'blocker/report.json', '--quiet'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^strata review: could not write the report to blocker\/report\.json: E[A-Z]+: [^\n]*\[OUTPUT_UNWRITABLE\]\n$/);
  });

  it('a baseline lets a legacy repo adopt the gate and fail only on new findings', async () => {
    const root = tempDir(layered);
    const update = await runCli(['check', '.', '--baseline', 'strata-baseline.json', '--update-baseline'], root);
    expect(update.code).toBe(0);
    const baseline = JSON.parse(readFileSync(path.join(root, 'strata-baseline.json'), 'utf8'));
    expect(baseline.findings).toHaveLength(2);
    const gated = await runCli(['check', '.', '--baseline', 'strata-baseline.json', '--fail-on', 'warn', '--format', 'json'], root);
    expect(gated.code).toBe(0);
    expect(JSON.parse(gated.stdout)).toMatchObject({ findings: [], baselined: 2 });

    writeFileSync(path.join(root, 'src/domain/cart.ts'), "// moved down a line\nimport { db } from '../infrastructure/db.js';\nexport const cart = db;\n");
    expect((await runCli(['check', '.', '--baseline', 'strata-baseline.json'], root)).code).toBe(0);

    writeFileSync(path.join(root, 'src/application/pay.ts'), "import { db } from '../infrastructure/db.js';\nexport const pay = db;\n");
    const fresh = await runCli(['check', '.', '--baseline', 'strata-baseline.json', '--format', 'json'], root);
    expect(fresh.code).toBe(1);
    expect(JSON.parse(fresh.stdout).findings.map((finding: { file: string }) => finding.file)).toEqual(['src/application/pay.ts']);
    writeFileSync(path.join(root, 'broken.json'), '{"nope":1}');
    expect(await runCli(['check', '.', '--baseline', 'broken.json'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('[BASELINE_INVALID]') });
  });

  it('writes SARIF and markdown to --output', async () => {
    const root = tempDir(layered);
    expect((await runCli(['check', '.', '--format', 'sarif', '--output', 'reports/strata.sarif', '--fail-on', 'none'], root)).code).toBe(0);
    const sarif = JSON.parse(readFileSync(path.join(root, 'reports/strata.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(2);
    await runCli(['review', '.', '--format', 'markdown', '-o', 'review.md'], root);
    expect(readFileSync(path.join(root, 'review.md'), 'utf8')).toContain('## Strata review');
  });

  it('graph draws layers and modules as ASCII, Mermaid, DOT and JSON, filterable by folder', async () => {
    const root = tempDir(layered);
    const ascii = await runCli(['graph', '.'], root);
    expect(ascii.stdout).toContain('domain (1 file)\n  └─✗► infrastructure (1)  not allowed');
    const mermaid = (await runCli(['graph', '.', '--format', 'mermaid'], root)).stdout;
    expect(mermaid).toMatch(/^flowchart LR/);
    expect(mermaid).toContain('linkStyle');
    expect((await runCli(['graph', '.', '--format', 'dot', '--level', 'module'], root)).stdout).toContain('"src/domain" -> "src/infrastructure" [label="1", color="#d33"');
    const focused = JSON.parse((await runCli(['graph', '.', '--format', 'json', '--level', 'file', '--focus', 'src/domain'], root)).stdout);
    expect(focused.nodes.map((node: { id: string }) => node.id)).toEqual(['src/domain/cart.ts']);
    expect((await runCli(['graph', '.', '--level', 'planet'], root)).code).toBe(2);
  });
});
