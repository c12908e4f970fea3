import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { declarationKind, exportStatements, type DeclarationKind } from '../src/project/declaration-kind.js';
import { repositoryRoot, sourceFilesUnder } from './helpers/repository-sources.js';

/** The plain reading the indexOf scan must equal: one multiline expression over the whole text. */
const MULTILINE = /^[ \t]*export\s+(?:declare\s+)?(default\s+)?(abstract\s+class|interface|type\s+[A-Za-z_$][\w$]*|type\s*\{|[a-zA-Z{*=]+)/gm;

/** Each statement as where it ends and what it declares: the expression's match starts at the line, the scan's at `export`. */
const byExpression = (source: string) => [...source.matchAll(MULTILINE)].map((match) => [match.index + match[0].length, match[1], match[2]]);
const byScan = (source: string) => [...exportStatements(source)].map((match) => [match.index + match[0].length, match[1], match[2]]);

describe('export statements', () => {
  const cases: Record<string, string> = {
    'interfaces and types': 'export interface User { id: string }\nexport type Id = string;\n',
    'indentation and CRLF': 'export type A = 1;\r\n   export interface B {}\r\n\t export abstract class C {}\r\n',
    'a line separator starts a line': 'export type A = 1;\u2028export const b = 2;\u2029export default x;\n',
    'export inside a word or after code': 'const reexport = 1; export const x = 1;\nexports.y = 2;\nexport type T = 1;\n',
    'export spanning a line break': 'export\ninterface A {}\n',
    'one export swallowing the next': 'export\nexport interface A {}\nexport type B = 1;\n',
    'declare and default': 'export declare type A = string;\nexport default type X = 1;\nexport default interface Y {}\n',
    'at the very start and end': 'export type A = 1;\nexport',
    'nothing exported': 'const a = 1;\n',
  };

  it.each(Object.entries(cases))('%s: found as the multiline expression finds them', (_name, source) => {
    expect(byScan(source)).toEqual(byExpression(source));
  });

  it('are found as the multiline expression finds them in every source file of this repository', () => {
    const files = sourceFilesUnder(repositoryRoot);
    expect(files.length).toBeGreaterThan(400);
    let statements = 0;
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const expected = byExpression(source);
      statements += expected.length;
      expect({ file, statements: byScan(source) }).toEqual({ file, statements: expected });
    }
    expect(statements).toBeGreaterThan(1000);
  });
});

describe('declarationKind', () => {
  const kinds: [string, DeclarationKind][] = [
    ['export interface A {}\nexport type B = 1;\n', 'types'],
    ['export interface A {}\n\texport abstract class Port {}\n', 'abstractions'],
    ['export interface A {}\nexport const a = 1;\n', 'runtime'],
    ['export default type X = 1;\n', 'runtime'],
    ['export type A = 1;\nmodule.exports = {};\n', 'runtime'],
    ['const a = 1;\n', 'runtime'],
  ];

  it.each(kinds)('%j is %s', (source, kind) => {
    expect(declarationKind(source)).toBe(kind);
  });
});
