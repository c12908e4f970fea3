import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileAnalysis } from './file-analysis.js';

interface CacheEntry {
  hash: string;
  size: number;
  mtimeMs: number;
  analysis: FileAnalysis;
  /**
   * The analysis as JSON, saved as is instead of serialised again: the text a parser thread sent, or
   * the bytes the cache file held (never decoded again for writing).
   */
  json?: string | Buffer;
  /** The whole entry as the cache file held it, while nothing of it changed: written back byte for byte. */
  line?: Buffer;
}

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/**
 * On disk as JSON (V8 parses JSON about twice as fast as it deserialises the same data), one entry per
 * line: the header, each entry, then the closing line with the resolutions. Each entry is read apart
 * and keeps its analysis's text, so a run that changed a few files writes the others back as they were
 * instead of serialising every analysis again (novu, one file edited: 74 ms of the main thread and the
 * garbage it made).
 */
interface CacheFile {
  signature: string;
  entries: [string, CacheEntry][];
  /** Module resolutions, valid while the file layout and the resolution inputs are unchanged. */
  resolutions?: { key: string; answers: [string, unknown][] };
  /** Derived answers about one file's content (see `derived`), under `path NUL hash NUL question`. */
  derived?: [string, unknown][];
}

/** Cache files of roots not analysed for this long are removed when another cache is saved. */
const STALE_AFTER_MS = 30 * 24 * 60 * 60 * 1000;

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export function defaultCacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'strata');
}

/** The folder the `cache` option names: its own path, else the default one. */
export function cacheDirectoryOf(cache: boolean | string | undefined): string {
  return typeof cache === 'string' ? cache : defaultCacheDirectory();
}

/**
 * Whether a run with this `cache` option is a first one for the root: the cache is off, or holds
 * nothing for it, so every file in scope is parsed (what decides starting parser threads early).
 */
export function isFirstRun(cache: boolean | string | undefined, root: string): boolean {
  return cache === false || !FileCache.existsFor(cacheDirectoryOf(cache), root);
}

/**
 * Per-file results keyed by content hash, one cache file per analysed root. Size and modification
 * time are checked first so an unchanged file is not even read; the hash decides when they differ. The signature holds the
 * tool version and the rule set, so an upgrade or a new rule never reuses stale results.
 * Writes go to a temporary file then rename, so a killed run never leaves a torn cache.
 */
export class FileCache {
  private entries = new Map<string, CacheEntry>();
  private resolutions: { key: string; answers: Map<string, unknown> } | undefined;
  private derivedAnswers = new Map<string, unknown>();
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly signature: string,
  ) {}

  /** Where the cache of a root is kept. */
  private static fileFor(directory: string, root: string): string {
    const name = createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16);
    return path.join(directory, `${name}.json`);
  }

  /** Whether a root has a cache at all: without one, every file is parsed (a first run). */
  static existsFor(directory: string, root: string): boolean {
    return existsSync(FileCache.fileFor(directory, root));
  }

  static async open(directory: string, root: string, signature: string): Promise<FileCache> {
    const cache = new FileCache(FileCache.fileFor(directory, root), signature);
    try {
      const stored = parseCacheFile(await fs.readFile(cache.file));
      if (stored.signature === signature && Array.isArray(stored.entries)) {
        cache.entries = new Map(stored.entries);
        if (stored.resolutions) cache.resolutions = { key: stored.resolutions.key, answers: new Map(stored.resolutions.answers) };
        if (Array.isArray(stored.derived)) cache.derivedAnswers = new Map(stored.derived);
      }
    } catch {
      // missing or unreadable cache: start empty
    }
    return cache;
  }

  /** A hit without reading the file: same size and modification time as when it was analysed. */
  getByStamp(relative: string, stamp: FileStamp): FileAnalysis | undefined {
    const entry = this.entries.get(relative);
    return entry && entry.size === stamp.size && entry.mtimeMs === stamp.mtimeMs ? entry.analysis : undefined;
  }

  hashOf(relative: string): string | undefined {
    return this.entries.get(relative)?.hash;
  }

  /** A hit by content: the file was touched but its bytes are unchanged. */
  get(relative: string, hash: string, stamp: FileStamp): FileAnalysis | undefined {
    const entry = this.entries.get(relative);
    if (entry?.hash !== hash) return undefined;
    if (entry.size !== stamp.size || entry.mtimeMs !== stamp.mtimeMs) this.set(relative, hash, stamp, entry.analysis, entry.json);
    return entry.analysis;
  }

  set(relative: string, hash: string, stamp: FileStamp, analysis: FileAnalysis, json?: string | Buffer): void {
    this.entries.set(relative, { hash, size: stamp.size, mtimeMs: stamp.mtimeMs, analysis, ...(json === undefined ? {} : { json }) });
    this.dirty = true;
  }

  /** The resolutions stored under this layout key, or an empty map when the layout changed. */
  resolutionsFor<T>(key: string): Map<string, T> {
    if (this.resolutions?.key !== key) {
      this.resolutions = { key, answers: new Map() };
      this.dirty = true;
    }
    return this.resolutions.answers as Map<string, T>;
  }

  /**
   * An answer computed from a file's content that a later step asks for on every run (which imports
   * TypeScript keeps): kept under the file's path, its content hash as this cache holds it and the
   * question, so an edited file, or one this cache does not know, is asked afresh. undefined: not known.
   */
  derived(relative: string, question: string): unknown {
    const key = this.derivedKey(relative, question);
    return key === undefined ? undefined : this.derivedAnswers.get(key);
  }

  /** Keeps an answer for `derived`; ignored for a file this cache holds no entry for. */
  setDerived(relative: string, question: string, answer: unknown): void {
    const key = this.derivedKey(relative, question);
    if (key === undefined) return;
    this.derivedAnswers.set(key, answer);
    this.dirty = true;
  }

  /** `path NUL hash NUL question` for the file as this cache holds it (see `serialised`, which reads it back), or undefined. */
  private derivedKey(relative: string, question: string): string | undefined {
    const hash = this.entries.get(relative)?.hash;
    return hash === undefined ? undefined : `${relative}\0${hash}\0${question}`;
  }

  /** Marks the cache for saving after resolutions were added to the map returned by resolutionsFor. */
  touch(): void {
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

  /**
   * Writes the cache. The entries are serialised before this returns, so that nothing done while the
   * file is written (the rules, which run meanwhile) can change what it holds; only the writing is
   * left to the returned promise, which never rejects.
   */
  save(): Promise<void> {
    if (!this.dirty) return Promise.resolve();
    let chunks: Buffer[];
    try {
      chunks = this.serialised();
    } catch {
      return Promise.resolve();
    }
    return this.write(chunks);
  }

  private async write(chunks: readonly Buffer[]): Promise<void> {
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      const handle = await fs.open(temporary, 'w');
      try {
        // writev takes a bounded number of buffers per call (IOV_MAX).
        for (let start = 0; start < chunks.length; start += 1024) await handle.writev(chunks.slice(start, start + 1024));
      } finally {
        await handle.close();
      }
      await fs.rename(temporary, this.file);
      await removeStaleCaches(path.dirname(this.file));
    } catch {
      // a cache that cannot be written only costs speed next time
    }
  }

  /**
   * The cache file (a CacheFile) as UTF-8 chunks, the analyses' JSON as the parser threads sent it:
   * encoding the pieces is several times cheaper than serialising, joining and encoding one string
   * of the whole (novu's 12 MB: about 20 against 200 ms, on the main thread).
   */
  private serialised(): Buffer[] {
    const chunks: Buffer[] = [Buffer.from(`${HEADER_START}${JSON.stringify(this.signature)}${HEADER_END}`)];
    for (const [relative, { hash, size, mtimeMs, analysis, json, line }] of this.entries) {
      if (line) {
        chunks.push(NEWLINE, line);
        continue;
      }
      chunks.push(Buffer.from(`\n[${JSON.stringify(relative)},{"hash":${JSON.stringify(hash)},"size":${JSON.stringify(size)},"mtimeMs":${JSON.stringify(mtimeMs)}${ANALYSIS_KEY}`));
      chunks.push(typeof json === 'object' ? json : Buffer.from(json ?? JSON.stringify(analysis)), ENTRY_END);
    }
    // Every entry line ends in a comma; the closing line's `null` is the element after the last one.
    chunks.push(Buffer.from(`\nnull]`));
    if (this.resolutions) chunks.push(Buffer.from(`,"resolutions":${JSON.stringify({ key: this.resolutions.key, answers: [...this.resolutions.answers] })}`));
    // Only the answers about files as they are now: an edited or removed file's old ones go.
    const derived = [...this.derivedAnswers].filter(([key]) => {
      const [relative, hash] = key.split('\0');
      return this.entries.get(relative!)?.hash === hash;
    });
    if (derived.length) chunks.push(Buffer.from(`,"derived":${JSON.stringify(derived)}`));
    chunks.push(Buffer.from('}'));
    return chunks;
  }
}

const HEADER_START = '{"signature":';
const HEADER_END = ',"entries":[';
const ANALYSIS_KEY = ',"analysis":';
const NEWLINE = Buffer.from('\n');
const ENTRY_END = Buffer.from('}],');

/**
 * Reads a cache file line by line (see CacheFile): JSON.stringify never writes a raw line break, so each
 * line between the header and the closing line is one entry and its trailing comma. An entry keeps its
 * line's bytes (a view of the file's buffer), and the bytes of its analysis: the first `,"analysis":` of
 * the line is the key itself, since a path's quotes are escaped and the hash and stamps hold none. A file
 * in any other layout is read as one JSON value.
 */
function parseCacheFile(bytes: Buffer): CacheFile {
  const lineEnds: number[] = [];
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lineEnds.push(at);
  const header = bytes.toString('utf8', 0, lineEnds[0] ?? bytes.length);
  const closing = lineEnds.length ? bytes.toString('utf8', lineEnds[lineEnds.length - 1]! + 1) : '';
  if (!lineEnds.length || !header.startsWith(HEADER_START) || !header.endsWith(HEADER_END) || !closing.startsWith('null]')) return JSON.parse(bytes.toString('utf8')) as CacheFile;
  const stored = JSON.parse(`${header}${closing}`) as CacheFile;
  stored.entries = [];
  for (let index = 0; index < lineEnds.length - 1; index++) {
    const line = bytes.subarray(lineEnds[index]! + 1, lineEnds[index + 1]!);
    const [relative, entry] = JSON.parse(line.toString('utf8', 0, line.length - 1)) as [string, CacheEntry];
    entry.line = line;
    const key = line.indexOf(ANALYSIS_KEY);
    if (key !== -1) entry.json = line.subarray(key + ANALYSIS_KEY.length, line.length - ENTRY_END.length);
    stored.entries.push([relative, entry]);
  }
  return stored;
}

async function removeStaleCaches(directory: string): Promise<void> {
  const now = Date.now();
  for (const name of await fs.readdir(directory)) {
    if (!/^[0-9a-f]{16}(\.result)?\.(json|v8)$/.test(name)) continue;
    const file = path.join(directory, name);
    const stats = await fs.stat(file).catch(() => null);
    // .v8 files are the format of earlier versions: never read again.
    if (stats && (name.endsWith('.v8') || now - stats.mtimeMs > STALE_AFTER_MS)) await fs.rm(file, { force: true });
  }
}
