import type { Enclosing } from '../ast/enclosing.js';
import type { AstNode, Visitors } from '../ast/walk.js';
import type { Category, Severity, TraceStep } from '../types.js';
import type { ProjectModel } from '../project/model.js';
import type { ModelName, ProgramModels } from '../program/models.js';
import type { RuleOptions } from './options.js';

export interface RuleMeta {
  /** The public id from RULES.md; equals the rule's folder name. */
  id: string;
  category: Category;
  /** Default severity; config may change it. */
  severity: Severity;
  title: string;
  /** Why it matters, shown with every finding. */
  why: string;
  /** How to fix it, shown with every finding. */
  fix: string;
  /** The program models the rule reads; the engine builds them only when such a rule is enabled. */
  models?: readonly ModelName[];
  /** Where the rule applies; it does not run elsewhere. Absent: everywhere. */
  appliesTo?: {
    /** Frameworks the context must have detected (any of them): `express`, `fastify`, `nestjs`. */
    frameworks?: readonly string[];
    /** Architecture shapes (`clean`, `nestjs`, `mvc`, `flat`) under the `recommended` profile; `strict-clean` runs it on every shape. */
    shapes?: readonly string[];
  };
  /**
   * The profiles the rule runs under; absent: all of them (under `legacy` only at `error`, as every rule).
   * A rule of Clean Architecture expectations only (`strict-clean`) says so here.
   */
  profiles?: readonly ('recommended' | 'strict-clean' | 'legacy')[];
  /** Options under `ruleOptions.<id>` in the config, every one with a default (see ./options.ts). */
  options?: RuleOptions;
}

/** A raw report from a file visitor: config-free, so it can be cached by file content. */
export interface FileReport {
  line: number;
  column: number;
  message: string;
  /** Text that identifies the occurrence independently of its line (e.g. the offending expression). */
  anchor: string;
  data?: Record<string, unknown>;
}

export interface FileRuleContext {
  /** Path relative to the analysed root. */
  file: string;
  source: string;
  report(node: AstNode, message: string, data?: Record<string, unknown>): void;
  /** The function, loop, `try` (protected block) and class around the node being visited. */
  enclosing(): Enclosing;
}

export interface ProjectFinding {
  /** A lower severity for this occurrence than the rule's (a notice beside the rule's warnings). */
  severity?: Severity;
  file: string;
  line: number;
  column: number;
  message: string;
  anchor: string;
  data?: Record<string, unknown>;
  /** The route whose handler leads here (`POST /orders`). */
  route?: string;
  /** The steps from the handler to this line, when the cause is deeper than the handler. */
  trace?: TraceStep[];
}

export interface ProjectRuleContext {
  project: ProjectModel;
  /** The program models (call graph, HTTP, data access), built on first use. */
  readonly models: ProgramModels;
  /** The rule's options as the config gives them (validated when it was loaded); `meta.options.resolve` fills in the defaults. */
  options: Record<string, unknown>;
  /** Raw reports that this rule's visitors made in each file. */
  fileReports(file: string): readonly FileReport[];
  report(finding: ProjectFinding): void;
}

/**
 * A rule is a folder named by its id holding this object. `visitors` runs inside the single AST walk
 * of each file (in a worker); `check` runs once per project over the graph, layers and context.
 * A rule with only visitors has its reports turned into findings as they are.
 */
export interface Rule {
  meta: RuleMeta;
  /**
   * Text without which the visitors cannot report (`process` for an env read). Files that match no
   * rule's triggers skip the syntax tree; a rule with visitors and no triggers sees every tree.
   */
  triggers?: RegExp;
  /**
   * The rule never reports in test files (`isTestFile`): its visitors skip them, so a test file whose
   * text matches only this rule's triggers takes the module record instead of the syntax tree.
   */
  skipsTestFiles?: boolean;
  /**
   * The rule reports only in test files: its visitors return none elsewhere, so an application file's
   * text is not even matched against its triggers (a trigger found in application code would make
   * the file walk its syntax tree for nothing).
   */
  onlyTestFiles?: boolean;
  visitors?(context: FileRuleContext): Visitors;
  check?(context: ProjectRuleContext): void;
}
