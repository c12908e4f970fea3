import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValueImportsOf } from './build-graph.js';
import { compilerOption, nearestTsconfigIn } from './tsconfig.js';
import { valueImportSpecifiers, type CompilerFacts } from './value-imports.js';

const DEFAULT_FACTS: CompilerFacts = { keepsAllImports: false, decoratorMetadata: false };

/**
 * What each tsconfig says about erasing imports, read once (with `extends`), then a lookup that
 * parses a file on demand to tell which of its imports survive compilation.
 */
export async function createValueImportLookup(root: string, allFiles: readonly string[]): Promise<ValueImportsOf> {
  const fileSet = new Set(allFiles);
  const tsconfigs = allFiles.filter((file) => file === 'tsconfig.json' || file.endsWith('/tsconfig.json'));
  const factsOf = new Map<string, CompilerFacts>();
  await Promise.all(
    tsconfigs.map(async (file) => {
      const absolute = path.join(root, file);
      const [verbatim, preserve, metadata] = await Promise.all(
        ['verbatimModuleSyntax', 'preserveValueImports', 'emitDecoratorMetadata'].map((name) => compilerOption(absolute, name, root)),
      );
      factsOf.set(file, { keepsAllImports: verbatim === true || preserve === true, decoratorMetadata: metadata === true });
    }),
  );
  const memo = new Map<string, ReadonlySet<string> | null>();
  return (relative) => {
    if (memo.has(relative)) return memo.get(relative)!;
    const tsconfig = nearestTsconfigIn(fileSet, relative);
    const facts = (tsconfig && factsOf.get(tsconfig)) || DEFAULT_FACTS;
    let kept: ReadonlySet<string> | null;
    try {
      kept = valueImportSpecifiers(relative, readFileSync(path.join(root, relative), 'utf8'), facts);
    } catch {
      kept = null;
    }
    memo.set(relative, kept);
    return kept;
  };
}
