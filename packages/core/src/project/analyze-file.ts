import { parseSync, type ParserOptions } from 'oxc-parser';
import { parseSource } from '../ast/raw-parse.js';
import { importCollector } from '../ast/collect-imports.js';
import { fromModuleRecord, IMPORTS_NEED_SYNTAX_TREE, NEEDS_SYNTAX_TREE } from '../ast/module-record.js';
import { LineIndex } from '../ast/locate.js';
import { walk, type AstNode, type Visitors } from '../ast/walk.js';
import { factCollector } from '../context/file-facts.js';
import type { FileReport, Rule } from '../rules/types.js';
import { isCompositionFile, MAY_COMPOSE } from './composition.js';
import { declarationKind } from './declaration-kind.js';
import { readSuppressions } from './suppressions.js';
import { emptyAnalysis, unanalysable, type FileAnalysis } from './file-analysis.js';
import { enclosingOf } from '../ast/enclosing.js';
import { collectProgram } from '../program/collect.js';
import { isApplicationCode } from '../program/applies.js';
import { isTestFile } from '../layers/classify.js';


function sourceTypeOf(relative: string): ParserOptions['sourceType'] {
  return relative.endsWith('.cjs') || relative.endsWith('.cts') ? 'commonjs' : 'unambiguous';
}

/**
 * Without a walk only the module record is read, so the tree can be serialised in its smaller
 * JavaScript shape (no type annotations): the record itself is computed from the full tree.
 */
function parserOptions(relative: string, needsTree: boolean): ParserOptions {
  // A JavaScript file has no types to keep: its tree in the JavaScript shape is the same, only smaller.
  const jsShape = !needsTree || JS_FILE.test(relative) || relative.endsWith('.mjs');
  return { sourceType: sourceTypeOf(relative), ...(jsShape ? { astType: 'js' } : {}) } as ParserOptions;
}

/**
 * Legal JavaScript that a strict first reading rejects, retried the way it is really run: JSX in a
 * `.js` file (React-era code), then as CommonJS, where a top-level `return` is allowed (Node wraps
 * the module in a function), then both. TypeScript files have one reading.
 */
const JS_FILE = /\.(js|cjs|jsx)$/;
const JS_RETRIES: readonly Partial<ParserOptions>[] = [{ lang: 'jsx' }, { sourceType: 'commonjs' }, { lang: 'jsx', sourceType: 'commonjs' }];

type ParseOutcome = ReturnType<typeof parseSync>;

function hasSyntaxError(parsed: ParseOutcome): boolean {
  return parsed.errors.some((error) => error.severity === 'Error');
}

function parseLegal(relative: string, source: string, needsTree: boolean): ParseOutcome | { failure: FileAnalysis } {
  let parsed: ParseOutcome;
  try {
    parsed = parseSource(relative, source, parserOptions(relative, needsTree), needsTree);
  } catch {
    try {
      // Raw transfer has size limits of its own; the JSON path has none.
      parsed = parseSync(relative, source, { sourceType: sourceTypeOf(relative) });
    } catch (error) {
      return { failure: unanalysable(`The parser failed: ${(error as Error).message}`) };
    }
  }
  if (!hasSyntaxError(parsed)) return parsed;
  if (JS_FILE.test(relative)) {
    for (const retry of JS_RETRIES) {
      if (relative.endsWith('.jsx') && retry.lang) continue;
      try {
        const again = parseSource(relative, source, { ...parserOptions(relative, needsTree), ...retry } as ParserOptions, needsTree);
        if (!hasSyntaxError(again)) return again;
      } catch {
        // a reading the parser cannot take at all is simply not the right one
      }
    }
  }
  const firstError = parsed.errors.find((error) => error.severity === 'Error')!;
  const at = new LineIndex(source).locate(firstError.labels[0]?.start ?? 0);
  return { failure: unanalysable(`Syntax error: ${firstError.message}`, at.line, at.column) };
}

/**
 * Whether the engine's own collectors need the syntax tree of a file (rules' visitors aside). A test
 * file's routes, entities and composition are not the service's, so its tree serves only the imports
 * the module record does not describe; test suites, often a third of a repository's code, mostly
 * take the module record instead of the tree's JSON.
 */
export function collectorsNeedTree(relative: string, source: string): boolean {
  return (isTestFile(relative) ? IMPORTS_NEED_SYNTAX_TREE : NEEDS_SYNTAX_TREE).test(source);
}

/**
 * The per-file pass: parse once, walk once, with the engine's collectors and every rule's visitors.
 * The walk needs the syntax tree in JavaScript, which on Node 20 costs more than the parse itself;
 * when no collector and no rule's triggers can match the file's text, the parser's native module
 * record answers instead (`forceTree` turns that off, for the test that proves both agree).
 */
export function analyzeSource(relative: string, source: string, allRules: readonly Rule[], options: { forceTree?: boolean; program?: boolean } = {}): FileAnalysis {
  const applicationCode = isApplicationCode(relative);
  // A rule on the program models judges application code only: its visitors skip tests, mocks and seeds.
  const rules = applicationCode ? allRules : allRules.filter((rule) => !rule.meta.models?.length);
  const ruleVisitors = rules.filter((rule) => rule.visitors);
  const wantsProgram = options.program === true && applicationCode;
  // A rule whose triggers the text does not contain cannot report here (the module-record test holds
  // every rule to that): only the others' visitors walk the tree.
  const testFile = isTestFile(relative);
  const applying = ruleVisitors.filter((rule) => (testFile ? !rule.skipsTestFiles : !rule.onlyTestFiles));
  const matching = options.forceTree ? applying : applying.filter((rule) => !rule.triggers || rule.triggers.test(source));
  const needsWalk = options.forceTree || collectorsNeedTree(relative, source) || matching.length > 0;
  const needsTree = needsWalk || wantsProgram;
  const parsed = parseLegal(relative, source, needsTree);
  if ('failure' in parsed) return parsed.failure;
  const lines = new LineIndex(source);
  const analysis = emptyAnalysis();
  analysis.facts.moduleSyntax = parsed.module.hasModuleSyntax ? 'esm' : 'none';
  const declares = declarationKind(source);
  if (declares !== 'runtime') analysis.facts.declares = declares;
  const suppressions = readSuppressions(source, parsed.comments, lines);
  if (suppressions.length) analysis.suppressions = suppressions;
  const mayCompose = !testFile && MAY_COMPOSE.test(source);
  if (!needsWalk) {
    // Imports, exports and facts from the parser's module record; the tree, when there is one, only
    // for the program summary (most application files: no rule's triggers, no engine fact needs a walk).
    for (const rule of ruleVisitors) analysis.reports[rule.meta.id] = [];
    fromModuleRecord(parsed.module, source, parsed.comments, lines, analysis);
    if (mayCompose && isCompositionFile(parsed.program as unknown as AstNode)) analysis.facts.composition = true;
    if (wantsProgram) collectInto(analysis, parsed, source, lines);
    return analysis;
  }
  if (mayCompose && isCompositionFile(parsed.program as unknown as AstNode)) analysis.facts.composition = true;
  const visitorSets: Visitors[] = [importCollector(lines, analysis.imports, analysis.exportedNames), factCollector(analysis.facts, !testFile)];
  // The walk keeps the path to the node being visited; a rule asking for its enclosing nodes reads it.
  const ancestors: AstNode[] = [];
  const enclosing = () => enclosingOf(ancestors);
  for (const rule of ruleVisitors) analysis.reports[rule.meta.id] = [];
  for (const rule of matching) {
    const reports: FileReport[] = [];
    analysis.reports[rule.meta.id] = reports;
    visitorSets.push(
      rule.visitors!({
        file: relative,
        source,
        report(node: AstNode, message: string, data?: Record<string, unknown>) {
          const at = lines.locate(node.start);
          reports.push({ ...at, message, anchor: source.slice(node.start, Math.min(node.end, node.start + 200)), ...(data ? { data } : {}) });
        },
        enclosing,
      }),
    );
  }
  try {
    walk(parsed.program as unknown as AstNode, visitorSets, ancestors);
  } catch (error) {
    // A defect in one visitor must not take the whole run down: the file is reported instead.
    return unanalysable(`Strata could not analyse this file (an internal error, please report it): ${(error as Error).message}`);
  }
  if (wantsProgram) collectInto(analysis, parsed, source, lines);
  if (analysis.facts.moduleSyntax === 'none' && analysis.imports.some((entry) => entry.kind === 'require')) {
    analysis.facts.moduleSyntax = 'commonjs';
  }
  return analysis;
}

/** The file's program summary, for the program models. */
function collectInto(analysis: FileAnalysis, parsed: ParseOutcome, source: string, lines: LineIndex): void {
  try {
    analysis.program = collectProgram(parsed.program, source, lines);
  } catch {
    // A shape the model does not know leaves the file out of the program models, not out of the review.
  }
}
