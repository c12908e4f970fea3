import type { EcmaScriptModule } from 'oxc-parser';
import type { FileAnalysis, RawImport } from '../project/file-analysis.js';
import type { LineIndex } from './locate.js';

/**
 * Text for which the import collector needs the syntax tree: `require` and `import x = require()`,
 * and `export =`, which the parser's module record does not describe.
 */
export const IMPORTS_NEED_SYNTAX_TREE = /\brequire\b|export\s*=/;

/**
 * Text that the engine's own collectors need the syntax tree for: what the import collector needs,
 * decorators (an `@` that does not sit in a string such as '@scope/pkg'), calls and objects that may
 * register routes or define entities. A file with none of these is fully described by the parser's
 * module record.
 */
export const NEEDS_SYNTAX_TREE =
  /\brequire\b|export\s*=|(^|[\s(,;{])@[A-Za-z_$]|\b(get|post|put|patch|delete|head|options|all|route|pgTable|mysqlTable|sqliteTable|pgView|model|define)\s*[(<]|\bmethod\b|\bModel\b/;

/** The value of a plain string literal or template without expressions, from its source text. */
function literalFromText(text: string): string | null {
  const quote = text[0];
  if ((quote !== "'" && quote !== '"' && quote !== '`') || text[text.length - 1] !== quote || text.length < 2) return null;
  const body = text.slice(1, -1);
  // Escapes and interpolations are rare in specifiers; leaving them out keeps this exact.
  if (body.includes('\\') || (quote === '`' && body.includes('${'))) return null;
  return body;
}

function nameOf(part: { kind: string; name: string | null }): string {
  return part.kind === 'Default' ? 'default' : (part.name ?? '');
}

/**
 * Imports, exported names and the barrel fact from oxc's module record, which the parser computes
 * natively: the same answers the tree walk gives, without materialising the tree in JavaScript.
 */
export function fromModuleRecord(record: EcmaScriptModule, source: string, comments: readonly { start: number; end: number }[], lines: LineIndex, analysis: FileAnalysis): void {
  const found: { start: number; entry: RawImport }[] = [];
  const exported: { start: number; name: string }[] = [];
  const covered: [number, number][] = comments.map((comment) => [comment.start, comment.end]);
  let onlyReExports = true;
  let exportsSomething = false;

  for (const statement of record.staticImports) {
    covered.push([statement.start, statement.end]);
    const entries = statement.entries;
    const typeOnly = entries.length > 0 && entries.every((entry) => entry.isType);
    const whole = entries.some((entry) => entry.importName.kind === 'NamespaceObject');
    const names = whole ? [] : entries.map((entry) => nameOf(entry.importName));
    found.push({
      start: statement.start,
      entry: { specifier: statement.moduleRequest.value, kind: typeOnly ? 'type-only' : 'import', ...lines.locate(statement.start), ...(names.length ? { names } : {}) },
    });
  }
  for (const statement of record.staticExports) {
    exportsSomething = true;
    if (source.startsWith('import', statement.start)) {
      // `import { a } from './a'; export { a }`: the record files this indirect export under the
      // import statement; the tree walk sees a local `export { a }`, and so must this path.
      for (const entry of statement.entries) {
        exported.push({ start: entry.start, name: nameOf(entry.exportName) });
        const keyword = source.lastIndexOf('export', entry.start);
        covered.push([keyword, source.indexOf('}', entry.start) + 1]);
      }
      continue;
    }
    covered.push([statement.start, statement.end]);
    const request = statement.entries[0]?.moduleRequest;
    if (!request) {
      // `export { a }` forwards; `export const`, `export default`, `export class` declare.
      if (!/^export\s*(type\s*)?\{/.test(source.slice(statement.start, statement.start + 40))) onlyReExports = false;
      for (const entry of statement.entries) exported.push({ start: entry.start, name: nameOf(entry.exportName) });
      continue;
    }
    const typeOnly = statement.entries.every((entry) => entry.isType);
    const reExports = statement.entries.map((entry) =>
      entry.importName.kind === 'All' || entry.importName.kind === 'AllButDefault'
        ? { exported: entry.exportName.kind === 'Name' ? entry.exportName.name! : '*', imported: '*' }
        : { exported: nameOf(entry.exportName), imported: entry.importName.name ?? 'default' },
    );
    const named = reExports.every((entry) => entry.imported !== '*');
    found.push({
      start: statement.start,
      entry: {
        specifier: request.value,
        kind: typeOnly ? 'type-only' : 're-export',
        ...lines.locate(statement.start),
        ...(named ? { names: reExports.map((entry) => entry.imported) } : {}),
        reExports,
      },
    });
  }
  for (const dynamic of record.dynamicImports) {
    const specifier = literalFromText(source.slice(dynamic.moduleRequest.start, dynamic.moduleRequest.end));
    if (specifier) found.push({ start: dynamic.start, entry: { specifier, kind: 'dynamic-import', ...lines.locate(dynamic.start) } });
  }

  analysis.imports.push(...found.sort((a, b) => a.start - b.start).map((item) => item.entry));
  analysis.exportedNames.push(...exported.sort((a, b) => a.start - b.start).map((item) => item.name));
  analysis.facts.barrel = exportsSomething && onlyReExports && onlyTriviaOutside(source, covered);
}

/** True when every character outside the ranges is whitespace or a semicolon. */
function onlyTriviaOutside(source: string, ranges: [number, number][]): boolean {
  ranges.sort((a, b) => a[0] - b[0]);
  let position = 0;
  for (const [start, end] of ranges) {
    if (start > position && /[^\s;]/.test(source.slice(position, start))) return false;
    position = Math.max(position, end);
  }
  return !/[^\s;]/.test(source.slice(position));
}
