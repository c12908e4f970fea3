import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValueImportsOf } from './build-graph.js';
import { compilerOptions, nearestTsconfigIn } from './tsconfig.js';
import { valueImportSpecifiers, type CompilerFacts, type ValueImports } from './value-imports.js';

const DEFAULT_FACTS: CompilerFacts = { keepsAllImports: false, decoratorMetadata: false };

/** Where answers of earlier runs are kept (the per-file cache): by file content, so an edited file is parsed again. */
export interface KnownAnswers {
  derived(relative: string, question: string): unknown;
  setDerived(relative: string, question: string, answer: unknown): void;
}

type StoredValueImports = [string, 'all' | string[]][] | null;

const stored = (kept: ValueImports | null): StoredValueImports => (kept ? [...kept].map(([specifier, names]) => [specifier, names === 'all' ? 'all' : [...names]]) : null);

function restored(answer: unknown): ValueImports | null | undefined {
  if (answer === null) return null;
  if (!Array.isArray(answer)) return undefined;
  return new Map((answer as [string, 'all' | string[]][]).map(([specifier, names]) => [specifier, names === 'all' ? 'all' : new Set(names)]));
}

/**
 * What each tsconfig says about erasing imports, read once (with `extends`), then a lookup that
 * parses a file on demand to tell which of its imports survive compilation.
 */
export async function createValueImportLookup(root: string, allFiles: readonly string[], known?: KnownAnswers): Promise<ValueImportsOf> {
  const fileSet = new Set(allFiles);
  const tsconfigs = allFiles.filter((file) => file === 'tsconfig.json' || file.endsWith('/tsconfig.json'));
  const factsOf = new Map<string, CompilerFacts>();
  await Promise.all(
    tsconfigs.map(async (file) => {
      const absolute = path.join(root, file);
      const { verbatimModuleSyntax: verbatim, preserveValueImports: preserve, emitDecoratorMetadata: metadata, module } = await compilerOptions(
        absolute,
        ['verbatimModuleSyntax', 'preserveValueImports', 'emitDecoratorMetadata', 'module'],
        root,
      );
      // Compiled to CommonJS, a decorated property's type read during a cycle is merely undefined
      // (the ORM's lazy `() => User` is what it uses); a constructor's injected type is not, since
      // the DI container needs it. ES modules throw on both (temporal dead zone).
      const commonjs = typeof module === 'string' && module.toLowerCase() === 'commonjs';
      factsOf.set(file, { keepsAllImports: verbatim === true || preserve === true, decoratorMetadata: metadata === true ? (commonjs ? 'injection' : 'all') : false });
    }),
  );
  const memo = new Map<string, ValueImports | null>();
  return (relative, purpose) => {
    const key = `${purpose}\0${relative}`;
    if (memo.has(key)) return memo.get(key)!;
    const tsconfig = nearestTsconfigIn(fileSet, relative);
    const configured = (tsconfig && factsOf.get(tsconfig)) || DEFAULT_FACTS;
    // Decorator metadata loads every decorated member's types at run time; of those, the code itself
    // depends only on what the DI container injects (constructor parameters). A handler's parameter
    // or return type named for validation or OpenAPI is a type reference like any other.
    const facts: CompilerFacts = purpose === 'code' && configured.decoratorMetadata ? { ...configured, decoratorMetadata: 'injection' } : configured;
    // The graph asks about the same files on every run (novu: 179 of them, 66 ms of a run that
    // changed one file, parsed again by oxc-parser's JSON path): an unchanged file's answer is kept.
    const question = `value-imports ${facts.keepsAllImports} ${facts.decoratorMetadata}`;
    let kept = restored(known?.derived(relative, question));
    if (kept === undefined) {
      try {
        kept = valueImportSpecifiers(relative, readFileSync(path.join(root, relative), 'utf8'), facts);
        // Kept only when the file was read: an answer follows from its content, a failed read does not.
        known?.setDerived(relative, question, stored(kept));
      } catch {
        kept = null;
      }
    }
    memo.set(key, kept);
    return kept;
  };
}
