import { describe, expect, it } from 'vitest';
import { {{Name}} } from '../../../src/modules/{{module}}/domain/entities/{{name}}.js';

const now = new Date('2030-01-01T00:00:00Z');

describe('{{Name}}', () => {
  it('is created active with a trimmed title', () => {
    const entity = {{Name}}.create({ id: 'id-1', title: '  Draft  ', now });
    expect(entity.status).toBe('active');
    expect(entity.title).toBe('Draft');
  });

  it('cannot be renamed once archived', () => {
    const entity = {{Name}}.create({ id: 'id-1', title: 'Draft', now });
    entity.archive();
    expect(() => entity.rename('Final')).toThrow(expect.objectContaining({ code: '{{NAME}}_ARCHIVED' }));
  });

  it('rejects an empty title', () => {
    expect(() => {{Name}}.create({ id: 'id-1', title: ' ', now })).toThrow(expect.objectContaining({ code: 'INVALID_{{NAME}}_TITLE' }));
  });
});
