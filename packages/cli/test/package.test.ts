import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '@strata/core';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKED_HASH_PREFIX } from '../src/code-cache.js';
import { packAndInstall, run, type InstalledPackage } from './support/installed-package.js';

// Both figures are printed on every run; these bounds only catch a regression by an order of
// magnitude (a dependency pulled in by accident, tests or fixtures shipped). The tarball grows by a
// few KiB per rule (its code and doc page). The engine ships twice, as ES modules for the library API
// and as the CLI's CommonJS bundle that V8's code cache restores: about 1,140 KiB with 45 rules.
const MAX_TARBALL_KIB = 1500;
const MAX_DEPENDENCIES = 15;

const repoFile = (relative: string) => readFileSync(new URL(`../../../${relative}`, import.meta.url), 'utf8');
const TSC = new URL('../../../node_modules/typescript/bin/tsc', import.meta.url).pathname;

let pkg: InstalledPackage;
let fixture: string;

beforeAll(() => {
  pkg = packAndInstall();
  console.log(`${path.basename(pkg.tarball)}: ${(pkg.tarballBytes / 1024).toFixed(1)} KiB; install: ${pkg.dependencies.length} dependencies (${pkg.dependencies.join(', ')})`);
  fixture = path.join(pkg.home, 'shop');
  const files: Record<string, string> = {
    'package.json': '{"name":"shop","type":"module","dependencies":{"fastify":"^5.0.0"}}',
    'src/domain/cart.ts': "import { db } from '../infrastructure/db.js';\nexport const cart = db;\n",
    'src/infrastructure/db.ts': 'export const db = {};\n',
  };
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
    writeFileSync(path.join(fixture, file), content);
  }
}, 300_000);
afterAll(() => pkg?.remove());

describe('the packed strata package', () => {
  it('stays lean and holds only the CLI, the engine, the rule docs and the templates', () => {
    expect(pkg.tarballBytes / 1024).toBeLessThan(MAX_TARBALL_KIB);
    expect(pkg.dependencies.length).toBeLessThanOrEqual(MAX_DEPENDENCIES);
    const listed = run('tar', ['-tzf', pkg.tarball], pkg.home, pkg.env).stdout.trim().split('\n');
    const top = new Set(listed.map((entry) => entry.split('/')[1]));
    expect([...top].sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'bin', 'dist', 'docs', 'package.json', 'sampler', 'schema.json', 'templates']);
    expect(listed.filter((entry) => /\/(fixtures|node_modules|\.tmp|\.data|coverage)\/|\.map$|\.tsbuildinfo$/.test(entry))).toEqual([]);
    for (const rule of RULES) expect(listed).toContain(`package/docs/rules/${rule.meta.id}.md`);
    expect(listed).toContain('package/templates/fastify/strata.template.json');
    expect(listed).toContain('package/templates/express/strata.overlay.json');
  });

  // A single non-ASCII character makes V8 hold a whole script as a two-byte string: decoded from
  // UTF-8 and hashed for the code cache at twice the size at every start (pack.mjs, asciiOnly).
  it('ships its scripts as pure ASCII', () => {
    const scripts = (folder: string): string[] =>
      readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? scripts(path.join(folder, entry.name)) : /\.c?js$/.test(entry.name) ? [path.join(folder, entry.name)] : [],
      );
    const dist = scripts(path.join(pkg.packageDir, 'dist'));
    expect(dist.map((file) => path.relative(pkg.packageDir, file))).toContain('dist/cli.cjs');
    expect(dist.filter((file) => /[^\x00-\x7f]/.test(readFileSync(file, 'utf8'))).map((file) => path.relative(pkg.packageDir, file))).toEqual([]);
  });

  // The code cache's key takes a packed bundle's source hash from its first line (code-cache.ts).
  it('names the source of each bundle its code cache restores by its SHA-1, in the first line', () => {
    const vendor = readdirSync(path.join(pkg.packageDir, 'dist/vendor')).filter((file) => file.endsWith('.cjs'));
    expect(vendor.length).toBeGreaterThan(0);
    for (const bundle of ['dist/cli.cjs', ...vendor.map((file) => `dist/vendor/${file}`)]) {
      const text = readFileSync(path.join(pkg.packageDir, bundle), 'utf8');
      const firstLineEnd = text.indexOf('\n');
      expect(text.slice(0, firstLineEnd), bundle).toBe(`${PACKED_HASH_PREFIX}${createHash('sha1').update(text.slice(firstLineEnd + 1)).digest('hex')}`);
    }
  });

  it('has registry metadata, a bin with a shebang, typed exports and engines its whole dependency tree accepts', () => {
    const manifest = JSON.parse(readFileSync(path.join(pkg.packageDir, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ bin: { strata: 'bin/strata.js' }, license: 'MIT', type: 'module' });
    expect(manifest.name).not.toBe('strata');
    expect(manifest.description.length).toBeGreaterThan(40);
    expect(manifest.keywords).toEqual(expect.arrayContaining(['architecture', 'express', 'fastify', 'nestjs', 'sarif']));
    expect(manifest.engines.node).toBe(JSON.parse(repoFile('package.json')).engines.node);
    expect(readFileSync(path.join(pkg.packageDir, 'bin/strata.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    for (const target of [manifest.exports['.'].types, manifest.exports['.'].default, manifest.exports['./config'].types]) {
      expect(existsSync(path.join(pkg.packageDir, target))).toBe(true);
    }
    // No engine warning on any Node version the package claims: each dependency's range covers ours.
    for (const dependency of pkg.dependencies) {
      const engines = JSON.parse(readFileSync(path.join(pkg.project, 'node_modules', dependency, 'package.json'), 'utf8')).engines?.node;
      if (engines) expect(semver.subset(manifest.engines.node, engines), `${dependency} wants node ${engines}`).toBe(true);
    }
  });

  it('prints its version, reviews, gates, draws and explains from the installed bin', () => {
    const version = JSON.parse(readFileSync(path.join(pkg.packageDir, 'package.json'), 'utf8')).version;
    expect(pkg.strata(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    const review = pkg.strata(['review', fixture, '--format', 'json']);
    expect(review.code, review.stderr).toBe(0);
    expect(JSON.parse(review.stdout).findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(['layer-direction']);
    expect(pkg.strata(['check', fixture])).toMatchObject({ code: 1, stderr: expect.stringContaining('Gate failed: 1 error at or above') });
    expect(pkg.strata(['check', '.', '--update-baseline'], fixture).code).toBe(0);
    expect(pkg.strata(['check', '.', '--format', 'sarif', '--output', 'strata.sarif'], fixture).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(fixture, 'strata.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(pkg.strata(['graph', fixture]).stdout).toContain('domain (1 file)');
    expect(pkg.strata(['explain', 'layer-direction'])).toEqual({ code: 0, stdout: repoFile('docs/rules/layer-direction.md'), stderr: '' });
  });

  it("is what the README's first commands install and run: npx strata is this package's bin, not the registry's unrelated strata", () => {
    const [install, review] = /```sh\n(.*)\n(.*)\n```/.exec(repoFile('README.md'))!.slice(1).map((line) => line.replace(/\s+#.*$/, ''));
    expect(install).toBe(`npm install --save-dev ${pkg.name}`);
    expect(review).toBe('npx strata review .');
    // `--no`: npx must find the installed bin and never offer a registry download.
    const reviewed = run('npx', ['--no', ...review!.split(' ').slice(1, -1), path.relative(pkg.project, fixture), '--format', 'json'], pkg.project, pkg.env);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    expect(JSON.parse(reviewed.stdout).findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(['layer-direction']);
  });

  it("runs the documented workflow's gate as written, through npx, against the project's own strata", () => {
    const gate = /run: (npx --no strata check .*)/.exec(repoFile('docs/examples/github-workflow.yml'))![1]!.split(' ');
    const repo = path.join(pkg.project, 'gated');
    for (const file of ['package.json', 'src/domain/cart.ts', 'src/infrastructure/db.ts']) {
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      writeFileSync(path.join(repo, file), readFileSync(path.join(fixture, file)));
    }
    expect(run('npx', ['--no', 'strata', 'check', '.', '--update-baseline'], repo, pkg.env).code).toBe(0);
    const gated = run(gate[0]!, gate.slice(1), repo, { ...pkg.env, CI: 'true' });
    expect(gated.code, gated.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(repo, 'strata.sarif'), 'utf8')).runs[0].tool.driver.name).toMatch(/strata/i);
  });

  it("caches per-file results under the signature of the engine it was built from", async () => {
    const built = new URL('../../core/dist/project/engine-signature.js', import.meta.url).href;
    const { engineSignature } = (await import(built)) as { engineSignature(): string };
    const modules = readdirSync(path.join(pkg.packageDir, 'dist'))
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(path.join(pkg.packageDir, 'dist', file), 'utf8'))
      .join('\n');
    // Both the library's ES modules and the CLI's bundle.
    for (const bundle of [modules, readFileSync(path.join(pkg.packageDir, 'dist/cli.cjs'), 'utf8')]) {
      expect(bundle).toContain(`function engineSignature() {\n  return "${engineSignature()}";\n}`);
    }
    const stats = () => JSON.parse(pkg.strata(['review', fixture, '--format', 'json']).stdout).stats as { files: number; parsed: number; cached: number };
    stats();
    const warm = stats();
    expect(warm).toMatchObject({ parsed: 0, cached: warm.files });
    expect(warm.files).toBeGreaterThan(0);
  });

  it("starts from V8's code cache after the first run, with the same output, a TypeScript config and a damaged cache", () => {
    const project = path.join(pkg.home, 'code-cache');
    mkdirSync(path.join(project, 'src/domain'), { recursive: true });
    writeFileSync(path.join(project, 'package.json'), '{"name":"cached","type":"module","dependencies":{"express":"^5.0.0"}}');
    writeFileSync(path.join(project, 'src/domain/order.ts'), "import { pool } from '../infrastructure/pool.js';\nexport const order = pool;\n");
    mkdirSync(path.join(project, 'src/infrastructure'));
    writeFileSync(path.join(project, 'src/infrastructure/pool.ts'), 'export const pool = {};\n');
    // Imported at run time: code restored from the cache must still reach import() (through core's import-module).
    writeFileSync(path.join(project, 'strata.config.ts'), "const severity: 'warn' = 'warn';\nexport default { rules: { 'layer-direction': severity } };\n");
    const codeCache = path.join(pkg.env.XDG_CACHE_HOME!, 'strata/code');
    const review = () => {
      const result = pkg.strata(['review', project, '--format', 'json', '--no-cache']);
      expect(result.code, result.stderr).toBe(0);
      const { stats, ...rest } = JSON.parse(result.stdout) as { stats: unknown };
      expect(rest).toMatchObject({ findings: [{ ruleId: 'layer-direction', severity: 'warn' }] });
      return JSON.stringify(rest);
    };
    const cacheFiles = () => readdirSync(codeCache).filter((file) => file.startsWith('review.')).sort();
    const first = review();
    expect(cacheFiles()).toEqual([expect.stringMatching(/^review\.cli\.cjs\.v[\d.]+\.[0-9a-f]{20}\.bin$/), expect.stringMatching(/^review\.zod\.cjs\.v[\d.]+\.[0-9a-f]{20}\.bin$/)]);
    // A rewrite goes through a temporary file and a rename: a new inode (an accepted cache is only marked used).
    const stamps = () => cacheFiles().map((file) => statSync(path.join(codeCache, file)).ino);
    const written = stamps();
    // From the cache (an accepted cache is not written again), with the same output.
    expect(review()).toBe(first);
    expect(stamps()).toEqual(written);
    // A damaged cache is compiled from source and replaced.
    writeFileSync(path.join(codeCache, cacheFiles()[0]!), 'damaged');
    expect(review()).toBe(first);
    expect(statSync(path.join(codeCache, cacheFiles()[0]!)).size).toBeGreaterThan(100_000);
    // Nothing kept for what is not a command.
    expect(pkg.strata(['revew', project]).code).toBe(2);
    expect(pkg.strata(['--help']).code).toBe(0);
    expect(readdirSync(codeCache).filter((file) => !/^(review|check|graph|new|add|explain|probe)\./.test(file))).toEqual([]);
    // Off where Node's own compile cache is off.
    const off = mkdtempSync(path.join(pkg.home, 'no-code-cache-'));
    const uncached = run(path.join(pkg.project, 'node_modules/.bin/strata'), ['review', project, '--format', 'json', '--no-cache'], project, { ...pkg.env, XDG_CACHE_HOME: off, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(uncached.code, uncached.stderr).toBe(0);
    expect(readdirSync(off)).toEqual([]);
  });

  // Node's own code cache of node: modules is refused once the launcher has set V8's flags, so a module
  // first loaded after them is compiled from source (bin/strata.js): those every command loads come first.
  it("loads the node: modules every command needs before it sets V8's flags", () => {
    const recorder = path.join(pkg.home, 'record-loads.cjs');
    writeFileSync(
      recorder,
      [
        "const v8 = require('node:v8');",
        'const setFlags = v8.setFlagsFromString;',
        'let loadedBefore;',
        'v8.setFlagsFromString = (flags) => { loadedBefore ??= process.moduleLoadList.length; return setFlags(flags); };',
        "process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADS_FILE, JSON.stringify({ loadedBefore, after: process.moduleLoadList.slice(loadedBefore) })));",
      ].join('\n'),
    );
    const loadsFile = path.join(pkg.home, 'loads.json');
    const bin = path.join(pkg.packageDir, 'bin/strata.js');
    const result = run(process.execPath, ['-r', recorder, bin, 'review', fixture, '--format', 'json', '--no-cache'], fixture, { ...pkg.env, LOADS_FILE: loadsFile });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveProperty('findings');
    const { loadedBefore, after } = JSON.parse(readFileSync(loadsFile, 'utf8')) as { loadedBefore?: number; after: string[] };
    expect(loadedBefore).toBeGreaterThan(0);
    const preloaded = ['crypto', 'internal/crypto/hash', 'os', 'vm', 'fs/promises', 'internal/util/parse_args/parse_args'];
    expect(after.filter((entry) => preloaded.some((name) => entry === `NativeModule ${name}`))).toEqual([]);
  });
  it('scaffolds a service from the packaged templates, adds to it, and the result passes its own review', () => {
    const created = pkg.strata(['new', '--yes', 'billing']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Created billing in billing');
    const service = path.join(pkg.project, 'billing');
    expect(existsSync(path.join(service, 'src/bootstrap/container.ts'))).toBe(true);
    expect(existsSync(path.join(service, '.gitignore'))).toBe(true);
    const added = pkg.strata(['add', 'module', 'orders'], service);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('src/modules/orders/domain/entities/order.ts');
    expect(pkg.strata(['check', '.', '--fail-on', 'info'], service)).toMatchObject({ code: 0, stderr: '' });
    // Its Dockerfile and CI run `npm ci`, which needs a lockfile: the versions this repository's CI tested.
    const tested = JSON.parse(repoFile('package-lock.json')).packages as Record<string, { version: string }>;
    const expectTestedLock = (dir: string) => {
      const lock = JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8')).packages as Record<string, { version: string }>;
      const { dependencies, devDependencies } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      for (const name of Object.keys({ ...dependencies, ...devDependencies })) {
        const version = (tested[`templates/fastify/node_modules/${name}`] ?? tested[`node_modules/${name}`])?.version;
        expect(lock[`node_modules/${name}`]?.version, name).toBe(version);
      }
    };
    expectTestedLock(service);
    const express = pkg.strata(['new', '--yes', '--framework', 'express', 'ledger']);
    expect(express.code, express.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(pkg.project, 'ledger/package.json'), 'utf8')).dependencies).toHaveProperty('express');
    expectTestedLock(path.join(pkg.project, 'ledger'));
  });

  it('blocks a commit that brings a new finding, through the documented pre-commit hook', () => {
    const repo = path.join(pkg.project, 'hooked');
    const write = (file: string, content: string) => {
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      writeFileSync(path.join(repo, file), content);
    };
    write('package.json', '{"name":"hooked","type":"module","dependencies":{"express":"^5.0.0"}}');
    write('src/domain/cart.ts', 'export const cart = {};\n');
    write('src/infrastructure/db.ts', "import { cart } from '../domain/cart.js';\nexport const db = cart;\n");
    const git = (...args: string[]) => run('git', ['-c', 'user.name=Strata Test', '-c', 'user.email=test@example.invalid', ...args], repo, pkg.env);
    git('init', '-q');
    write('.git/hooks/pre-commit', repoFile('docs/examples/pre-commit'));
    chmodSync(path.join(repo, '.git/hooks/pre-commit'), 0o755);
    git('add', '.');
    expect(git('commit', '-q', '-m', 'clean layers').code).toBe(0);
    write('src/domain/order.ts', "import { db } from '../infrastructure/db.js';\nexport const order = db;\n");
    git('add', '.');
    const refused = git('commit', '-q', '-m', 'domain reaches into infrastructure');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Gate failed: 1 error at or above');
    expect(git('log', '--oneline').stdout.trim().split('\n')).toHaveLength(1);
  });

  it('probes a service with the packaged sampler and load generator', () => {
    const server = path.join(pkg.home, 'server.mjs');
    writeFileSync(server, "import http from 'node:http';\nhttp.createServer((req, res) => res.end('ok')).listen(0, '127.0.0.1');\n");
    // `--routes /`: this folder holds the projects the other tests generated, whose routes the probe would otherwise load.
    const probed = pkg.strata(['probe', '--routes', '/', '--duration', '1', '--format', 'json', '--', process.execPath, server]);
    expect(probed.code, probed.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(probed.stdout))).toContain('"GET /"');
  });

  it("exports the typed API: a TypeScript consumer compiles against the package's declarations", () => {
    const consumer = path.join(pkg.project, 'consumer.ts');
    writeFileSync(
      consumer,
      [
        "import { analyze, VERSION, type AnalysisResult } from 'strata-architect';",
        "import { configJsonSchema } from 'strata-architect/config';",
        'const result: Promise<AnalysisResult> = analyze({ root: "." });',
        'export const shown: string = VERSION;',
        'export { result, configJsonSchema };',
        '',
      ].join('\n'),
    );
    // A user's project without @types/node: the declarations must stand on the package's own dependencies.
    const options = { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: true, types: [] };
    writeFileSync(path.join(pkg.project, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: ['consumer.ts'] }));
    const compiled = run(process.execPath, [TSC, '-p', pkg.project], pkg.project, pkg.env);
    expect(compiled.code, compiled.stdout).toBe(0);
    const api = run(process.execPath, ['--input-type=module', '-e', "const { analyze, VERSION } = await import('strata-architect'); console.log(typeof analyze, VERSION)"], pkg.project, pkg.env);
    expect(api.stdout.trim()).toMatch(/^function \d+\.\d+\.\d+/);
  });
});
