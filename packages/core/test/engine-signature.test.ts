import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSignature } from '../src/project/engine-signature.js';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

describe('engine signature', () => {
  let root: string;
  let original: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'strata-signature-'));
    cpSync(SRC, root, { recursive: true, filter: (source) => !source.includes(`${path.sep}fixtures`) });
    original = codeSignature(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** The signature with `file` changed by `edit`, the file restored afterwards. */
  function signatureWith(file: string, edit: (text: string) => string): string {
    const target = path.join(root, file);
    let before: string | null = null;
    try {
      before = readFileSync(target, 'utf8');
    } catch {
      // a new file
    }
    writeFileSync(target, edit(before ?? ''));
    try {
      return codeSignature(root);
    } finally {
      if (before === null) rmSync(target);
      else writeFileSync(target, before);
    }
  }

  // Modules that rule visitors import outside the rules folder: a hand-kept list of the per-file
  // pass's code once left them out, and a changed detector kept serving old findings from the cache.
  it.each(['layers/classify.ts', 'program/http/authorization.ts', 'program/crypto/secrets.ts', 'rules/index.ts', 'program/call-graph.ts'])(
    'changes when %s changes, so no cached result outlives the code that made it',
    (file) => {
      expect(signatureWith(file, (text) => `${text}\n// changed\n`)).not.toBe(original);
      expect(codeSignature(root)).toBe(original);
    },
  );

  it('ignores tests and declarations, which never run in a review, but not a new module', () => {
    expect(signatureWith('project/extra.test.ts', () => 'export {};\n')).toBe(original);
    expect(signatureWith('project/extra.d.ts', () => 'export {};\n')).toBe(original);
    expect(signatureWith('project/extra.ts', () => 'export {};\n')).not.toBe(original);
  });
});
