import { describe, expect, it } from 'vitest';
import { insertAtAnchor } from '../src/add/anchors.js';
import { nameTokens, render } from '../src/add/render.js';
import { assertValidName, plural, singular } from '../src/names.js';

describe('names', () => {
  it('spells one name for folders, classes, variables, constants and tables', () => {
    expect(nameTokens('entity', 'lineItem')).toMatchObject({
      Entity: 'LineItem',
      entity: 'line-item',
      camelEntity: 'lineItem',
      ENTITY: 'LINE_ITEM',
      entityPlural: 'line-items',
      EntityPlural: 'LineItems',
      entityPluralTable: 'line_items',
    });
    expect([plural('category'), plural('box'), singular('categories'), singular('projects'), singular('address')]).toEqual([
      'categories',
      'boxes',
      'category',
      'project',
      'address',
    ]);
  });

  it('rejects names that cannot be folders and identifiers', () => {
    expect(() => assertValidName('9lives', 'module')).toThrow(/Invalid module name/);
    expect(() => assertValidName('shared', 'module')).toThrow(/Invalid module name/);
  });

  it('fails on an unknown template token rather than writing braces', () => {
    expect(() => render('{{Nope}}', {})).toThrow(/Unknown template token/);
  });

  it('inserts above an anchor once, with its indentation', () => {
    const source = 'const modules = [\n  a,\n  // strata:register-modules\n];';
    const once = insertAtAnchor(source, '// strata:register-modules', 'b,', 'container.ts');
    expect(once).toBe('const modules = [\n  a,\n  b,\n  // strata:register-modules\n];');
    expect(insertAtAnchor(once, '// strata:register-modules', 'b,', 'container.ts')).toBe(once);
    expect(() => insertAtAnchor('x', '// strata:register-modules', 'b,', 'container.ts')).toThrow(/MISSING_ANCHOR|no "\/\/ strata:register-modules"/);
  });
});
