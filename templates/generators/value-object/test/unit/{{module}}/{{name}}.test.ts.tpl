import { describe, expect, it } from 'vitest';
import { {{Name}} } from '../../../src/modules/{{module}}/domain/value-objects/{{name}}.js';

describe('{{Name}}', () => {
  it('normalises and compares by value', () => {
    expect({{Name}}.create(' a ').equals({{Name}}.create('a'))).toBe(true);
  });

  it('rejects an empty value', () => {
    expect(() => {{Name}}.create('  ')).toThrow(expect.objectContaining({ code: 'INVALID_{{NAME}}' }));
  });
});
