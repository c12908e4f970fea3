import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { declarationKind, type DeclarationKind } from '../src/project/declaration-kind.js';
import { isSourceFile } from '../src/project/paths.js';

/** The plain reading: one multiline expression over the whole text (what the indexOf scan must equal). */
function byExpression(source: string): DeclarationKind {
  if (/\b(module\.exports|exports\.[A-Za-z_$])/.test(source)) return 'runtime';
  let exports = 0;
  let abstractClasses = 0;
  for (const [, isDefault, what] of source.matchAll(/^[ \t]*export\s+(?:declare\s+)?(default\s+)?(abstract\s+class|interface|type\s+[A-Za-z_$][\w$]*|type\s*\{|[a-zA-Z{*=]+)/gm)) {
    exports++;
    if (what === 'interface' || what!.startsWith('type')) {
      if (isDefault && what !== 'interface') return 'runtime';
      continue;
    }
    if (what!.startsWith('abstract')) {
      abstractClasses++;
      continue;
    }
    return 'runtime';
  }
  if (exports === 0) return 'runtime';
  return abstractClasses ? 'abstractions' : 'types';
}

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', '.git', '.tmp', 'coverage', '.generated', '.scratch']);

function sourceFilesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFilesUnder(full);
    return entry.isFile() && isSourceFile(entry.name) ? [full] : [];
  });
}

describe('declarationKind', () => {
  const cases: Record<string, [string, DeclarationKind]> = {
    'interfaces and types': ['export interface User { id: string }\nexport type Id = string;\n', 'types'],
    'an abstract class among types': ['export interface A {}\n\texport abstract class Port {}\n', 'abstractions'],
    'a value': ['export interface A {}\nexport const a = 1;\n', 'runtime'],
    'a default type alias is a value position': ['export default type X = 1;\n', 'runtime'],
    'CRLF and indentation': ['export type A = 1;\r\n   export interface B {}\r\n', 'types'],
    'a line separator starts a line': ['export type A = 1;\u2028export const b = 2;\n', 'runtime'],
    'export inside a word or after code is not a statement': ['const reexport = 1; export const x = 1;\nexport type T = 1;\n', 'types'],
    'export spanning a line break': ['export\ninterface A {}\n', 'types'],
    'one export swallowing the next': ['export\nexport interface A {}\n', 'runtime'],
    'declare': ['export declare type A = string;\nexport declare abstract class B {}\n', 'abstractions'],
    'nothing exported': ['const a = 1;\n', 'runtime'],
    'CommonJS': ['export type A = 1;\nmodule.exports = {};\n', 'runtime'],
    'exports at the very start and end': ['export type A = 1;\nexport', 'types'],
  };

  it.each(Object.entries(cases))('%s', (_name, [source, expected]) => {
    expect(byExpression(source)).toBe(expected);
    expect(declarationKind(source)).toBe(expected);
  });

  it('agrees with the multiline expression on every source file of this repository', () => {
    const files = sourceFilesUnder(repositoryRoot);
    expect(files.length).toBeGreaterThan(400);
    const kinds = new Set<DeclarationKind>();
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const expected = byExpression(source);
      kinds.add(expected);
      expect({ file, kind: declarationKind(source) }).toEqual({ file, kind: expected });
    }
    expect([...kinds].sort()).toEqual(['abstractions', 'runtime', 'types']);
  });
});
