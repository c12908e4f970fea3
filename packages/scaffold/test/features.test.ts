import { describe, expect, it } from 'vitest';
import { applyFeatureMarkers } from '../src/features.js';

const source = [
  'const a = 1;',
  '// strata:queue:off const events = inline();',
  '  // strata:queue:on',
  '  const events = queued();',
  '  // strata:queue:end',
  'const b = 2;',
].join('\n');

describe('applyFeatureMarkers', () => {
  it('keeps enabled blocks and drops the marker lines', () => {
    expect(applyFeatureMarkers(source, new Set(['queue']))).toBe(['const a = 1;', '  const events = queued();', 'const b = 2;'].join('\n'));
  });

  it('drops disabled blocks and uncomments the off-alternative', () => {
    expect(applyFeatureMarkers(source, new Set())).toBe(['const a = 1;', 'const events = inline();', 'const b = 2;'].join('\n'));
  });

  it('reads the same markers in Markdown comments', () => {
    const markdown = ['# Service', '<!-- strata:cqrs:on -->', '- read model', '<!-- strata:cqrs:end -->', '<!-- strata:cqrs:off - no read model -->'].join('\n');
    expect(applyFeatureMarkers(markdown, new Set(['cqrs']))).toBe('# Service\n- read model');
    expect(applyFeatureMarkers(markdown, new Set())).toBe('# Service\n- no read model');
  });

  it('fails on unbalanced markers instead of generating broken code', () => {
    expect(() => applyFeatureMarkers('// strata:cqrs:on\nx', new Set())).toThrow(/Unclosed/);
    expect(() => applyFeatureMarkers('// strata:cqrs:end', new Set())).toThrow(/Unbalanced/);
  });
});
