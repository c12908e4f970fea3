import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import type { FileAnalysis } from './file-analysis.js';

interface CacheEntry {
  hash: string;
  analysis: FileAnalysis;
}

interface CacheFile {
  signature: string;
  entries: Map<string, CacheEntry>;
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export function defaultCacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'strata');
}

/**
 * Per-file results keyed by content hash, one cache file per analysed root. The signature holds the
 * tool version and the rule set, so an upgrade or a new rule never reuses stale results.
 * Writes go to a temporary file then rename, so a killed run never leaves a torn cache.
 */
export class FileCache {
  private entries = new Map<string, CacheEntry>();
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly signature: string,
  ) {}

  static async open(directory: string, root: string, signature: string): Promise<FileCache> {
    const name = createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16);
    const cache = new FileCache(path.join(directory, `${name}.v8`), signature);
    try {
      const stored = v8.deserialize(await fs.readFile(cache.file)) as CacheFile;
      if (stored.signature === signature && stored.entries instanceof Map) cache.entries = stored.entries;
    } catch {
      // missing or unreadable cache: start empty
    }
    return cache;
  }

  get(relative: string, hash: string): FileAnalysis | undefined {
    const entry = this.entries.get(relative);
    return entry?.hash === hash ? entry.analysis : undefined;
  }

  set(relative: string, hash: string, analysis: FileAnalysis): void {
    this.entries.set(relative, { hash, analysis });
    this.dirty = true;
  }

  /** Drops entries of files that no longer exist, so the cache does not grow forever. */
  retain(relatives: ReadonlySet<string>): void {
    for (const key of this.entries.keys()) {
      if (!relatives.has(key)) {
        this.entries.delete(key);
        this.dirty = true;
      }
    }
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await fs.writeFile(temporary, v8.serialize({ signature: this.signature, entries: this.entries } satisfies CacheFile));
      await fs.rename(temporary, this.file);
    } catch {
      // a cache that cannot be written only costs speed next time
    }
  }
}
