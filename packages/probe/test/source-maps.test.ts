import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceFiles } from '../src/analysis/sources.js';
import { diagnose, runProbe, type ProbeReport } from '../src/index.js';
import { FIXTURES, slowUpstream } from './helpers.js';

/**
 * A compiled TypeScript service, built here the way a project builds it: src/*.ts → dist/*.js, work.ts
 * with a `.map` file beside its output, main.ts with its map inline. The probe runs `node dist/main.js`.
 */
function buildTypeScriptService(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'strata-probe-ts-'));
  cpSync(path.join(FIXTURES, 'ts-service/src'), path.join(root, 'src'), { recursive: true });
  mkdirSync(path.join(root, 'dist'));
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'ts-service', private: true, type: 'module' }));
  for (const [name, inline] of [
    ['work', false],
    ['main', true],
  ] as const) {
    const output = ts.transpileModule(readFileSync(path.join(root, 'src', `${name}.ts`), 'utf8'), {
      fileName: `src/${name}.ts`,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, rootDir: 'src', outDir: 'dist', ...(inline ? { inlineSourceMap: true } : { sourceMap: true }) },
    });
    writeFileSync(path.join(root, 'dist', `${name}.js`), output.outputText);
    if (output.sourceMapText) writeFileSync(path.join(root, 'dist', `${name}.js.map`), output.sourceMapText);
  }
  return root;
}

/** The 1-based line of the first line of `file` that contains `text`. */
function lineOf(file: string, text: string): number {
  return readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1;
}

describe('source maps', () => {
  let root: string;
  beforeAll(() => {
    root = buildTypeScriptService();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('map a position of compiled code to its TypeScript line, from a .map file and from an inline map', () => {
    const sources = new SourceFiles();
    const workJs = path.join(root, 'dist/work.js');
    const mainJs = path.join(root, 'dist/main.js');
    // The compiled lines differ from the source's: the types in between are erased.
    const jsLine = lineOf(workJs, 'export function countPrimes');
    const tsLine = lineOf(path.join(root, 'src/work.ts'), 'export function countPrimes');
    expect(jsLine).not.toBe(tsLine);
    expect(sources.original(workJs, jsLine - 1, 0)).toEqual({ file: path.join(root, 'src/work.ts'), line: tsLine });
    expect(readFileSync(mainJs, 'utf8')).toContain('sourceMappingURL=data:application/json;base64,');
    const getJs = lineOf(mainJs, '.get(process.env.UPSTREAM_URL');
    const getColumn = readFileSync(mainJs, 'utf8').split('\n')[getJs - 1]!.indexOf('get(');
    expect(sources.original(mainJs, getJs - 1, getColumn)).toEqual({ file: path.join(root, 'src/main.ts'), line: lineOf(path.join(root, 'src/main.ts'), '.get(process.env.UPSTREAM_URL') });
    // A file without a map has no original position: the generated one stands.
    expect(sources.original(path.join(FIXTURES, 'workloads.mjs'), 9, 0)).toBeUndefined();
  });

  it("resolve sources through the map's sourceRoot, and leave a bundler's virtual sources (webpack://) unmapped", () => {
    const inline = (map: object): string => `export const one = 1;\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
    // "AAAA": generated line 1, column 1 comes from line 1, column 1 of the first source.
    writeFileSync(path.join(root, 'dist/rooted.js'), inline({ version: 3, sourceRoot: '../src', sources: ['work.ts'], names: [], mappings: 'AAAA' }));
    writeFileSync(path.join(root, 'dist/bundled.js'), inline({ version: 3, sources: ['webpack://app/./src/work.ts'], names: [], mappings: 'AAAA' }));
    const sources = new SourceFiles();
    expect(sources.original(path.join(root, 'dist/rooted.js'), 0, 0)).toEqual({ file: path.join(root, 'src/work.ts'), line: 1 });
    expect(sources.original(path.join(root, 'dist/bundled.js'), 0, 0)).toBeUndefined();
  });

  describe('strata probe on a compiled TypeScript service', () => {
    let report: ProbeReport;
    let upstream: Awaited<ReturnType<typeof slowUpstream>>;
    beforeAll(async () => {
      upstream = await slowUpstream(700);
      const run = await runProbe({
        command: [process.execPath, 'dist/main.js'],
        cwd: root,
        env: { ...process.env, UPSTREAM_URL: upstream.url },
        routes: [
          { method: 'GET', path: '/blocking' },
          { method: 'GET', path: '/outbound' },
        ],
        connections: 4,
        durationMs: 1500,
        attachOnly: false,
        startupTimeoutMs: 20_000,
      });
      report = diagnose(run);
    }, 120_000);
    afterAll(() => upstream?.close());

    it('names the blocking function at its line in src/*.ts, not in dist/*.js', () => {
      const blocking = report.findings.find((finding) => finding.kind === 'event-loop-blocking');
      expect(blocking, JSON.stringify(report.findings)).toBeDefined();
      expect(blocking!.culprit).toEqual({ function: 'countPrimes', file: 'src/work.ts', line: lineOf(path.join(root, 'src/work.ts'), 'export function countPrimes') });
      expect(report.routes[0]!.topFunctions[0]).toMatchObject({ function: 'countPrimes', file: 'src/work.ts' });
    });

    it('names the outbound call site in src/main.ts (an inline map)', () => {
      const slow = report.findings.find((finding) => finding.kind === 'slow-outbound')!;
      const site = `src/main.ts:${lineOf(path.join(root, 'src/main.ts'), '.get(process.env.UPSTREAM_URL')}`;
      expect(slow.what).toContain(`(called from ${site})`);
      expect(report.outbound.find((call) => call.kind === 'http')!.site).toBe(site);
    });
  });
});
