import { readFileSync, statSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A position in a file: absolute path, 1-based line. */
export interface SourcePosition {
  file: string;
  line: number;
}

/** A generated file's source map, with its sources resolved to absolute paths. */
interface MappedFile {
  map: SourceMap;
  /** Undefined for a source that is not a file (`webpack://…` of a bundle): the generated position stands. */
  resolve(source: string): string | undefined;
}

/** Generated files past this size are not read: a bundle that large is not where a culprit is named. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

function readText(file: string): string | undefined {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function asPath(reference: string, base: string): string {
  if (reference.startsWith('file://')) return fileURLToPath(reference);
  return path.resolve(base, reference);
}

/** The map a `//# sourceMappingURL=` comment points to: inline (a data: URL) or a file beside the code. */
function loadMap(file: string, text: string): MappedFile | undefined {
  const reference = [...text.matchAll(/^\s*\/\/[#@]\s*sourceMappingURL=(\S+)\s*$/gm)].at(-1)?.[1];
  if (!reference) return undefined;
  let json: string | undefined;
  let mapDir = path.dirname(file);
  const inline = /^data:application\/json(?:;charset=[\w-]+)?(;base64)?,(.*)$/i.exec(reference);
  if (inline) json = inline[1] ? Buffer.from(inline[2]!, 'base64').toString('utf8') : decodeURIComponent(inline[2]!);
  else if (/^[a-z][\w+.-]*:/i.test(reference) && !reference.startsWith('file://')) return undefined;
  else {
    const mapFile = asPath(reference, mapDir);
    mapDir = path.dirname(mapFile);
    json = readText(mapFile);
  }
  if (!json) return undefined;
  try {
    const payload = JSON.parse(json) as SourceMapPayload;
    const sourceRoot = payload.sourceRoot ?? '';
    return {
      map: new SourceMap(payload),
      resolve: (source) => {
        const reference = source.startsWith('file://') || path.isAbsolute(source) ? source : `${sourceRoot}${sourceRoot && !sourceRoot.endsWith('/') ? '/' : ''}${source}`;
        if (/^[a-z][\w+.-]*:/i.test(reference) && !reference.startsWith('file://')) return undefined;
        return asPath(reference, mapDir);
      },
    };
  } catch {
    // A malformed map is ignored: the generated position is still a true one.
    return undefined;
  }
}

/**
 * The service's own files as the analysis reads them: lines of the JavaScript that ran, and source maps
 * (a `.map` file or an inline map), so that a compiled TypeScript service is named at its `src/*.ts`
 * lines rather than at `dist/*.js`. Each file is read once; one instance serves a whole diagnosis.
 */
export class SourceFiles {
  private readonly texts = new Map<string, string[] | null>();
  private readonly maps = new Map<string, MappedFile | null>();

  private linesOf(file: string): string[] | undefined {
    if (!this.texts.has(file)) this.texts.set(file, readText(file)?.split('\n') ?? null);
    return this.texts.get(file) ?? undefined;
  }

  /** The text of a 1-based line of a generated file, when it can be read. */
  line(file: string, line: number): string | undefined {
    return this.linesOf(file)?.[line - 1];
  }

  /** Where a 0-based position of generated code comes from, when the file has a source map. */
  original(file: string, line: number, column: number): SourcePosition | undefined {
    if (!this.maps.has(file)) {
      const lines = this.linesOf(file);
      this.maps.set(file, (lines && loadMap(file, lines.join('\n'))) || null);
    }
    const mapped = this.maps.get(file);
    if (!mapped) return undefined;
    const entry = mapped.map.findEntry(line, column) as Partial<{ originalSource: string; originalLine: number }>;
    if (typeof entry.originalSource !== 'string' || typeof entry.originalLine !== 'number') return undefined;
    const original = mapped.resolve(entry.originalSource);
    return original ? { file: original, line: entry.originalLine + 1 } : undefined;
  }
}
