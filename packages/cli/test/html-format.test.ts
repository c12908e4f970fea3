import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

const fixture = fileURLToPath(new URL('../test-browser/fixtures/express-orders-tangled', import.meta.url));
const docsFolder = fileURLToPath(new URL('../../../docs/rules/', import.meta.url));

/** The data the page embeds for its script. */
function embedded(html: string): { findings: { file: string; line: number; excerpt?: { start: number; lines: string[] } }[]; rules: { id: string; docHref: string | null; docHtml: string | null }[] } {
  return JSON.parse(/<script type="application\/json" id="strata-data">([\s\S]*?)<\/script>/.exec(html)![1]!);
}

describe('--format html', () => {
  it('review writes one page whose findings quote the code the CLI read, and link their rule pages', async () => {
    const out = tempDir();
    const run = await runCli(['review', fixture, '--format', 'html', '--output', 'report.html'], out);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: 'Report written to report.html\n' });
    const data = embedded(readFileSync(path.join(out, 'report.html'), 'utf8'));
    const violation = data.findings.find((finding) => finding.file === 'src/domain/order.ts' && finding.line === 2)!;
    const source = readFileSync(path.join(fixture, 'src/domain/order.ts'), 'utf8').split('\n');
    expect(violation.excerpt).toEqual({ start: 1, lines: source.slice(0, 5) });
    const rule = data.rules.find((entry) => entry.id === 'layer-direction')!;
    expect(rule.docHref).toMatch(/^file:\/\/.*\/docs\/rules\/layer-direction\.md$/);
    expect(existsSync(path.join(docsFolder, 'layer-direction.md'))).toBe(true);
    // The page itself travels in the report, for a reader who has no checkout of Strata.
    expect(rule.docHtml).toContain('<h4>How to fix</h4>');
    expect(rule.docHtml).toContain('<p>Imports follow the allowed layer direction.</p>');
  });

  it('graph writes the diagram page to stdout', async () => {
    const run = await runCli(['graph', fixture, '--format', 'html', '--level', 'file', '--focus', 'src/application'], tempDir());
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(run.stdout).toContain('<title>Strata dependency graph · src/application</title>');
    expect(run.stdout).not.toContain('<section id="findings"');
  });

  it('names html among the formats when the format is wrong', async () => {
    const run = await runCli(['graph', fixture, '--format', 'htm'], tempDir());
    expect(run).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be one of ascii, mermaid, dot, json, html') });
  });
});
