import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Runs the packed CLI's CommonJS bundles from V8's code cache.
 *
 * Every start compiles the engine again: on Node 20, which has no compile cache of its own, that was a
 * fifth of a 46-file service's review. V8 can hand back the bytecode of a script, including the
 * functions a run compiled lazily, and take it again on the next start. A script restored that way
 * skips parsing and compiling what the last run of the same command compiled.
 *
 * The cache is a speed-up and nothing else: a missing, unreadable, corrupt or stale file is compiled
 * from source as before, and a folder that cannot be written leaves the run as it was. V8 checks its
 * own version, flags and the source's length before it accepts a cache; the file name adds a hash of
 * the source, the Node version and the command, so an upgrade or an edited bundle never meets an old
 * cache.
 */

/**
 * The first line the pack writes into each bundle: the SHA-1 of the rest of the file, taken once when
 * packing. Hashing the 0.9 MB CLI bundle at every start cost 13 M instructions, 2 % of a 46-file
 * service's review (bench/README.md).
 */
export const PACKED_HASH_PREFIX = '// strata-source-sha1: ';
const PACKED_HASH = /^\/\/ strata-source-sha1: ([0-9a-f]{40})\n/;

/** Caches of other versions of a bundle kept beside the current one (see evictOtherVersions). */
const OTHER_VERSIONS_KEPT = 2;

/** One bundle as loaded: its exports, and whether V8 took its code from the cache. */
export interface LoadedBundle {
  exports: Record<string, unknown>;
  fromCache: boolean;
}

export interface CodeCacheOptions {
  /** The folder for cache files, or null to compile from source without reading or writing any. */
  directory: string | null;
  /** What this run does (the CLI command): each keeps its own cache of the functions it compiles. */
  profile: string;
  /**
   * Required specifiers starting with this (`./vendor/`) are bundles beside the requiring one and load
   * through the cache too; any other specifier goes to Node's own `require`.
   */
  bundlePrefix?: string;
}

interface Entry {
  script: vm.Script;
  cacheFile: string | null;
  /** The cache held nothing V8 accepted: this run's compiled code is worth writing. */
  stale: boolean;
}

/** NODE_DISABLE_COMPILE_CACHE turns Node's own compile cache off; it turns this one off too. */
export function codeCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.NODE_DISABLE_COMPILE_CACHE) return null;
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'strata', 'code');
}

/** A command name as a file name part: anything else shares one profile. */
function profileName(command: string | undefined): string {
  return command && /^[a-z][a-z-]{0,30}$/.test(command) ? command : 'other';
}

function readCache(file: string | null): Buffer | undefined {
  if (!file) return undefined;
  try {
    const data = readFileSync(file);
    return data.length > 0 ? data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A loader for one run. `load` compiles a bundle (from the cache when it can) and runs it as Node
 * would run a CommonJS module; `save` writes the cache of every bundle whose cache was missing or
 * refused, after the run, so that it holds the functions the command compiled.
 */
export class CodeCache {
  private readonly entries: Entry[] = [];
  private readonly loaded = new Map<string, LoadedBundle>();
  private readonly profile: string;

  constructor(private readonly options: CodeCacheOptions) {
    this.profile = profileName(options.profile);
  }

  load(file: string): LoadedBundle {
    const known = this.loaded.get(file);
    if (known) return known;
    const source = readFileSync(file, 'utf8');
    const cacheFile = this.cacheFileFor(file, source);
    const cachedData = readCache(cacheFile);
    // The wrapper Node gives a CommonJS module, so the bundle sees the same five names.
    const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
    const script = new vm.Script(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}) });
    // Only an explicit `false` is an accepted cache (Node leaves it undefined for data it never offered V8).
    const fromCache = cachedData !== undefined && script.cachedDataRejected === false;
    this.entries.push({ script, cacheFile, stale: !fromCache });
    const module = { exports: {} as Record<string, unknown> };
    const bundle: LoadedBundle = { exports: module.exports, fromCache };
    this.loaded.set(file, bundle);
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run.call(module.exports, module.exports, this.requireFor(file), module, file, path.dirname(file));
    bundle.exports = module.exports;
    return bundle;
  }

  /** Writes the caches this run should leave; never throws (a cache is only ever a speed-up). */
  save(): void {
    for (const entry of this.entries) {
      if (!entry.cacheFile) continue;
      if (!entry.stale) {
        // Marks it used: the versions kept beside the current one are the ones used last.
        try {
          const now = new Date();
          utimesSync(entry.cacheFile, now, now);
        } catch {
          // a cache that cannot be touched is evicted sooner, nothing worse
        }
        continue;
      }
      try {
        const folder = path.dirname(entry.cacheFile);
        mkdirSync(folder, { recursive: true, mode: 0o700 });
        const temporary = `${entry.cacheFile}.${process.pid}.tmp`;
        writeFileSync(temporary, entry.script.createCachedData(), { mode: 0o600 });
        renameSync(temporary, entry.cacheFile);
        entry.stale = false;
        this.evictOtherVersions(entry.cacheFile);
      } catch {
        // a cache that cannot be written only costs speed next time
      }
    }
  }

  /**
   * `<profile>.<bundle>.<node version>.<hash>.bin`: the hash covers the source, the Node version and the
   * architecture. Each Node version keeps its own file, so that switching between two does not rewrite
   * the cache at every run. A packed bundle names its source by the hash written in its first line, with
   * the file's size and modification time beside it: an edit made after packing (a patch applied to
   * node_modules) moves the time, so it never meets the old cache either.
   */
  private cacheFileFor(file: string, source: string): string | null {
    if (!this.options.directory) return null;
    const packed = PACKED_HASH.exec(source);
    const hash = createHash('sha1');
    if (packed) {
      const { size, mtimeMs } = statSync(file);
      hash.update(`${packed[1]}\0${size}\0${mtimeMs}`);
    } else {
      hash.update(source);
    }
    hash.update('\0').update(process.version).update('\0').update(process.arch);
    return path.join(this.options.directory, `${this.profile}.${path.basename(file)}.${process.version}.${hash.digest('hex').slice(0, 20)}.bin`);
  }

  /**
   * A new engine version leaves the last one's caches behind: of the files of the same profile, bundle
   * and Node version, the two used most recently stay beside the current one and the rest go. Keeping
   * only the current one made two installed versions used in turn (a global one and a project's, or a
   * benchmark's reference build) delete each other's cache at every run and compile from source.
   */
  private evictOtherVersions(current: string): void {
    const folder = path.dirname(current);
    const name = path.basename(current);
    const prefix = name.slice(0, name.lastIndexOf('.', name.length - '.bin'.length - 1) + 1);
    const others = readdirSync(folder)
      .filter((other) => other !== name && other.startsWith(prefix) && other.endsWith('.bin'))
      .map((other) => ({ file: path.join(folder, other), usedAt: statSync(path.join(folder, other), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => b.usedAt - a.usedAt);
    for (const { file } of others.slice(OTHER_VERSIONS_KEPT)) rmSync(file, { force: true });
  }

  private requireFor(file: string): NodeJS.Require {
    const nodeRequire = createRequire(file);
    const prefix = this.options.bundlePrefix;
    const isBundle = (specifier: string) => prefix !== undefined && specifier.startsWith(prefix);
    const required = ((specifier: string) => (isBundle(specifier) ? this.load(path.resolve(path.dirname(file), specifier)).exports : nodeRequire(specifier))) as NodeJS.Require;
    return Object.assign(required, { resolve: nodeRequire.resolve, cache: nodeRequire.cache, main: nodeRequire.main, extensions: nodeRequire.extensions });
  }
}
