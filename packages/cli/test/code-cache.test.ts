import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCacheDirectory, PACKED_HASH_PREFIX } from '../src/code-cache.js';
import { tempDir } from './run-cli.js';

/** A bundle that requires a vendored one (whose module.exports is replaced, as autocannon's is). */
function bundles(): { main: string; cache: string } {
  const root = tempDir({
    'dist/main.cjs': "const double = require('./vendor/double.cjs');\nexports.answer = function answer(n) { return double(n) + 1; };\nexports.where = __filename;\n",
    'dist/vendor/double.cjs': 'module.exports = function double(n) { return n * 2; };\n',
  });
  return { main: path.join(root, 'dist/main.cjs'), cache: path.join(root, 'cache') };
}

const LOADER = new URL('../dist/code-cache.js', import.meta.url).href;

interface Loaded {
  fromCache: boolean;
  vendorFromCache: boolean;
  answer: number;
  where: string;
}

/**
 * Loads the bundle in a process of its own, as each CLI run does: inside one process V8 answers a
 * second compilation of the same source from its in-memory cache, whatever the file holds.
 */
function load(main: string, cache: string | null, { profile = 'review', input = 2 } = {}): Loaded {
  const script = `
    import path from 'node:path';
    const { CodeCache } = await import(${JSON.stringify(LOADER)});
    const loader = new CodeCache({ directory: ${JSON.stringify(cache)}, profile: ${JSON.stringify(profile)}, bundlePrefix: './vendor/' });
    const bundle = loader.load(${JSON.stringify(main)});
    const vendor = loader.load(path.join(path.dirname(${JSON.stringify(main)}), 'vendor/double.cjs'));
    const answer = bundle.exports.answer(${input});
    loader.save();
    console.log(JSON.stringify({ fromCache: bundle.fromCache, vendorFromCache: vendor.fromCache, answer, where: bundle.exports.where }));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Loaded;
}

const mainCaches = (cache: string) => readdirSync(cache).filter((name) => name.includes('.main.'));

describe('the code cache the packed CLI starts from', () => {
  it('compiles from source on the first run, writes the cache after it, and restores the next run from it', () => {
    const { main, cache } = bundles();
    expect(load(main, cache)).toEqual({ fromCache: false, vendorFromCache: false, answer: 5, where: main });
    const files = readdirSync(cache).sort();
    expect(files).toEqual([expect.stringMatching(/^review\.double\.cjs\.v\d+\.\d+\.\d+\.[0-9a-f]{20}\.bin$/), expect.stringMatching(/^review\.main\.cjs\.v\d+\.\d+\.\d+\.[0-9a-f]{20}\.bin$/)]);
    // A rewrite goes through a temporary file and a rename: a new inode.
    const written = files.map((file) => statSync(path.join(cache, file)).ino);

    expect(load(main, cache, { input: 20 })).toEqual({ fromCache: true, vendorFromCache: true, answer: 41, where: main });
    // Accepted caches are not written again (only marked used).
    expect(files.map((file) => statSync(path.join(cache, file)).ino)).toEqual(written);
  });

  it('never runs an old cache for an edited bundle, even one of the same length (V8 itself would accept it)', () => {
    const { main, cache } = bundles();
    const original = readFileSync(main, 'utf8');
    load(main, cache);
    writeFileSync(main, original.replace('double(n) + 1', 'double(n) + 7'));
    expect(load(main, cache)).toMatchObject({ fromCache: false, answer: 11 });
    expect(mainCaches(cache)).toHaveLength(2);
    expect(load(main, cache)).toMatchObject({ fromCache: true, answer: 11 });
  });

  it('keys a packed bundle by the source hash in its first line, its size and its time: an edit or another version compiles afresh', () => {
    const { main, cache } = bundles();
    const body = readFileSync(main, 'utf8');
    const packed = (text: string) => `${PACKED_HASH_PREFIX}${createHash('sha1').update(text).digest('hex')}\n${text}`;
    const packedAt = new Date('1985-10-26T08:15:00Z');
    writeFileSync(main, packed(body));
    utimesSync(main, packedAt, packedAt);
    expect(load(main, cache)).toMatchObject({ fromCache: false, answer: 5 });
    expect(load(main, cache)).toMatchObject({ fromCache: true, answer: 5 });
    // Patched in place after packing: same length, same first line, a new modification time.
    const patched = readFileSync(main, 'utf8').replace('double(n) + 1', 'double(n) + 7');
    writeFileSync(main, patched);
    utimesSync(main, new Date('2026-01-02T03:04:05Z'), new Date('2026-01-02T03:04:05Z'));
    expect(load(main, cache)).toMatchObject({ fromCache: false, answer: 11 });
    expect(load(main, cache)).toMatchObject({ fromCache: true, answer: 11 });
    // Another version installed as npm installs: same length, the same fixed time, its own hash.
    writeFileSync(main, packed(body.replace('double(n) + 1', 'double(n) + 3')));
    utimesSync(main, packedAt, packedAt);
    expect(load(main, cache)).toMatchObject({ fromCache: false, answer: 7 });
    expect(load(main, cache)).toMatchObject({ fromCache: true, answer: 7 });
  });

  it('keeps the caches of the versions used last, so that two versions used in turn do not evict each other', () => {
    const { main, cache } = bundles();
    const original = readFileSync(main, 'utf8');
    const version = (n: number) => writeFileSync(main, original.replace('double(n) + 1', `double(n) + ${n}`));
    version(1);
    load(main, cache);
    version(2);
    load(main, cache);
    // Back and forth: each finds its own cache.
    version(1);
    expect(load(main, cache)).toMatchObject({ fromCache: true, answer: 5 });
    version(2);
    expect(load(main, cache)).toMatchObject({ fromCache: true, answer: 6 });
    // Version 3 arrives, then 1 is used again, then 4 arrives: 2, used longest ago, is the one evicted
    // (by last use, not by when a cache was written).
    version(3);
    load(main, cache);
    version(1);
    expect(load(main, cache)).toMatchObject({ fromCache: true, answer: 5 });
    version(4);
    load(main, cache);
    expect(mainCaches(cache)).toHaveLength(3);
    version(1);
    expect(load(main, cache)).toMatchObject({ fromCache: true, answer: 5 });
    version(3);
    expect(load(main, cache)).toMatchObject({ fromCache: true, answer: 7 });
    version(2);
    expect(load(main, cache)).toMatchObject({ fromCache: false, answer: 6 });
  });

  it('compiles a corrupt, truncated or empty cache from source, then replaces it', () => {
    const { main, cache } = bundles();
    load(main, cache);
    const file = path.join(cache, mainCaches(cache)[0]!);
    const valid = readFileSync(file);
    for (const damaged of [Buffer.from('not a code cache at all'), valid.subarray(0, valid.length >> 1), Buffer.alloc(0)]) {
      writeFileSync(file, damaged);
      expect(load(main, cache, { input: 3 })).toMatchObject({ fromCache: false, answer: 7 });
      expect(load(main, cache, { input: 3 })).toMatchObject({ fromCache: true, answer: 7 });
    }
  });

  it('keeps one cache per command, and a command name that is not one shares a single profile', () => {
    const { main, cache } = bundles();
    load(main, cache, { profile: 'review' });
    expect(load(main, cache, { profile: 'graph' }).fromCache).toBe(false);
    load(main, cache, { profile: '../../etc/passwd' });
    expect(mainCaches(cache).map((name) => name.split('.')[0]).sort()).toEqual(['graph', 'other', 'review']);
    expect(load(main, cache, { profile: '--version' }).fromCache).toBe(true);
  });

  it('runs as before when the folder cannot be written, or when the cache is off', () => {
    const { main, cache } = bundles();
    mkdirSync(path.dirname(cache), { recursive: true });
    writeFileSync(cache, 'a file where the folder should be');
    expect(load(main, cache)).toMatchObject({ fromCache: false, answer: 5 });
    expect(readFileSync(cache, 'utf8')).toBe('a file where the folder should be');

    const off = bundles();
    expect(load(off.main, null)).toMatchObject({ fromCache: false, answer: 5 });
    expect(readdirSync(path.dirname(off.main)).sort()).toEqual(['main.cjs', 'vendor']);
  });

  it('lives in the user cache folder, and is off where Node is told to keep no compile cache', () => {
    expect(codeCacheDirectory({ XDG_CACHE_HOME: '/somewhere' })).toBe(path.join('/somewhere', 'strata', 'code'));
    expect(codeCacheDirectory({})).toBe(path.join(os.homedir(), '.cache', 'strata', 'code'));
    expect(codeCacheDirectory({ XDG_CACHE_HOME: '/somewhere', NODE_DISABLE_COMPILE_CACHE: '1' })).toBeNull();
  });
});
