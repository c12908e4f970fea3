import { createHash } from 'node:crypto';
import { lstatSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { jsonPieces } from '../json-pieces.js';
import type { AnalysisResult } from '../types.js';
import { toAbsolute } from './paths.js';

/**
 * The whole result of the last run on a root, reused when none of its inputs changed: the engine
 * (its signature), the config, and every file discovery lists, by path, size and modification time.
 * Source files, manifests, lockfiles, tsconfigs, Dockerfiles, CI workflows and env files are all in
 * that list, so any edit, addition, removal or rename makes a new key; installed packages are
 * represented by the lockfiles, as for the module-resolution cache. A warm run with nothing changed
 * then costs a listing and a `stat` per file instead of loading every file's analysis, building the
 * graph, the models and running the rules again.
 */
export class ResultCache {
  private constructor(
    private readonly file: string,
    readonly key: string,
  ) {}

  static async open(directory: string, root: string, inputs: { signature: string; config: unknown; files: readonly string[] }): Promise<ResultCache> {
    const name = createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16);
    const hash = createHash('sha1').update(inputs.signature).update('\0').update(JSON.stringify(inputs.config)).update('\0');
    // The stamps go to the hash in one string, not four updates per file.
    const stamps: string[] = [];
    // Synchronous on purpose: thousands of small lstat calls through the thread pool cost 5-10x more.
    for (const file of inputs.files) {
      let stamp = 'unreadable';
      try {
        const stats = lstatSync(toAbsolute(root, file), { throwIfNoEntry: false });
        stamp = stats ? `${stats.size}:${stats.mtimeMs}` : 'missing';
      } catch {
        // a path the process may not stat (permissions): its own stamp, so that becoming readable changes the key
      }
      stamps.push(`${file}\0${stamp}\0`);
    }
    hash.update(stamps.join(''));
    return new ResultCache(path.join(directory, `${name}.result.json`), hash.digest('hex'));
  }

  /** The stored result when it was made from exactly these inputs, else undefined. */
  async load(): Promise<AnalysisResult | undefined> {
    try {
      const stored = JSON.parse(await fs.readFile(this.file, 'utf8')) as { key?: unknown; result?: AnalysisResult };
      return stored.key === this.key && stored.result ? stored.result : undefined;
    } catch {
      return undefined;
    }
  }

  async save(result: AnalysisResult): Promise<void> {
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      // `{"key":…,"result":…}`, the result in pieces: most of it is then serialised and encoded as ASCII.
      const pieces = ['{"key":', JSON.stringify(this.key), ',"result":', ...jsonPieces(result), '}'];
      await fs.writeFile(temporary, Buffer.concat(pieces.map((piece) => Buffer.from(piece))));
      await fs.rename(temporary, this.file);
    } catch {
      // a result that cannot be stored only costs speed next time
    }
  }
}
