import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyze, analyzeProject, startThreadsEarly, type RunInputs } from '../src/analyze.js';
import type { ParserThreads } from '../src/project/analyze-files.js';
import { cutTailFiner, defaultThreadsFrom } from '../src/project/analyze-files.js';
import { DEFAULT_CONFIG } from '../src/config/defaults.js';
import { createBaseline } from '../src/findings/baseline.js';
import { FileCache } from '../src/project/cache.js';
import { unanalysable } from '../src/project/file-analysis.js';
import { makeRepo, tempCacheDir } from './helpers/temp-repo.js';

function syntheticService(modules: number): Record<string, string> {
  const files: Record<string, string> = { 'package.json': '{"name":"svc","type":"module","dependencies":{"fastify":"^5.0.0"}}' };
  for (let i = 0; i < modules; i++) {
    const next = (i + 1) % modules;
    files[`src/modules/m${i}/domain/entity.ts`] = `export class Entity${i} { constructor(readonly id: string) {} }\n`;
    files[`src/modules/m${i}/application/use-case.ts`] =
      `import { Entity${i} } from '../domain/entity.js';\nimport { Entity${next} } from '../../m${next}/domain/entity.js';\nexport const run${i} = (id: string) => [new Entity${i}(id), new Entity${next}(id)];\n`;
  }
  files['src/modules/m0/domain/bad.ts'] = "import { run1 } from '../../m1/application/use-case.js';\nexport const bad = run1;\n";
  return files;
}

/** The 81 files of `syntheticService(40)` and `excluded` generated files its tsconfig leaves out of the program. */
function serviceWithExcludedTools(excluded: number): Record<string, string> {
  const files = syntheticService(40);
  files['tsconfig.json'] = JSON.stringify({ compilerOptions: { strict: true }, exclude: ['tools'] });
  for (let i = 0; i < excluded; i++) files[`tools/gen/step${i}.ts`] = `export const step${i} = ${i};\n`;
  return files;
}

describe('per-file cache', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reuses unchanged files, re-parses changed ones, and gives the same result', async () => {
    const root = makeRepo(syntheticService(20));
    const cache = tempCacheDir();
    const cold = await analyze({ root, cache });
    expect(cold.stats).toMatchObject({ files: 41, parsed: 41, cached: 0 });
    const warm = await analyze({ root, cache });
    expect(warm.stats).toMatchObject({ parsed: 0, cached: 41 });
    expect(warm.findings).toEqual(cold.findings);
    expect(warm.graph).toEqual(cold.graph);

    writeFileSync(path.join(root, 'src/modules/m3/domain/entity.ts'), 'export class Entity3 { constructor(readonly id: string, readonly v = 2) {} }\n');
    const changed = await analyze({ root, cache });
    expect(changed.stats).toMatchObject({ parsed: 1, cached: 40 });
  });

  it('stores the analyses parser threads send as JSON so that a warm run reads back exactly what a cold one computed', async () => {
    const root = makeRepo(syntheticService(150));
    const cache = tempCacheDir();
    const cold = await analyzeProject({ root, cache, maxWorkers: 2, threadsFrom: 100 });
    // Two parsers: the main thread and one thread.
    expect(cold.result.stats.workers).toBe(1);
    for (const name of readdirSync(cache).filter((file) => file.endsWith('.result.json'))) rmSync(path.join(cache, name));
    const warm = await analyzeProject({ root, cache, maxWorkers: 2, threadsFrom: 100 });
    expect(warm.result.stats).toMatchObject({ parsed: 0, cached: cold.result.stats.files });
    expect(warm.project.files).toEqual(cold.project.files);
    expect(warm.result.findings).toEqual(cold.result.findings);
  });

  it('writes the entries of unchanged files back as they were read, without serialising their analyses again', async () => {
    // Multi-byte UTF-8 in a path and in what an analysis keeps: the entries are cut from the file's bytes.
    const root = makeRepo({ ...syntheticService(10), 'src/modules/m0/domain/café.ts': "// clé → valeur\nexport const label = 'déjà vu';\n" });
    const cache = tempCacheDir();
    await analyze({ root, cache });
    const cacheFile = () => path.join(cache, readdirSync(cache).find((name) => /^[0-9a-f]{16}\.json$/.test(name))!);
    const entryLines = () => new Map(readFileSync(cacheFile(), 'utf8').split('\n').slice(1, -1).map((line) => [JSON.parse(line.slice(0, -1))[0] as string, line]));
    const before = entryLines();
    expect(before.size).toBe(22);
    // The file is still one JSON value.
    expect(JSON.parse(readFileSync(cacheFile(), 'utf8')).entries).toHaveLength(23);

    const edited = 'src/modules/m3/domain/entity.ts';
    writeFileSync(path.join(root, edited), 'export class Entity3 { constructor(readonly id: string, readonly v = 2) {} }\n');
    const stringify = vi.spyOn(JSON, 'stringify');
    const changed = await analyze({ root, cache });
    expect(changed.stats).toMatchObject({ parsed: 1, cached: 21 });
    const analysesSerialised = stringify.mock.calls.filter(([value]) => typeof value === 'object' && value !== null && 'imports' in value && 'facts' in value);
    expect(analysesSerialised).toHaveLength(1);
    const after = entryLines();
    for (const [file, line] of before) if (file !== edited) expect(after.get(file)).toBe(line);
    expect(after.get(edited)).not.toBe(before.get(edited));
    // And it reads back: nothing parsed again.
    rmSync(path.join(cache, readdirSync(cache).find((name) => name.endsWith('.result.json'))!));
    const reread = await analyze({ root, cache });
    expect(reread.stats).toMatchObject({ parsed: 0, cached: 22 });
    expect(reread.findings).toEqual(changed.findings);
  });

  it('holds the analyses as they were when saving began, whatever changes them while the file is written', async () => {
    const cache = tempCacheDir();
    const root = makeRepo({ 'a.ts': 'export const a = 1;\n' });
    const stamp = { size: 20, mtimeMs: 1 };
    const writing = await FileCache.open(cache, root, 'signature');
    const analysis = unanalysable('as it was');
    writing.set('a.ts', 'hash-a', stamp, analysis);
    const saved = writing.save();
    // The rules run while the file is written: a change made now must not reach it.
    analysis.problem!.message = 'changed after';
    await saved;
    const reading = await FileCache.open(cache, root, 'signature');
    expect(reading.get('a.ts', 'hash-a', stamp)?.problem?.message).toBe('as it was');
  });

  it('keeps answers derived from a file while its content is unchanged, and drops them when it changes or goes', async () => {
    const cache = tempCacheDir();
    const root = makeRepo({ 'a.ts': 'export const a = 1;\n' });
    const stamp = { size: 20, mtimeMs: 1 };
    const first = await FileCache.open(cache, root, 'signature');
    first.set('a.ts', 'hash-1', stamp, unanalysable('a'));
    first.set('b.ts', 'hash-b', stamp, unanalysable('b'));
    first.setDerived('a.ts', 'question', [['./x', 'all']]);
    first.setDerived('b.ts', 'question', null);
    first.setDerived('unknown.ts', 'question', 'ignored');
    expect(first.derived('unknown.ts', 'question')).toBeUndefined();
    await first.save();

    const second = await FileCache.open(cache, root, 'signature');
    expect(second.derived('a.ts', 'question')).toEqual([['./x', 'all']]);
    expect(second.derived('b.ts', 'question')).toBeNull();
    expect(second.derived('a.ts', 'another question')).toBeUndefined();
    // a.ts edited, b.ts removed: neither old answer is kept.
    second.set('a.ts', 'hash-2', stamp, unanalysable('a'));
    second.retain(new Set(['a.ts']));
    expect(second.derived('a.ts', 'question')).toBeUndefined();
    await second.save();
    expect(readFileSync(path.join(cache, readdirSync(cache).find((name) => /^[0-9a-f]{16}\.json$/.test(name))!), 'utf8')).not.toContain('"derived"');
  });

  it('does not parse an unchanged file again to tell which imports TypeScript erases, and finds the same graph', async () => {
    const root = makeRepo({
      'package.json': '{"name":"svc","dependencies":{"express":"^4.0.0"}}',
      'src/domain/profile.ts': "import { Settings } from './settings';\nexport interface Profile { settings: Settings }\nexport const profileName = 'p';\n",
      'src/domain/settings.ts': "import { Profile } from './profile';\nexport interface Settings { owner: Profile }\n",
      'src/domain/order.ts': "import { total } from './price';\nexport const order = () => total();\n",
      'src/domain/price.ts': "import { order } from './order';\nexport const total = () => 1;\nexport const again = order;\n",
      'src/app.ts': "import { profileName } from './domain/profile';\nimport { order } from './domain/order';\nexport const app = [profileName, order];\n",
    });
    const cache = tempCacheDir();
    const edges = (result: Awaited<ReturnType<typeof analyze>>) => result.graph.edges.map((edge) => `${edge.from} -${edge.kind}-> ${edge.to}`).sort();
    await analyze({ root, cache });
    writeFileSync(path.join(root, 'src/app.ts'), "import { profileName } from './domain/profile';\nimport { order } from './domain/order';\nexport const app = [profileName, order, 1];\n");
    const parse = vi.spyOn(await import('../src/project/value-imports.js'), 'valueImportSpecifiers');
    const edited = await analyze({ root, cache });
    // Every file the graph asks about is unchanged but app.ts, which the lookup is not asked about here.
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    expect(edited.stats).toMatchObject({ parsed: 1 });
    const fresh = await analyze({ root, cache: false });
    expect(edges(edited)).toEqual(edges(fresh));
    expect(edges(fresh)).toContain('src/domain/settings.ts -type-only-> src/domain/profile.ts');
    expect(edited.findings).toEqual(fresh.findings);
  });

  it('keeps module resolutions while the file layout is unchanged and drops them when a file appears', async () => {
    const root = makeRepo({ 'src/app.ts': "import { helper } from './helper';\nexport const run = helper;\n", 'src/helper/index.ts': 'export const helper = 1;\n' });
    const cache = tempCacheDir();
    const first = await analyze({ root, cache });
    expect(first.graph.edges.map((edge) => edge.to)).toEqual(['src/helper/index.ts']);
    writeFileSync(path.join(root, 'src/app.ts'), "import { helper } from './helper';\nexport const run = () => helper;\n");
    expect((await analyze({ root, cache })).graph.edges.map((edge) => edge.to)).toEqual(['src/helper/index.ts']);
    // A new file that the same specifier now resolves to must win over the cached answer.
    writeFileSync(path.join(root, 'src/helper.ts'), 'export const helper = 2;\n');
    expect((await analyze({ root, cache })).graph.edges.map((edge) => edge.to)).toEqual(['src/helper.ts']);
  });

  it('reuses the last graph only while no file and no layer setting changed', async () => {
    const root = makeRepo({ 'src/core/order.ts': "import { db } from '../adapters/db.js';\nexport const order = db;\n", 'src/adapters/db.ts': 'export const db = 1;\n' });
    const cache = tempCacheDir();
    const first = await analyze({ root, cache });
    expect(first.graph.modules.find((node) => node.id === 'src/core/order.ts')?.layer).toBeUndefined();
    const config = { ...DEFAULT_CONFIG, layers: { patterns: { domain: ['src/core/**'], infrastructure: ['src/adapters/**'] } } };
    const reconfigured = await analyze({ root, cache, config });
    expect(reconfigured.graph.modules.find((node) => node.id === 'src/core/order.ts')?.layer).toBe('domain');
    expect(reconfigured.findings.map((finding) => finding.ruleId)).toEqual(['layer-direction']);
    const again = await analyze({ root, cache, config });
    expect(again.stats).toMatchObject({ parsed: 0, cached: 2 });
    expect(again.graph).toEqual(reconfigured.graph);
  });

  it('removes cache files of roots not analysed for a month, and keeps recent ones', async () => {
    const cache = tempCacheDir();
    const stale = path.join(cache, '0123456789abcdef.json');
    const recent = path.join(cache, 'fedcba9876543210.json');
    writeFileSync(stale, '{}');
    writeFileSync(recent, '{}');
    const old = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    utimesSync(stale, old, old);
    await analyze({ root: makeRepo({ 'src/a.ts': 'export const a = 1;\n' }), cache });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(recent)).toBe(true);
  });

  it('parses in worker threads beside the main thread when there are many files, with results identical to one thread', async () => {
    const root = makeRepo(syntheticService(150));
    const single = await analyze({ root, cache: false, maxWorkers: 1 });
    expect(single.stats.workers).toBe(0);
    expect(single.findings.map((finding) => finding.ruleId)).toContain('layer-direction');
    // The main thread is one of the parsers: N parsers start N - 1 threads.
    for (const [maxWorkers, threads] of [[2, 1], [3, 2]] as const) {
      const threaded = await analyze({ root, cache: false, maxWorkers, threadsFrom: 100 });
      expect(threaded.stats.workers).toBe(threads);
      expect(threaded.graph).toEqual(single.graph);
      expect(threaded.findings).toEqual(single.findings);
    }
  });
});

describe('parser threads', () => {
  it('start only from the threshold of files to parse: below it the main thread parses alone', async () => {
    const root = makeRepo(syntheticService(150));
    const below = await analyze({ root, cache: false, maxWorkers: 2, threadsFrom: 10_000 });
    const above = await analyze({ root, cache: false, maxWorkers: 2, threadsFrom: 50 });
    expect([below.stats.workers, above.stats.workers]).toEqual([0, 1]);
    expect(above.findings).toEqual(below.findings);
  });

  it('start on a first run with enough files in scope, not for the files the scope drops, and not when a cache exists', async () => {
    // 81 files in scope and 90 the tsconfig excludes (a front-end, generated code).
    const root = makeRepo(serviceWithExcludedTools(90));
    const single = await analyze({ root, cache: false, maxWorkers: 1 });
    expect(single.stats.files).toBe(81);
    // Above the threshold only with the excluded files counted: no thread.
    const scoped = await analyze({ root, cache: tempCacheDir(), maxWorkers: 2, threadsFrom: 100 });
    expect(scoped.stats.workers).toBe(0);
    const cache = tempCacheDir();
    const first = await analyze({ root, cache, maxWorkers: 2, threadsFrom: 80 });
    const uncached = await analyze({ root, cache: false, maxWorkers: 2, threadsFrom: 80 });
    expect([first.stats.workers, uncached.stats.workers]).toEqual([1, 1]);
    expect(first.findings).toEqual(single.findings);
    expect(first.graph).toEqual(single.graph);
    // With a cache the run counts what it has to parse (one changed file): no thread starts.
    writeFileSync(path.join(root, 'src/modules/m3/domain/entity.ts'), 'export class Entity3 { constructor(readonly id: string, readonly at = 0) {} }\n');
    const edited = await analyze({ root, cache, maxWorkers: 2, threadsFrom: 80 });
    expect([edited.stats.parsed, edited.stats.workers]).toEqual([1, 0]);
  });

  it('fail the run with a clear error when a thread stops before it is closed, instead of waiting for it forever', async () => {
    const { ParsePool } = await import('../src/project/worker-pool.js');
    const pool = new ParsePool(1);
    const [worker] = [...(pool as unknown as { running: Map<import('node:worker_threads').Worker, unknown> }).running.keys()];
    await worker!.terminate();
    await expect(pool.parse([])).rejects.toThrow(/parser worker stopped/);
    await pool.close();
  });

  it('start before the scope is known on a first run of a repository listing twice the bar in source files, never when a cache exists', async () => {
    const root = makeRepo(syntheticService(40));
    const listing = (count: number): RunInputs => ({
      engine: 'test',
      root,
      config: DEFAULT_CONFIG,
      discovery: { sourceFiles: Array.from({ length: count }, (_, index) => path.join(root, `src/f${index}.ts`)), allFiles: [], via: 'walk' },
    });
    const startedFor = async (count: number, cache: string | false): Promise<boolean> => {
      const threads: ParserThreads = { parsers: 2, from: 100 };
      await startThreadsEarly({ root, cache, maxWorkers: 2, threadsFrom: 100 }, listing(count), threads);
      await threads.started?.close();
      return threads.started !== undefined;
    };
    const cache = tempCacheDir();
    // Twice the bar: the scope may yet drop a front-end's share of the listing.
    expect([await startedFor(200, cache), await startedFor(199, cache), await startedFor(200, false)]).toEqual([true, false, true]);
    // A run that left a per-file cache may reuse it: what it has to parse is only known later.
    await analyze({ root, cache, maxWorkers: 1 });
    expect(await startedFor(200, cache)).toBe(false);
    // With one parser there is no thread to start.
    const threads: ParserThreads = { parsers: 1, from: 1 };
    await startThreadsEarly({ root, cache: false }, listing(500), threads);
    expect(threads.started).toBeUndefined();
  });

  it('are closed unused when started before the scope and the scope leaves too few files for them', async () => {
    // 81 files in scope and 140 the tsconfig excludes: 221 listed, over twice the bar of 100.
    const root = makeRepo(serviceWithExcludedTools(140));
    const single = await analyze({ root, cache: false, maxWorkers: 1 });
    const retired = await analyze({ root, cache: tempCacheDir(), maxWorkers: 2, threadsFrom: 100 });
    expect([retired.stats.files, retired.stats.workers]).toEqual([81, 0]);
    expect(retired.findings).toEqual(single.findings);
    expect(retired.graph).toEqual(single.graph);
  });

  it('get the last files in finer batches, every file kept once and in order', () => {
    const files = Array.from({ length: 250 }, (_, index) => index);
    const batches = [files.slice(0, 48), files.slice(48, 96), files.slice(96, 144), files.slice(144, 192), files.slice(192, 240), files.slice(240)];
    cutTailFiner(batches, 60, 8);
    expect(batches.flat()).toEqual(files);
    // The tail reaches back whole batches until it holds at least 60 files: the last two hold 58, so it takes three (106 files).
    expect(batches.map((batch) => batch.length)).toEqual([48, 48, 48, ...Array<number>(13).fill(8), 2]);
    const few = [[1, 2, 3]];
    cutTailFiner(few, 60, 8);
    expect(few).toEqual([[1, 2, 3]]);
    const none: number[][] = [];
    cutTailFiner(none);
    expect(none).toEqual([]);
  });

  it('start from 500 files on two CPUs or fewer and from 200 above', () => {
    expect(defaultThreadsFrom()).toBe(os.availableParallelism() <= 2 ? 500 : 200);
  });
});

describe('rules turned off', () => {
  it('run no visitor on any file, in threads or not, and a cache written with them on is not reused', async () => {
    const files = { ...syntheticService(110), 'src/routes.ts': "export function create(req: { body: { name: string } }) {\n  return req.body.name;\n}\n" };
    const root = makeRepo(files);
    const cache = tempCacheDir();
    const on = await analyzeProject({ root, cache });
    expect(on.project.files.get('src/routes.ts')!.reports['missing-input-validation']).toHaveLength(1);
    const config = { ...DEFAULT_CONFIG, rules: { 'missing-input-validation': 'off' as const } };
    for (const maxWorkers of [1, 2]) {
      // The first run finds the cache written with the rule on; the second parses in threads with no cache.
      const off = await analyzeProject({ root, cache: maxWorkers === 1 ? cache : false, config, maxWorkers, threadsFrom: 100 });
      expect(off.result.stats.parsed, 'nothing reused from a cache written with the rule on').toBe(off.result.stats.files);
      expect([...off.project.files.entries()].filter(([, analysis]) => 'missing-input-validation' in analysis.reports).map(([file]) => `${maxWorkers}:${file}`)).toEqual([]);
      expect(off.result.graph).toEqual(on.result.graph);
    }
  });
});

describe('fingerprints', () => {
  it('survive lines inserted above a finding and change when the offending code changes', async () => {
    const files = syntheticService(3);
    const root = makeRepo(files);
    const fingerprintOf = async () =>
      (await analyze({ root, cache: false })).findings.find((finding) => finding.ruleId === 'layer-direction' && finding.file === 'src/modules/m0/domain/bad.ts');
    const before = await fingerprintOf();
    writeFileSync(path.join(root, 'src/modules/m0/domain/bad.ts'), `// a comment\n\n${files['src/modules/m0/domain/bad.ts']}`);
    const shifted = await fingerprintOf();
    expect(shifted!.line).toBe(before!.line + 2);
    expect(shifted!.fingerprint).toBe(before!.fingerprint);
    writeFileSync(path.join(root, 'src/modules/m0/domain/bad.ts'), "import { run2 } from '../../m2/application/use-case.js';\nexport const bad = run2;\n");
    expect((await fingerprintOf())!.fingerprint).not.toBe(before!.fingerprint);
  });
});

describe('whole-result reuse', () => {
  const service = {
    'package.json': '{"name":"svc","type":"module","dependencies":{"express":"^4.21.0"}}',
    'src/domain/order.ts': "import { db } from '../infrastructure/db.js';\nexport const order = db;\n",
    'src/infrastructure/db.ts': 'export const db = 1;\n',
  };

  it('returns the last result when no input changed, without the per-file cache, and applies the baseline afresh', async () => {
    const root = makeRepo(service);
    const cache = tempCacheDir();
    const cold = await analyze({ root, cache });
    expect(cold.stats.reused).toBeUndefined();
    // The per-file cache is not read: removing it changes nothing while the inputs are the same.
    for (const name of readdirSync(cache)) if (!name.includes('.result.')) rmSync(path.join(cache, name));
    const warm = await analyze({ root, cache });
    expect(warm.stats).toMatchObject({ reused: true, parsed: 0, cached: cold.stats.files });
    expect(warm.findings).toEqual(cold.findings);
    expect(warm.graph).toEqual(cold.graph);
    expect(warm.context).toEqual(cold.context);
    const baselined = await analyze({ root, cache, baseline: createBaseline(cold.findings) });
    expect(baselined.stats.reused).toBe(true);
    expect(baselined.findings).toEqual([]);
    expect(baselined.baselined).toBe(cold.findings.length);
  });

  it('runs again when a source file, a file that is not source (a Dockerfile), the file list or the config changes', async () => {
    const root = makeRepo(service);
    const cache = tempCacheDir();
    const first = await analyze({ root, cache });
    expect(first.findings.map((finding) => finding.ruleId)).toContain('layer-direction');

    writeFileSync(path.join(root, 'src/domain/order.ts'), 'export const order = 1;\n');
    const edited = await analyze({ root, cache });
    expect(edited.stats.reused).toBeUndefined();
    expect(edited.findings.map((finding) => finding.ruleId)).not.toContain('layer-direction');
    expect((await analyze({ root, cache })).stats.reused).toBe(true);

    writeFileSync(path.join(root, 'Dockerfile'), 'FROM node:22\nCOPY . .\nRUN npm install\nCMD ["node", "src/index.js"]\n');
    expect((await analyze({ root, cache })).stats.reused).toBeUndefined();

    writeFileSync(path.join(root, 'src/domain/extra.ts'), 'export const extra = 2;\n');
    const added = await analyze({ root, cache });
    expect(added.stats.reused).toBeUndefined();
    expect(added.stats.files).toBe(edited.stats.files + 1);

    const config = { ...DEFAULT_CONFIG, rules: { ...DEFAULT_CONFIG.rules, 'layer-direction': 'off' as const } };
    expect((await analyze({ root, cache, config })).stats.reused).toBeUndefined();
    expect((await analyze({ root, cache, config })).stats.reused).toBe(true);
    expect((await analyze({ root, cache: false })).stats.reused).toBeUndefined();
  });
});
