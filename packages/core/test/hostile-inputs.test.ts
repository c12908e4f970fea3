import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../src/analyze.js';
import { excessiveNesting, MAX_NESTING_SCORE } from '../src/project/nesting-guard.js';
import { NESTING_SHAPES, seededRandom, hostileFile } from '../scripts/hostile-inputs.mjs';
import { DEFAULT_MAX_RSS_MB, judge, runHostile } from '../scripts/hostile.mjs';
import { makeRepo } from './helpers/temp-repo.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'dist', '.tmp', '.git'].includes(entry.name) ? [] : sources(full);
    return /\.(c|m)?[jt]sx?$/.test(entry.name) ? [full] : [];
  });
}

describe('the nesting guard', () => {
  it('stops every shape that overflows the parser at 10,000 levels, and passes it at 300', () => {
    const random = seededRandom(7);
    const seen = new Set<string>();
    // Draw until every nesting shape has come up, as the hostile generator produces them.
    for (let i = 0; seen.size < NESTING_SHAPES.length && i < 5_000; i += 1) {
      const file = hostileFile(random, i);
      if (!file.kind.startsWith('nesting:') || seen.has(file.kind)) continue;
      seen.add(file.kind);
      expect(excessiveNesting(String(file.content)), file.kind).toMatchObject({ message: expect.stringContaining(`more than ${MAX_NESTING_SCORE} levels`) });
    }
    expect(seen.size).toBe(NESTING_SHAPES.length);
    expect(excessiveNesting(`export const x = ${'('.repeat(300)}1${')'.repeat(300)};\n`)).toBeUndefined();
    expect(excessiveNesting(`${'if (a) '.repeat(300)}x();\n`)).toBeUndefined();
  });

  it('never fires on real code: every source file of this repository', () => {
    const files = ['packages', 'templates', 'examples', 'bench'].flatMap((dir) => sources(path.join(REPO, dir)));
    expect(files.length).toBeGreaterThan(300);
    const flagged = files.filter((file) => excessiveNesting(readFileSync(file, 'utf8')));
    expect(flagged).toEqual([]);
  });

  it('ignores brackets in strings, comments, regular expressions and template text', () => {
    const noise = `const a = "${'('.repeat(2_000)}";\n// ${'['.repeat(2_000)}\n/* ${'{'.repeat(2_000)} */\nconst r = /${'\\('.repeat(2_000)}/;\nconst t = \`${'('.repeat(2_000)}\`;\n`;
    expect(excessiveNesting(noise)).toBeUndefined();
  });

  it('reports the line where the nesting passes the limit', () => {
    const report = excessiveNesting(`const ok = 1;\n\nconst x = ${'('.repeat(5_000)}1${')'.repeat(5_000)};\n`);
    expect(report).toMatchObject({ line: 3 });
  });
});

describe('a file under the nesting limit with a literal nested too deep for a summary', () => {
  it('is analysed in a parser thread and its summary keeps a bounded structure (the main thread once waited forever for it)', { timeout: 120_000 }, async () => {
    // Enough files for parser threads (threads from 200 files to parse here; the first batches go to
    // the thread); 1,400 brackets pass the guard and the parser; the program model keeps 64 levels of
    // the literal, and still records the call inside it.
    const files: Record<string, string> = { 'package.json': '{"name":"deep","type":"module"}' };
    for (let i = 0; i < 240; i += 1) files[`src/m${i}.ts`] = `export const value${i} = ${i};\n`;
    files['src/deep.js'] = `import { readFileSync } from 'node:fs';\nexport const x = ${'['.repeat(1_400)}readFileSync('a')${']'.repeat(1_400)};\n`;
    const { result, project } = await analyzeProject({ root: makeRepo(files), cache: false, maxWorkers: 2, threadsFrom: 200 });
    expect(result.stats.workers).toBeGreaterThan(0);
    expect(result.stats.files).toBe(241);
    expect(result.findings.filter((finding) => finding.file === 'src/deep.js' && finding.ruleId === 'parse-error')).toEqual([]);
    const summary = project.files.get('src/deep.js')!.program!;
    expect(summary.calls.map((call) => call.text)).toEqual(['readFileSync']);
    let depth = 0;
    for (let value = summary.variables.find((variable) => variable.name === 'x')?.value; value?.kind === 'array'; value = value.elements[0]) depth++;
    expect(depth).toBe(64);
  });
});

describe('the verdict on one review run', () => {
  const clean = { code: 0, signal: null, stdout: JSON.stringify({ findings: [], stats: { files: 1 } }), stderr: '', peakMb: 100 };

  it('fails a run past the memory bound, one killed, one with a stack trace, and one whose output is not JSON', () => {
    expect(judge(clean)).toEqual({ findings: 0, parseErrors: 0, files: 1 });
    expect(judge({ ...clean, peakMb: DEFAULT_MAX_RSS_MB + 1 })).toMatchObject({ problem: expect.stringContaining(`over the ${DEFAULT_MAX_RSS_MB} MB bound`) });
    expect(judge({ ...clean, code: null, signal: 'SIGSEGV' })).toMatchObject({ problem: 'killed by SIGSEGV' });
    expect(judge({ ...clean, code: null, signal: 'SIGKILL', timedOut: true })).toMatchObject({ problem: expect.stringContaining('timeout') });
    expect(judge({ ...clean, code: 2, stderr: 'TypeError: x\n    at f (/a.js:1:2)' })).toMatchObject({ problem: expect.stringContaining('exit code 2') });
    expect(judge({ ...clean, stderr: 'oops\n    at f (/a.js:1:2)' })).toMatchObject({ problem: expect.stringContaining('stack trace') });
    expect(judge({ ...clean, stdout: 'not json' })).toMatchObject({ problem: expect.stringContaining('not JSON') });
  });
});

describe('strata review on hostile repositories', () => {
  // The quick version; `node packages/core/scripts/hostile.mjs` runs 10,000 inputs and a 50 MB file.
  it('completes with findings, valid JSON and no stack trace on random bytes, bad UTF-8, deep nesting, bundles, loops and broken manifests', { timeout: 120_000 }, async () => {
    const totals = await runHostile({ runs: 1, files: 150, seed: 42, hugeMb: 3 });
    process.stdout.write(`hostile inputs: ${totals.inputs} in ${totals.runs} run(s), ${totals.findings} findings (${totals.parseErrors} parse errors), peak RSS ${totals.peakMb.toFixed(0)} MB (bound ${DEFAULT_MAX_RSS_MB} MB)\n`);
    expect(totals.failures).toEqual([]);
    expect(totals.peakMb).toBeGreaterThan(0);
    expect(totals.inputs).toBeGreaterThanOrEqual(150);
    expect(totals.parseErrors).toBeGreaterThan(0);
  });
});
