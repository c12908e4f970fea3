import { describe, expect, it } from 'vitest';
import { runFixture } from '../../../test/helpers/rule-fixture.js';

/** Runs the whole pipeline on a fixture; returns this rule's findings as `file:line:column message`. */
async function run(scenario: string) {
  const { result, lines } = await runFixture(import.meta.url, 'parse-error', scenario);
  return { files: result.stats.files, findings: lines };
}

describe('parse-error', () => {
  it('parses legal code of every era without a finding: CommonJS top-level return, JSX in .js, decorators of both flavours, #! lines (legal-syntax-valid)', async () => {
    const { files, findings } = await run('legal-syntax-valid');
    expect(files).toBe(8);
    expect(findings).toEqual([]);
  });

  it('reports a syntax error at its line, and still analyses the other files (express-syntax-error)', async () => {
    const { files, findings } = await run('express-syntax-error');
    expect(files).toBe(2);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/routes/users.ts:7:24 Syntax error: Expected \`)\` but found \`{\`",
      ]
    `);
  });

  it('reports an unclosed decorator call in a Nest controller (nestjs-unclosed-decorator)', async () => {
    const { findings } = await run('nestjs-unclosed-decorator');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/users/users.controller.ts:9:3 Syntax error: Expected \`,\` or \`)\` but found \`Identifier\`",
      ]
    `);
  });

  it('reports a binary file with a .js name instead of parsing it (express-binary-js)', async () => {
    const { findings } = await run('express-binary-js');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/public/logo.js:1:1 File holds binary content (NUL bytes); it was not analysed.",
      ]
    `);
  });

  it('reports a .ts file saved as Windows-1252, not UTF-8 (fastify-non-utf8-ts)', async () => {
    const { findings } = await run('fastify-non-utf8-ts');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/routes/menu.ts:1:1 File is not valid UTF-8; it was not analysed.",
      ]
    `);
  });

  it('stays quiet on CommonJS, ESM .mjs and dynamic import() (express-commonjs-and-esm-valid)', async () => {
    const { files, findings } = await run('express-commonjs-and-esm-valid');
    expect(files).toBe(3);
    expect(findings).toEqual([]);
  });

  it('stays quiet on TypeScript ESM with satisfies, top-level await and UTF-8 text (fastify-typescript-esm-valid)', async () => {
    const { files, findings } = await run('fastify-typescript-esm-valid');
    expect(files).toBe(2);
    expect(findings).toEqual([]);
  });

  it('stays quiet on decorators, parameter decorators, enums and abstract classes (nestjs-decorators-valid)', async () => {
    const { files, findings } = await run('nestjs-decorators-valid');
    expect(files).toBe(3);
    expect(findings).toEqual([]);
  });
});
