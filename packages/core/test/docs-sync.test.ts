import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../src/config/json-schema.js';
import { ERROR_CODES } from '../src/errors.js';
import { VERSION } from '../src/version.js';

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), 'utf8');

describe('generated and documented artefacts are current', () => {
  it('docs/errors.md lists exactly the error codes', () => {
    const documented = [...read('../../../docs/errors.md').matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('schema.json is the JSON Schema of the Zod config schema (regenerate: node packages/core/scripts/write-config-schema.mjs)', () => {
    expect(JSON.parse(read('../schema.json'))).toEqual(configJsonSchema());
  });

  it('VERSION matches package.json', () => {
    expect(VERSION).toBe(JSON.parse(read('../package.json')).version);
  });

  it('docs/json-output.md documents every result and finding field', () => {
    const doc = read('../../../docs/json-output.md');
    const fields = ['schemaVersion', 'tool', 'root', 'context', 'layers', 'graph', 'findings', 'baselined', 'stats', 'ruleId', 'category', 'severity', 'message', 'why', 'fix', 'fingerprint', 'data'];
    for (const field of fields) expect(doc).toContain(`\`${field}\``);
  });
});
