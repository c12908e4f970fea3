import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** The modules a file loads when it is imported: its static value imports, followed (type-only imports and dynamic import() are not). */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'(\.[^']+)';/gm)) {
      visit(path.resolve(path.dirname(file), match[1]!.replace(/\.js$/, '.ts')));
    }
  };
  visit(path.join(SRC, entry));
  return new Set([...seen].map((file) => path.relative(SRC, file)));
}

describe('what a run that reuses the last result loads', () => {
  it('the API the CLI imports reaches neither the rule catalogue, the pipeline nor the models', () => {
    const loaded = [...staticClosure('api.ts')];
    expect(loaded).toContain('analyze.ts');
    expect(loaded).toContain('project/result-cache.ts');
    expect(loaded.filter((file) => file === 'pipeline.ts' || file.startsWith('rules/') || file.startsWith('program/'))).toEqual([]);
  });

  it('the package index still carries the catalogue for library users', () => {
    expect([...staticClosure('index.ts')]).toContain('rules/index.ts');
  });
});
