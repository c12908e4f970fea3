import type {
  ArrayExpression,
  ArrowFunctionExpression,
  BindingPattern,
  CallExpression,
  Class,
  Decorator as DecoratorNode,
  Directive,
  Expression,
  Function as FunctionNode,
  MemberExpression,
  MethodDefinition,
  NewExpression,
  Node,
  ObjectExpression,
  ParamPattern,
  Program,
  PropertyDefinition,
  Statement,
  TSTypeAnnotation,
  TSTypeName,
} from '@oxc-project/types';
import type { LineIndex } from '../ast/locate.js';
import { forEachChild } from './children.js';
import { Scope } from './scope.js';
import type { CallSite, CallUse, ChainedCall, ClassInfo, Decorator, FunctionInfo, Origin, Param, ProgramSummary, Ref, Value } from './summary.js';
import { TEXT_KEEPING_METHODS } from './text-methods.js';

/** Array methods whose callback runs once per element: a query inside one runs once per row. */
const ITERATION_METHODS = new Set(['map', 'forEach', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex']);
const PROMISE_HANDLERS = new Set(['then', 'catch', 'finally']);
const LOOP_NAMES: Partial<Record<Node['type'], string>> = {
  ForStatement: 'for',
  ForInStatement: 'for-in',
  ForOfStatement: 'for-of',
  WhileStatement: 'while',
  DoWhileStatement: 'do-while',
};
const BRANCHING = new Set<Node['type']>(['IfStatement', 'ConditionalExpression', 'LogicalExpression', 'CatchClause', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
const MAX_TEXT = 60;
/** How many references a text or a variable keeps for taint: enough for a query's filters, bounded for the cache. */
const MAX_DATA_REFS = 8;
/** How much of the constant end of a built text is kept: enough for a file extension or a closing clause. */
const MAX_TAIL = 24;
/** Member reads on a parameter are kept this deep (`0.body.items`): enough to tell body from query. */
const PARAM_READ_DEPTH = 2;

type FunctionLike = FunctionNode | ArrowFunctionExpression;

interface Context {
  scope: Scope;
  /** Index of the enclosing function, -1 at module level. */
  fn: number;
  /** The class whose `this` is in force (arrows keep it, plain functions lose it). */
  thisClass: number | undefined;
  loop: string | undefined;
  inTry: boolean;
  inCatch: boolean;
  /** Every path after the current statement leaves the nearest loop (set per statement of a loop body). */
  exitsLoop?: boolean;
  /** Inside a fallback branch (`else`, `if (!x)`, `if (x == null)`) of the nearest loop body (or of the function outside loops). */
  inFallback?: boolean;
  /** What the nearest `for-of`/`for-in` loop iterates. */
  loopOver?: Value;
  /** Line of the nearest loop statement: tells two loops of one function apart. */
  loopLine?: number;
  /** Module-level variables tested by the `if`s around this point of the same function (`if (!cache) { … }`). */
  guards?: readonly string[];
  /** Inside the branch of `if (process.env.NODE_ENV === 'development')` (or `'test'`). */
  devOnly?: boolean;
}

/** `process.env.NODE_ENV === 'development'` (or `'test'`, either order): a branch the deployed service never takes. */
const DEV_ONLY_TEST = /process\.env\.NODE_ENV\s*===?\s*['"`](development|dev|test)['"`]|['"`](development|dev|test)['"`]\s*===?\s*process\.env\.NODE_ENV/;

/** How a call's result is chained on: the methods called on it, and the use of the whole chain. */
interface ChainTail {
  chain: ChainedCall[];
  use: CallUse;
  /** The use of the whole chain, before a promise handler in it made `use` read `handled`. */
  outer: CallUse;
}

/** Loop facts of a call site: runs at most once, under a branch, what the loop walks. */
function loopFacts(context: Context): Pick<CallSite, 'exitsLoop' | 'inFallback' | 'loopOver' | 'loopLine'> {
  return {
    ...(context.loop && context.loopLine !== undefined ? { loopLine: context.loopLine } : {}),
    ...(context.loop && context.exitsLoop ? { exitsLoop: true as const } : {}),
    ...(context.inFallback ? { inFallback: true as const } : {}),
    ...(context.loop && context.loopOver && context.loopOver.kind !== 'other' ? { loopOver: context.loopOver } : {}),
  };
}

/** A test whose `then` branch handles what is missing (`!x`, `!x && y`, `x == null`, `x === undefined`): a fallback for some elements. */
function fallbackTest(node: Expression): boolean {
  const test = unwrap(node);
  if (test.type === 'UnaryExpression') return test.operator === '!';
  if (test.type === 'LogicalExpression') return test.operator === '&&' && fallbackTest(test.left);
  if (test.type !== 'BinaryExpression' || (test.operator !== '==' && test.operator !== '===')) return false;
  const missing = (side: Node): boolean => (side.type === 'Literal' && side.value === null) || (side.type === 'Identifier' && side.name === 'undefined');
  return missing(test.left) || missing(test.right);
}

/** The context for one statement of a block: in a loop body, after it (or from it) every path returns, breaks or throws. */
function leavingLoop(context: Context, statements: readonly Node[], position: number): Context {
  if (context.loop === undefined || context.exitsLoop) return context;
  const statement = statements[position]!;
  return leavesLoop(statement) || restLeavesLoop(statements, position + 1) ? { ...context, exitsLoop: true } : context;
}

/** A statement every path of which returns, throws or breaks out of the enclosing loop. */
function leavesLoop(node: Node): boolean {
  switch (node.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
      return true;
    case 'BreakStatement':
      return !node.label;
    case 'BlockStatement':
      return restLeavesLoop(node.body, 0);
    case 'IfStatement':
      return !!node.alternate && leavesLoop(node.consequent) && leavesLoop(node.alternate);
    default:
      return false;
  }
}

/** The statements from `from` on leave the loop on every path, with no `continue` before that. */
function restLeavesLoop(statements: readonly Node[], from: number): boolean {
  for (let position = from; position < statements.length; position++) {
    const statement = statements[position]!;
    if (continues(statement)) return false;
    if (leavesLoop(statement)) return true;
  }
  return false;
}

/** A `continue` of the enclosing loop somewhere in these statements (nested loops and functions aside). */
function continues(node: Node): boolean {
  switch (node.type) {
    case 'ContinueStatement':
      return true;
    case 'BlockStatement':
      return node.body.some(continues);
    case 'IfStatement':
      return continues(node.consequent) || (!!node.alternate && continues(node.alternate));
    case 'TryStatement':
      return continues(node.block) || (!!node.handler && continues(node.handler.body)) || (!!node.finalizer && continues(node.finalizer));
    case 'SwitchStatement':
      return node.cases.some((branch) => branch.consequent.some(continues));
    case 'LabeledStatement':
      return continues(node.body);
    default:
      return false;
  }
}

function unwrap(node: Expression): Expression {
  let current: Expression = node;
  for (;;) {
    switch (current.type) {
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        current = current.expression;
        break;
      case 'ChainExpression':
        current = current.expression as Expression;
        break;
      default:
        return current;
    }
  }
}

function keyName(key: Node, computed: boolean): string | null {
  if (!computed && (key.type === 'Identifier' || key.type === 'PrivateIdentifier')) return key.type === 'PrivateIdentifier' ? `#${key.name}` : key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return null;
}

/**
 * Builds a file's program summary in one pass over its typed tree: functions, classes, call sites
 * with how their callee is named and where they sit (loop, try, await), and what every module-level
 * name and export is. Names are resolved through lexical scopes as they are met, with declarations of
 * each block and function hoisted first, so shadowing and use-before-declaration both resolve right.
 */
export function collectProgram(program: Program, source: string, lines: LineIndex): ProgramSummary {
  const summary: ProgramSummary = { functions: [], classes: [], calls: [], variables: [], exports: {} };
  const variable = (name: string): Origin => {
    summary.variables.push({ name });
    return { kind: 'variable', name, id: summary.variables.length - 1 };
  };
  /** Records what a variable holds, once: a later reassignment does not change what the file says it is. */
  const assign = (origin: Origin | undefined, value: Value) => {
    if (origin?.kind !== 'variable') return;
    const target = summary.variables[origin.id]!;
    target.value ??= value;
  };
  const moduleScope = new Scope(null, true);
  const paramReads: Set<string>[] = [];

  const at = (offset: number) => lines.locate(offset);
  const countStatement = (context: Context) => {
    if (context.fn >= 0) summary.functions[context.fn]!.statements++;
  };
  const countBranch = (context: Context) => {
    if (context.fn >= 0) summary.functions[context.fn]!.branches++;
  };

  // ---- names -------------------------------------------------------------------------------------

  function typeRef(annotation: TSTypeAnnotation | null | undefined, scope: Scope): Ref | undefined {
    const type = annotation?.typeAnnotation;
    if (!type || type.type !== 'TSTypeReference') return undefined;
    const path: string[] = [];
    let name: TSTypeName = type.typeName;
    while (name.type === 'TSQualifiedName') {
      path.unshift(name.right.name);
      name = name.left;
    }
    if (name.type !== 'Identifier') return undefined;
    return { root: scope.lookup(name.name) ?? { kind: 'global', name: name.name }, path };
  }

  /** The member chain an expression names, without evaluating anything, or null (a call, a computed key). */
  function refOf(node: Expression, context: Context): Ref | null {
    const path: string[] = [];
    let current = unwrap(node);
    while (current.type === 'MemberExpression') {
      const name = keyName(current.property, current.computed);
      if (name === null) return null;
      path.unshift(name);
      current = unwrap(current.object);
    }
    if (current.type === 'Identifier') {
      const bound = context.scope.lookupRef(current.name);
      return bound ? { root: bound.root, path: [...bound.path, ...path] } : { root: { kind: 'global', name: current.name }, path };
    }
    if (current.type === 'ThisExpression' && context.thisClass !== undefined) return { root: { kind: 'this', cls: context.thisClass }, path };
    return null;
  }

  function decoratorsOf(decorators: readonly DecoratorNode[] | undefined, context: Context): Decorator[] {
    const result: Decorator[] = [];
    for (const decorator of decorators ?? []) {
      const expression = unwrap(decorator.expression);
      const callee = expression.type === 'CallExpression' ? unwrap(expression.callee) : expression;
      const ref = refOf(callee, context);
      const args = expression.type === 'CallExpression' ? visitArgs(expression, context) : [];
      const name = ref ? (ref.root.kind === 'import' && ref.root.name !== 'default' && ref.root.name !== '*' ? ref.root.name : [nameOfRoot(ref.root), ...ref.path].join('.')) : '<expression>';
      result.push({ name, args, ...(ref?.root.kind === 'import' ? { from: ref.root.specifier } : {}) });
    }
    return result;
  }

  // ---- declarations ------------------------------------------------------------------------------

  /**
   * Declares the names a pattern binds. `prefix` is tracked for parameters only: the member path each
   * name stands for (`({ items: [first], user: { id } })` binds `id` to `param.user.id`); null once an
   * array element or a rest makes the path unknowable. A variable's value is recorded separately.
   */
  function bindPattern(pattern: BindingPattern, scope: Scope, origin: (name: string, key: string | null) => Origin, key: string | null = null, prefix?: string[] | null): void {
    switch (pattern.type) {
      case 'Identifier':
        scope.declare(pattern.name, origin(pattern.name, key), prefix ?? undefined);
        break;
      case 'AssignmentPattern':
        bindPattern(pattern.left, scope, origin, key, prefix);
        break;
      case 'ObjectPattern':
        for (const property of pattern.properties) {
          if (property.type === 'RestElement') bindPattern(property.argument, scope, origin, null, prefix === undefined ? undefined : null);
          else {
            const name = keyName(property.key, property.computed);
            const inner = prefix === undefined ? undefined : prefix && name !== null ? [...prefix, name] : null;
            bindPattern(property.value, scope, origin, name, inner);
          }
        }
        break;
      case 'ArrayPattern':
        for (const element of pattern.elements) if (element) bindPattern(element.type === 'RestElement' ? element.argument : element, scope, origin, null, prefix === undefined ? undefined : null);
        break;
    }
  }

  /** Declarations of a statement list, bound before any statement runs (functions fully, the rest by name). */
  function hoist(statements: readonly (Statement | Directive)[], scope: Scope, context: Context): void {
    for (const statement of statements) {
      const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
      if (!declaration) continue;
      switch (declaration.type) {
        case 'ImportDeclaration':
          for (const specifier of declaration.specifiers) {
            const name = specifier.type === 'ImportDefaultSpecifier' ? 'default' : specifier.type === 'ImportNamespaceSpecifier' ? '*' : specifier.imported.type === 'Literal' ? specifier.imported.value : specifier.imported.name;
            scope.declare(specifier.local.name, { kind: 'import', specifier: declaration.source.value, name });
          }
          break;
        case 'FunctionDeclaration':
          if (declaration.id) scope.varScope().declare(declaration.id.name, { kind: 'function', fn: declareFunction(declaration, context, declaration.id.name) });
          break;
        case 'ClassDeclaration':
          if (declaration.id) scope.declare(declaration.id.name, variable(declaration.id.name));
          break;
        case 'VariableDeclaration': {
          const target = declaration.kind === 'var' ? scope.varScope() : scope;
          for (const declarator of declaration.declarations) bindPattern(declarator.id, target, (name) => variable(name));
          break;
        }
      }
    }
  }

  /** Registers a function (its body is walked when its declaration is reached, in its own scope). */
  const pendingBodies = new Map<FunctionLike, number>();
  function declareFunction(node: FunctionLike, context: Context, name: string, extra: Partial<FunctionInfo> = {}): number {
    const existing = pendingBodies.get(node);
    if (existing !== undefined) return existing;
    const start = at(node.start);
    const index = summary.functions.length;
    summary.functions.push({
      name,
      kind: node.type === 'ArrowFunctionExpression' ? 'arrow' : 'function',
      parent: context.fn,
      async: node.async,
      line: start.line,
      column: start.column,
      endLine: at(node.end).line,
      params: [],
      decorators: [],
      statements: 0,
      branches: 0,
      paramReads: [],
      hasTry: false,
      ...extra,
    });
    paramReads.push(new Set());
    pendingBodies.set(node, index);
    return index;
  }

  function walkFunction(node: FunctionLike, index: number, context: Context, thisClass: number | undefined): void {
    const scope = new Scope(context.scope, true);
    const inner: Context = { scope, fn: index, thisClass, loop: undefined, inTry: false, inCatch: false };
    if (node.type === 'FunctionExpression' && node.id) scope.declare(node.id.name, { kind: 'function', fn: index });
    const info = summary.functions[index]!;
    info.params = node.params.map((param, position) => declareParam(param, position, index, inner));
    const body = node.body;
    if (!body) return;
    if (body.type === 'BlockStatement') {
      hoist(body.body, scope, inner);
      info.hasTry = body.body.some((statement) => statement.type === 'TryStatement');
      visitSequence(body.body, inner);
    } else {
      noteReturn(index, visitValue(body, inner, 'return'));
    }
  }

  function noteReturn(fn: number, value: Value): void {
    const info = summary.functions[fn];
    if (!info || info.returns) return;
    // Objects and arrays too: a controller factory returns its handlers, a module its route table.
    if (value.kind === 'function' || value.kind === 'ref' || value.kind === 'new' || value.kind === 'call') info.returns = value;
    else if (value.kind === 'object' || value.kind === 'array') info.returns = pruned(value, 0);
  }

  function declareParam(param: ParamPattern, position: number, fn: number, context: Context): Param {
    const pattern = param.type === 'TSParameterProperty' ? param.parameter : param.type === 'RestElement' ? param.argument : param;
    const decorators = decoratorsOf(param.decorators, context);
    const annotation = param.type === 'TSParameterProperty' ? annotationOf(param.parameter) : param.type === 'RestElement' ? param.typeAnnotation : annotationOf(param);
    const type = typeRef(annotation, context.scope);
    const origin: Origin = { kind: 'param', fn, index: position, ...(type ? { type } : {}) };
    bindPattern(pattern, context.scope, () => origin, null, []);
    if (pattern.type === 'AssignmentPattern') visitValue(pattern.right, context, 'other');
    const name = pattern.type === 'Identifier' ? pattern.name : pattern.type === 'AssignmentPattern' && pattern.left.type === 'Identifier' ? pattern.left.name : null;
    return { name, ...(type ? { type } : {}), decorators };
  }

  function annotationOf(pattern: BindingPattern): TSTypeAnnotation | null | undefined {
    if (pattern.type === 'AssignmentPattern') return annotationOf(pattern.left);
    return pattern.typeAnnotation;
  }

  // ---- classes -----------------------------------------------------------------------------------

  function visitClass(node: Class, context: Context, name: string): number {
    const index = summary.classes.length;
    const start = at(node.start);
    const info: ClassInfo = {
      name,
      line: start.line,
      column: start.column,
      endLine: at(node.end).line,
      decorators: [],
      superClass: null,
      members: {},
      constructorParams: [],
      methods: {},
      fieldValues: {},
    };
    summary.classes.push(info);
    info.decorators = decoratorsOf(node.decorators, context);
    if (node.superClass) info.superClass = refOf(node.superClass, context) ?? (visit(node.superClass, context), null);
    const ports = (node.implements ?? []).flatMap((clause) => refOf(clause.expression as Expression, context) ?? []);
    if (ports.length) info.implements = ports;
    if (node.abstract) info.abstract = true;
    const classScope = new Scope(context.scope, false);
    if (node.id) classScope.declare(node.id.name, { kind: 'class', cls: index });
    const inClass: Context = { ...context, scope: classScope, thisClass: index };
    for (const element of node.body.body) {
      if (element.type === 'MethodDefinition' || element.type === 'TSAbstractMethodDefinition') visitMethod(element, info, index, inClass);
      else if (element.type === 'PropertyDefinition' || element.type === 'TSAbstractPropertyDefinition') visitField(element, info, index, inClass);
      else if (element.type === 'StaticBlock') for (const statement of element.body) visit(statement, inClass);
    }
    return index;
  }

  function visibilityOf(accessibility: string | null | undefined, key: Node): 'public' | 'private' | 'protected' {
    if (key.type === 'PrivateIdentifier') return 'private';
    return accessibility === 'private' || accessibility === 'protected' ? accessibility : 'public';
  }

  function visitMethod(element: MethodDefinition, info: ClassInfo, cls: number, context: Context): void {
    const name = keyName(element.key, element.computed) ?? '<computed>';
    const kind = element.kind === 'constructor' ? 'constructor' : element.kind === 'get' ? 'getter' : element.kind === 'set' ? 'setter' : 'method';
    const index = declareFunction(element.value, context, `${info.name}.${name}`, {
      kind,
      cls,
      decorators: decoratorsOf(element.decorators, context),
      visibility: visibilityOf(element.accessibility, element.key),
      ...(element.static ? { static: true } : {}),
    });
    if (kind !== 'getter' && kind !== 'setter') info.methods[name] = index;
    walkFunction(element.value, index, context, cls);
    if (kind !== 'constructor') return;
    const fn = summary.functions[index]!;
    info.constructorParams = fn.params;
    element.value.params.forEach((param, position) => {
      const type = fn.params[position]?.type;
      if (param.type === 'TSParameterProperty' && param.parameter.type === 'Identifier' && type) info.members[param.parameter.name] = type;
    });
  }

  function visitField(element: PropertyDefinition, info: ClassInfo, cls: number, context: Context): void {
    const name = keyName(element.key, element.computed);
    const decorators = decoratorsOf(element.decorators, context);
    if (name && !element.static) (info.fields ??= {})[name] = decorators;
    const type = typeRef(element.typeAnnotation, context.scope);
    if (name && type) info.members[name] = type;
    if (!element.value) return;
    const value = unwrap(element.value);
    if (name && (value.type === 'ArrowFunctionExpression' || value.type === 'FunctionExpression')) {
      // `create = async (req, res) => {}`: a method in all but syntax, the shape Express controllers favour.
      const index = declareFunction(value, context, `${info.name}.${name}`, { kind: 'method', cls, visibility: visibilityOf(element.accessibility, element.key) });
      info.methods[name] = index;
      walkFunction(value, index, context, value.type === 'ArrowFunctionExpression' ? cls : undefined);
      return;
    }
    const held = visitValue(element.value, context, 'assigned');
    if (name) info.fieldValues[name] = held;
  }

  // ---- calls -------------------------------------------------------------------------------------

  function visitCall(node: CallExpression | NewExpression, context: Context, use: CallUse, tail?: ChainTail): Value {
    const callee = unwrap(node.callee);
    const construct = node.type === 'NewExpression';
    // `a.b().c()`: the outer call is a continuation of the inner one, which records the chain.
    if (!construct && callee.type === 'MemberExpression' && unwrap(callee.object).type === 'CallExpression' || unwrap(callee).type === 'NewExpression' && callee.type === 'MemberExpression') {
      const method = keyName(callee.property, callee.computed);
      const args = visitArgs(node, context);
      const chained: ChainTail = { chain: [{ name: method ?? '<computed>', args }, ...(tail?.chain ?? [])], use: method && PROMISE_HANDLERS.has(method) ? 'handled' : (tail?.use ?? use), outer: tail?.outer ?? use };
      const object = unwrap(callee.object) as CallExpression | NewExpression;
      markIterationCallbacks(method, node, args);
      const receiver = visitCall(object, context, 'other', chained);
      markIterationOver(method, node, args, receiver);
      return receiver;
    }
    const ref = refOf(callee, context);
    const calleeValue = ref ? undefined : visitValue(callee, context, 'other');
    const start = at(node.start);
    const index = summary.calls.length;
    const site: CallSite = {
      fn: context.fn,
      callee: ref,
      line: start.line,
      column: start.column,
      text: source.slice(callee.start, Math.min(callee.end, callee.start + MAX_TEXT)),
      use: tail?.use ?? use,
      ...(calleeValue && calleeValue.kind !== 'other' ? { calleeValue } : {}),
      ...(construct ? { construct: true } : {}),
      ...(context.loop ? { loop: context.loop } : {}),
      ...(context.inTry ? { inTry: true } : {}),
      ...(context.inCatch ? { inCatch: true } : {}),
      ...loopFacts(context),
      ...(context.guards?.length ? { guards: [...context.guards] } : {}),
      ...(context.devOnly ? { devOnly: true } : {}),
      ...(tail?.chain.length ? { chain: tail.chain } : {}),
      ...(tail && tail.use === 'handled' && tail.outer !== 'handled' ? { chainUse: tail.outer } : {}),
    };
    summary.calls.push(site);
    if (ref && ref.root.kind === 'param' && ref.path.length > 0) paramReads[ref.root.fn]?.add([ref.root.index, ...ref.path.slice(0, PARAM_READ_DEPTH)].join('.'));
    const args = visitArgs(node, context);
    if (args.length) site.args = args;
    markIterationCallbacks(ref?.path.at(-1), node, args);
    if (ref && ref.path.length > 0) markIterationOver(ref.path.at(-1), node, args, { kind: 'ref', ref: { root: ref.root, path: ref.path.slice(0, -1) } });
    return construct ? { kind: 'new', call: index } : { kind: 'call', call: index };
  }

  function visitArgs(node: CallExpression | NewExpression, context: Context): Value[] {
    return node.arguments.map((arg) => (arg.type === 'SpreadElement' ? (visitValue(arg.argument, context, 'argument'), { kind: 'other' as const }) : pruned(visitValue(arg, context, 'argument'), 0)));
  }

  function markIterationCallbacks(method: string | null | undefined, node: CallExpression | NewExpression, args: Value[]): void {
    if (!method || !ITERATION_METHODS.has(method) || node.type === 'NewExpression') return;
    const first = args[0];
    if (first?.kind === 'function') summary.functions[first.fn]!.iteration = method;
  }

  /** Records what an iteration callback walks (`items.map(cb)`: `items`). */
  function markIterationOver(method: string | null | undefined, node: CallExpression | NewExpression, args: Value[], receiver: Value): void {
    if (!method || !ITERATION_METHODS.has(method) || node.type === 'NewExpression') return;
    const first = args[0];
    if (first?.kind === 'function') summary.functions[first.fn]!.iterationOver = pruned(receiver, 0);
  }

  // ---- values ------------------------------------------------------------------------------------

  function functionValue(node: FunctionLike, context: Context, name: string): Value {
    const index = declareFunction(node, context, name);
    walkFunction(node, index, context, node.type === 'ArrowFunctionExpression' ? context.thisClass : undefined);
    return { kind: 'function', fn: index };
  }

  function recordParamRead(node: MemberExpression, context: Context): Ref | null {
    const ref = refOf(node, context);
    if (ref && ref.root.kind === 'param' && ref.path.length > 0) paramReads[ref.root.fn]?.add([ref.root.index, ...ref.path.slice(0, PARAM_READ_DEPTH)].join('.'));
    return ref;
  }

  /**
   * The references an expression's value is made of, for taint: a name or member chain, both
   * branches of `?:`, both sides of `||`/`??`/`&&` and `+`, the parts of a template, and the receiver
   * of a string method that keeps the text (`trim`, `toLowerCase`, `slice`…). Any other call ends the
   * path: what a function returns is not its argument (a hash, an escape, a parser).
   */
  function dataRefs(node: Expression, context: Context, found: Ref[] = [], depth = 0): Ref[] {
    if (found.length >= MAX_DATA_REFS || depth > 6) return found;
    const expression = unwrap(node);
    switch (expression.type) {
      case 'Identifier':
      case 'MemberExpression': {
        const ref = refOf(expression, context);
        if (ref) found.push(ref);
        else if (expression.type === 'MemberExpression') dataRefs(expression.object as Expression, context, found, depth + 1);
        break;
      }
      case 'ConditionalExpression':
        dataRefs(expression.consequent, context, found, depth + 1);
        dataRefs(expression.alternate, context, found, depth + 1);
        break;
      case 'LogicalExpression':
      case 'BinaryExpression':
        if (expression.type === 'LogicalExpression' || expression.operator === '+') {
          dataRefs(expression.left as Expression, context, found, depth + 1);
          dataRefs(expression.right, context, found, depth + 1);
        }
        break;
      case 'TemplateLiteral':
        for (const part of expression.expressions) dataRefs(part, context, found, depth + 1);
        break;
      case 'AwaitExpression':
        dataRefs(expression.argument, context, found, depth + 1);
        break;
      case 'CallExpression': {
        const callee = unwrap(expression.callee as Expression);
        if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && TEXT_KEEPING_METHODS.has(callee.property.name)) {
          dataRefs(callee.object as Expression, context, found, depth + 1);
        } else if (callee.type === 'Identifier' && callee.name === 'String' && expression.arguments[0] && expression.arguments[0].type !== 'SpreadElement') {
          dataRefs(expression.arguments[0], context, found, depth + 1);
        }
        break;
      }
      default:
        break;
    }
    return found;
  }

  /** A variable's data references, added to what it already has (a reassignment adds its own). */
  const addDataRefs = (origin: Origin | undefined, refs: Ref[]) => {
    if (origin?.kind !== 'variable' || !refs.length) return;
    const target = summary.variables[origin.id]!;
    const from = (target.from ??= []);
    for (const ref of refs) if (from.length < MAX_DATA_REFS) from.push(ref);
  };

  /** Object and array literals the walk is inside of: past MAX_LITERAL_NESTING their structure is dropped. */
  let literalNesting = 0;

  function objectValue(expression: ObjectExpression, context: Context, name: string): Value {
    const properties: Record<string, Value> = {};
    let spread = false;
    const spreads: Ref[] = [];
    for (const property of expression.properties) {
      if (property.type === 'SpreadElement') {
        spread = true;
        const spreadValue = visitValue(property.argument, context, 'other');
        if (spreadValue.kind === 'ref' && spreads.length < MAX_SPREADS) spreads.push(spreadValue.ref);
        continue;
      }
      const key = keyName(property.key, property.computed);
      if (property.computed) visitValue(property.key as Expression, context, 'other');
      const value = visitValue(property.value, context, 'other', key ?? name);
      if (key !== null) properties[key] = value;
    }
    const routeShaped = 'method' in properties && ('path' in properties || 'url' in properties) && 'handler' in properties;
    return { kind: 'object', properties, spread, ...(routeShaped ? { line: at(expression.start).line } : {}), ...(spreads.length ? { spreads } : {}) };
  }

  function arrayValue(expression: ArrayExpression, context: Context): Value {
    return {
      kind: 'array',
      elements: expression.elements.map((element) => (element === null ? { kind: 'other' } : element.type === 'SpreadElement' ? (visitValue(element.argument, context, 'other'), { kind: 'other' }) : visitValue(element, context, 'other'))),
    };
  }

  /** Walks an expression (recording its calls and functions) and says what it evaluates to. */
  function visitValue(node: Expression, context: Context, use: CallUse, name = '<anonymous>'): Value {
    const expression = unwrap(node);
    switch (expression.type) {
      case 'Identifier':
        return { kind: 'ref', ref: context.scope.lookupRef(expression.name) ?? { root: { kind: 'global', name: expression.name }, path: [] } };
      case 'ThisExpression':
        return context.thisClass === undefined ? { kind: 'other' } : { kind: 'ref', ref: { root: { kind: 'this', cls: context.thisClass }, path: [] } };
      case 'MemberExpression': {
        const ref = recordParamRead(expression, context);
        if (ref) {
          // a computed key inside an otherwise named chain is still walked for its calls
          return { kind: 'ref', ref };
        }
        visit(expression.object, context);
        if (expression.computed) visitValue(expression.property, context, 'other');
        return { kind: 'other' };
      }
      case 'CallExpression':
      case 'NewExpression':
        return visitCall(expression, context, use);
      case 'AwaitExpression':
        if (context.fn >= 0) summary.functions[context.fn]!.awaits = true;
        return visitValue(expression.argument, context, 'await');
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return functionValue(expression, context, expression.type === 'FunctionExpression' && expression.id ? expression.id.name : name);
      case 'ClassExpression':
        return { kind: 'ref', ref: { root: { kind: 'class', cls: visitClass(expression, context, expression.id?.name ?? name) }, path: [] } };
      case 'Literal':
        if (typeof expression.value === 'string') return { kind: 'string', value: expression.value };
        if (typeof expression.value === 'number') return { kind: 'number', value: expression.value };
        if (typeof expression.value === 'boolean') return { kind: 'boolean', value: expression.value };
        return { kind: 'other' };
      case 'TaggedTemplateExpression': {
        // A tagged template is a call of its tag (`prisma.$queryRaw\`…\``, `sql\`…\``): recorded as one.
        const tag = refOf(expression.tag, context);
        const calleeValue = tag ? undefined : visitValue(expression.tag, context, 'other');
        for (const part of expression.quasi.expressions) visitValue(part, context, 'other');
        const tagged: Value = { kind: 'tagged', tag, head: (expression.quasi.quasis[0]?.value.cooked ?? '').slice(0, MAX_TEXT) };
        const start = at(expression.start);
        summary.calls.push({
          fn: context.fn,
          callee: tag,
          line: start.line,
          column: start.column,
          text: source.slice(expression.tag.start, Math.min(expression.tag.end, expression.tag.start + MAX_TEXT)),
          use,
          args: [tagged],
          ...(calleeValue && calleeValue.kind !== 'other' ? { calleeValue } : {}),
          ...(context.loop ? { loop: context.loop } : {}),
          ...(context.inTry ? { inTry: true } : {}),
          ...(context.inCatch ? { inCatch: true } : {}),
          ...loopFacts(context),
        });
        // As a value it is the template (what a query receives: `pool.query(sql\`…\`)`), not the call.
        return tagged;
      }
      case 'TemplateLiteral': {
        for (const part of expression.expressions) visitValue(part, context, 'other');
        if (expression.expressions.length === 0) return { kind: 'string', value: expression.quasis[0]?.value.cooked ?? '' };
        const from = dataRefs(expression, context);
        const tail = (expression.quasis.at(-1)?.value.cooked ?? '').slice(-MAX_TAIL);
        return { kind: 'text', dynamic: true, head: (expression.quasis[0]?.value.cooked ?? '').slice(0, MAX_TEXT), ...(from.length ? { from } : {}), ...(tail ? { tail } : {}) };
      }
      case 'BinaryExpression': {
        const left = visitValue(expression.left as Expression, context, 'other');
        const right = visitValue(expression.right, context, 'other');
        if (expression.operator !== '+') return { kind: 'other' };
        const textual = (value: Value) => value.kind === 'string' || value.kind === 'text';
        if (!textual(left) && !textual(right)) return { kind: 'other' };
        const head = left.kind === 'string' ? left.value : left.kind === 'text' ? left.head : '';
        const dynamic = !(left.kind === 'string' && right.kind === 'string') && (left.kind !== 'text' || left.dynamic || right.kind !== 'string');
        if (!dynamic) return { kind: 'string', value: `${head}${right.kind === 'string' ? right.value : ''}` };
        const from = dataRefs(expression, context);
        const tail = (right.kind === 'string' ? right.value : right.kind === 'text' ? (right.tail ?? '') : '').slice(-MAX_TAIL);
        return { kind: 'text', dynamic: true, head: head.slice(0, MAX_TEXT), ...(from.length ? { from } : {}), ...(tail ? { tail } : {}) };
      }
      case 'ObjectExpression':
      case 'ArrayExpression':
        // Past the bound a literal is still walked for its calls, but its structure is not kept.
        literalNesting++;
        try {
          const value = expression.type === 'ObjectExpression' ? objectValue(expression, context, name) : arrayValue(expression, context);
          return literalNesting > MAX_LITERAL_NESTING ? { kind: 'other' } : value;
        } finally {
          literalNesting--;
        }
      case 'UnaryExpression':
        visitValue(expression.argument, context, expression.operator === 'void' ? 'void' : 'other');
        return { kind: 'other' };
      case 'ConditionalExpression':
        countBranch(context);
        visitValue(expression.test, context, 'other');
        visitValue(expression.consequent, context, use);
        visitValue(expression.alternate, context, use);
        return { kind: 'other' };
      case 'LogicalExpression': {
        countBranch(context);
        const left = visitValue(expression.left, context, 'other');
        const fallback = visitValue(expression.right, context, use === 'statement' ? 'statement' : 'other');
        // `global.prisma || new PrismaClient()`: the cached-singleton idiom holds what the fallback constructs.
        if (expression.operator !== '&&' && fallback.kind === 'new') return fallback;
        // `process.env.SECRET || 'dev-secret'`: what runs wherever the variable is not set.
        const env = left.kind === 'ref' && left.ref.root.kind === 'global' && left.ref.root.name === 'process' && left.ref.path.length === 2 && left.ref.path[0] === 'env' ? left.ref.path[1]! : null;
        if (expression.operator !== '&&' && env && fallback.kind === 'string') return { kind: 'env-default', env, value: fallback.value };
        return { kind: 'other' };
      }
      case 'SequenceExpression':
        expression.expressions.forEach((part, position) => visitValue(part, context, position === expression.expressions.length - 1 ? use : 'statement'));
        return { kind: 'other' };
      case 'AssignmentExpression':
        return visitAssignment(expression.left, expression.right, expression.operator, context);
      default:
        visit(expression, context);
        return { kind: 'other' };
    }
  }

  function visitAssignment(left: Node, right: Expression, operator: string, context: Context): Value {
    const value = visitValue(right, context, 'assigned', left.type === 'MemberExpression' ? (keyName(left.property, left.computed) ?? '<anonymous>') : left.type === 'Identifier' ? left.name : '<anonymous>');
    // A module-level variable, or a member of one (`cache[key] = …`): a memo the function fills.
    let base: Node = left;
    while (base.type === 'MemberExpression') base = unwrap(base.object);
    if (base.type === 'Identifier' && context.fn >= 0 && isModuleVariable(base.name, context)) {
      const assigns = (summary.functions[context.fn]!.assigns ??= []);
      if (!assigns.includes(base.name)) assigns.push(base.name);
    }
    if (left.type === 'Identifier') {
      // `q = q.trim()`, `sql += ' AND ' + filter`: what the variable is made of grows.
      addDataRefs(context.scope.lookup(left.name), dataRefs(right, context));
      if (operator !== '=') return value;
      assign(context.scope.lookup(left.name), value);
      return value;
    }
    if (operator !== '=') return value;
    if (left.type !== 'MemberExpression') {
      visit(left, context);
      return value;
    }
    const target = refOf(left, context);
    if (!target) {
      visit(left, context);
      return value;
    }
    // CommonJS exports: `module.exports = x`, `module.exports.name = x`, `exports.name = x`.
    const root = target.root.kind === 'global' ? target.root.name : null;
    if (root === 'module' && target.path[0] === 'exports') {
      if (target.path.length === 1) summary.exports['*'] = value;
      else if (target.path.length === 2) summary.exports[target.path[1]!] = value;
    } else if (root === 'exports' && target.path.length === 1) {
      summary.exports[target.path[0]!] = value;
    } else if (target.root.kind === 'this' && target.path.length === 1) {
      // `this.orders = orders` in a constructor: the field takes the parameter's declared type.
      const cls = summary.classes[target.root.cls]!;
      const field = target.path[0]!;
      if (value.kind === 'ref' && value.ref.root.kind === 'param' && value.ref.root.type && value.ref.path.length === 0) cls.members[field] ??= value.ref.root.type;
      else cls.fieldValues[field] ??= value;
    } else if (target.root.kind === 'import' || target.root.kind === 'global' || target.root.kind === 'variable') {
      (summary.memberWrites ??= []).push({ target, value, line: at(left.start).line });
    } else if (target.root.kind === 'param' && (value.kind === 'call' || value.kind === 'ref')) {
      // `req.user = decoded`: what a middleware or guard puts on the request, and from where.
      (summary.memberWrites ??= []).push({ target, value, line: at(left.start).line, fn: context.fn });
    }
    return value;
  }

  // ---- statements --------------------------------------------------------------------------------

  function visitDeclarator(id: BindingPattern, init: Expression | null, context: Context, kind: string): void {
    const scope = kind === 'var' ? context.scope.varScope() : context.scope;
    if (!init) return;
    const name = id.type === 'Identifier' ? id.name : '<anonymous>';
    const value = visitValue(init, context, 'assigned', name);
    if (id.type === 'Identifier') {
      const origin = scope.lookup(id.name);
      assign(origin, value);
      if (value.kind === 'other') addDataRefs(origin, dataRefs(init, context));
      const type = typeRef(id.typeAnnotation, context.scope);
      if (type && origin?.kind === 'variable') summary.variables[origin.id]!.type ??= type;
      return;
    }
    if (id.type !== 'ObjectPattern') return;
    // `const { Router } = require('express')` and `const { a } = someObject`: each name is a member.
    for (const property of id.properties) {
      if (property.type === 'RestElement' || property.value.type !== 'Identifier') continue;
      const key = keyName(property.key, property.computed);
      if (key === null) continue;
      const memberValue: Value | null =
        value.kind === 'call' && isRequire(summary.calls[value.call]!)
          ? requireMember(summary.calls[value.call]!, key)
          : value.kind === 'ref'
            ? { kind: 'ref', ref: { root: value.ref.root, path: [...value.ref.path, key] } }
            : null;
      if (memberValue) assign(scope.lookup(property.value.name), memberValue);
    }
  }

  function isRequire(call: CallSite): boolean {
    return call.callee?.root.kind === 'global' && call.callee.root.name === 'require' && call.callee.path.length === 0 && call.args?.[0]?.kind === 'string';
  }

  function requireMember(call: CallSite, key: string): Value {
    const specifier = (call.args![0] as { value: string }).value;
    return { kind: 'ref', ref: { root: { kind: 'import', specifier, name: key }, path: [] } };
  }

  function visitBlock(statements: readonly (Statement | Directive)[], context: Context): void {
    const scope = new Scope(context.scope, false);
    const inner = { ...context, scope };
    hoist(statements, scope, inner);
    visitSequence(statements, inner);
  }

  /** A module-level variable (not shadowed here): what a memo or once-flag is kept in. */
  function isModuleVariable(name: string, context: Context): boolean {
    const origin = context.scope.lookup(name);
    return origin?.kind === 'variable' && origin === moduleScope.lookup(name);
  }

  /** The module-level variables an `if` test reads. */
  function guardNames(test: Expression, context: Context): string[] {
    const names: string[] = [];
    const walk = (node: Node): void => {
      if (node.type === 'Identifier') {
        if (!names.includes(node.name) && isModuleVariable(node.name, context)) names.push(node.name);
        return;
      }
      if (node.type === 'MemberExpression' && !node.computed) return walk(node.object);
      if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') return;
      forEachChild(node, walk);
    };
    walk(test);
    return names;
  }

  function guarded(context: Context, names: readonly string[]): Context {
    return names.length ? { ...context, guards: [...(context.guards ?? []), ...names.filter((name) => !context.guards?.includes(name))] } : context;
  }

  /** Statements in order; after `if (cache) return cache;` the rest of the block runs only while the guard is unset. */
  function visitSequence(statements: readonly (Statement | Directive)[], context: Context): void {
    let current = context;
    for (const [position, statement] of statements.entries()) {
      visit(statement, leavingLoop(current, statements, position));
      if (statement.type === 'IfStatement' && !statement.alternate && exits(statement.consequent)) current = guarded(current, guardNames(statement.test, current));
    }
  }

  /** Visits any node; expressions go through `visitValue`, statements are handled by kind. */
  function visit(node: Node, context: Context): void {
    if (node.type.endsWith('Statement') && node.type !== 'BlockStatement') countStatement(context);
    else if (node.type === 'VariableDeclaration' || node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') countStatement(context);
    if (BRANCHING.has(node.type) && node.type !== 'ConditionalExpression' && node.type !== 'LogicalExpression') countBranch(context);
    switch (node.type) {
      case 'ExpressionStatement':
        visitValue(node.expression, context, 'statement');
        return;
      case 'ReturnStatement':
        if (node.argument) {
          const value = visitValue(node.argument, context, 'return');
          if (context.fn >= 0) noteReturn(context.fn, value);
        }
        return;
      case 'VariableDeclaration':
        for (const declarator of node.declarations) visitDeclarator(declarator.id, declarator.init, context, node.kind);
        return;
      case 'FunctionDeclaration': {
        const index = declareFunction(node, context, node.id?.name ?? '<anonymous>');
        walkFunction(node, index, context, undefined);
        return;
      }
      case 'ClassDeclaration': {
        const index = visitClass(node, context, node.id?.name ?? 'default');
        if (node.id) assign(context.scope.lookup(node.id.name), { kind: 'ref', ref: { root: { kind: 'class', cls: index }, path: [] } });
        return;
      }
      case 'BlockStatement':
        visitBlock(node.body, context);
        return;
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement': {
        const scope = new Scope(context.scope, false);
        const outside = { ...context, scope };
        const inside: Context = { ...outside, loop: LOOP_NAMES[node.type], exitsLoop: false, inFallback: false, loopOver: undefined, loopLine: at(node.start).line };
        if (node.type === 'ForStatement') {
          if (node.init) node.init.type === 'VariableDeclaration' ? (hoist([node.init], scope, outside), visit(node.init, outside)) : visitValue(node.init, outside, 'other');
          if (node.test) visitValue(node.test, inside, 'other');
          if (node.update) visitValue(node.update, inside, 'statement');
        } else if (node.type === 'ForInStatement' || node.type === 'ForOfStatement') {
          if (node.type === 'ForOfStatement' && node.await && context.fn >= 0) summary.functions[context.fn]!.awaits = true;
          inside.loopOver = pruned(visitValue(node.right, outside, node.type === 'ForOfStatement' && node.await ? 'await' : 'other'), 0);
          if (node.left.type === 'VariableDeclaration') for (const declarator of node.left.declarations) bindPattern(declarator.id, scope, (name) => variable(name));
        } else {
          visitValue(node.test, inside, 'other');
        }
        visit(node.body, inside);
        return;
      }
      case 'TryStatement':
        visitBlock(node.block.body, { ...context, inTry: true, inCatch: false });
        if (node.handler) {
          countBranch(context);
          const scope = new Scope(context.scope, false);
          if (node.handler.param) bindPattern(node.handler.param, scope, () => ({ kind: 'caught' }));
          visitBlock(node.handler.body.body, { ...context, scope, inTry: false, inCatch: true });
        }
        if (node.finalizer) visitBlock(node.finalizer.body, context);
        return;
      case 'SwitchCase':
        if (node.test) countBranch(context);
        break;
      case 'IfStatement': {
        visitValue(node.test, context, 'other');
        const inside = guarded(context, guardNames(node.test, context));
        const test = source.slice(node.test.start, node.test.end);
        const branch = fallbackTest(node.test) ? { ...inside, inFallback: true } : inside;
        visit(node.consequent, DEV_ONLY_TEST.test(test) ? { ...branch, devOnly: true } : branch);
        if (node.alternate) visit(node.alternate, { ...inside, inFallback: true });
        return;
      }
      case 'ImportDeclaration':
        return;
      case 'ExportNamedDeclaration':
        if (node.declaration) {
          visit(node.declaration, context);
          for (const name of declaredNames(node.declaration)) {
            const origin = context.scope.lookup(name);
            if (origin) summary.exports[name] = valueOfOrigin(origin);
          }
        } else if (!node.source) {
          for (const specifier of node.specifiers) {
            const local = specifier.local.type === 'Literal' ? specifier.local.value : specifier.local.name;
            const exported = specifier.exported.type === 'Literal' ? specifier.exported.value : specifier.exported.name;
            const origin = context.scope.lookup(local);
            if (origin) summary.exports[exported] = valueOfOrigin(origin);
          }
        }
        return;
      case 'ExportDefaultDeclaration': {
        const declaration = node.declaration;
        if (declaration.type === 'FunctionDeclaration') {
          const index = declareFunction(declaration, context, declaration.id?.name ?? 'default');
          walkFunction(declaration, index, context, undefined);
          summary.exports.default = { kind: 'function', fn: index };
        } else if (declaration.type === 'ClassDeclaration') {
          const index = visitClass(declaration, context, declaration.id?.name ?? 'default');
          summary.exports.default = { kind: 'ref', ref: { root: { kind: 'class', cls: index }, path: [] } };
          if (declaration.id) assign(context.scope.lookup(declaration.id.name), summary.exports.default);
        } else if (declaration.type !== 'TSInterfaceDeclaration') {
          summary.exports.default = visitValue(declaration, context, 'assigned', 'default');
        }
        return;
      }
      case 'TSExportAssignment':
        summary.exports['*'] = visitValue(node.expression, context, 'assigned');
        return;
      case 'TSInterfaceDeclaration':
      case 'TSTypeAliasDeclaration':
      case 'TSDeclareFunction':
      case 'TSModuleDeclaration':
      case 'TSEnumDeclaration':
        return;
    }
    if (isExpression(node)) {
      visitValue(node, context, 'other');
      return;
    }
    forEachChild(node, (child) => visit(child, context));
  }

  /** A variable is exported as itself, not its value: importers then share its identity (one router, mounted once). */
  function valueOfOrigin(origin: Origin): Value {
    if (origin.kind === 'function') return { kind: 'function', fn: origin.fn };
    return { kind: 'ref', ref: { root: origin, path: [] } };
  }

  const context: Context = { scope: moduleScope, fn: -1, thisClass: undefined, loop: undefined, inTry: false, inCatch: false };
  hoist(program.body, moduleScope, context);
  for (const statement of program.body) visit(statement, context);
  summary.functions.forEach((fn, index) => (fn.paramReads = [...paramReads[index]!].sort()));
  return summary;
}

/**
 * What an argument holds, kept as deep as a model reads it: route and query options, schemas and
 * timeouts sit within a few levels. Deeper structure (a Mongo pipeline, a large config literal) would
 * only grow the cache; it reads as `other`, which every model takes as "cannot tell".
 */
const MAX_VALUE_DEPTH = 4;
const MAX_PROPERTIES = 24;
/** Spread sources kept per object literal: enough for `{ ...defaults, ...req.body }`. */
const MAX_SPREADS = 4;
/**
 * Literals nested deeper than this keep no structure (read as `other`): no model reads that deep, and
 * a summary nested a thousand levels could not be serialised to cross threads or into the cache.
 */
const MAX_LITERAL_NESTING = 64;
/** Module `providers` lists run long; what sits past this many elements is not read. */
const MAX_ELEMENTS = 64;

/**
 * The value within the summary's bounds: past MAX_VALUE_DEPTH a literal is `other`, past MAX_PROPERTIES
 * and MAX_ELEMENTS the rest is dropped. Most values are within them already and are kept as they are:
 * copying every object and array argument again was a twentieth of the collector's own time.
 */
function pruned(value: Value, depth: number): Value {
  return exceedsBounds(value, depth) ? prunedCopy(value, depth) : value;
}

function exceedsBounds(value: Value, depth: number): boolean {
  if (value.kind === 'object') {
    if (depth >= MAX_VALUE_DEPTH) return true;
    const keys = Object.keys(value.properties);
    return keys.length > MAX_PROPERTIES || keys.some((key) => exceedsBounds(value.properties[key]!, depth + 1));
  }
  if (value.kind === 'array') {
    if (depth >= MAX_VALUE_DEPTH || value.elements.length > MAX_ELEMENTS) return true;
    return value.elements.some((element) => exceedsBounds(element, depth + 1));
  }
  return false;
}

function prunedCopy(value: Value, depth: number): Value {
  if (value.kind === 'object') {
    if (depth >= MAX_VALUE_DEPTH) return { kind: 'other' };
    const properties: Record<string, Value> = {};
    for (const [key, property] of Object.entries(value.properties).slice(0, MAX_PROPERTIES)) properties[key] = prunedCopy(property, depth + 1);
    return {
      kind: 'object',
      properties,
      spread: value.spread || Object.keys(value.properties).length > MAX_PROPERTIES,
      ...(value.line === undefined ? {} : { line: value.line }),
      ...(value.spreads ? { spreads: value.spreads } : {}),
    };
  }
  if (value.kind === 'array') {
    if (depth >= MAX_VALUE_DEPTH) return { kind: 'other' };
    return { kind: 'array', elements: value.elements.slice(0, MAX_ELEMENTS).map((element) => prunedCopy(element, depth + 1)) };
  }
  return value;
}

function nameOfRoot(origin: Origin): string {
  return origin.kind === 'import' || origin.kind === 'global' || origin.kind === 'variable' ? origin.name : origin.kind;
}

function declaredNames(declaration: Node): string[] {
  if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id) return [declaration.id.name];
  if (declaration.type !== 'VariableDeclaration') return [];
  const names: string[] = [];
  const collect = (pattern: BindingPattern): void => {
    if (pattern.type === 'Identifier') names.push(pattern.name);
    else if (pattern.type === 'AssignmentPattern') collect(pattern.left);
    else if (pattern.type === 'ObjectPattern') for (const property of pattern.properties) collect(property.type === 'RestElement' ? property.argument : property.value);
    else for (const element of pattern.elements) if (element) collect(element.type === 'RestElement' ? element.argument : element);
  };
  for (const declarator of declaration.declarations) collect(declarator.id);
  return names;
}

const EXPRESSION_TYPES = new Set<string>([
  'Identifier', 'ThisExpression', 'MemberExpression', 'CallExpression', 'NewExpression', 'AwaitExpression', 'ArrowFunctionExpression', 'FunctionExpression',
  'ClassExpression', 'Literal', 'TemplateLiteral', 'TaggedTemplateExpression', 'BinaryExpression', 'ObjectExpression', 'ArrayExpression', 'UnaryExpression', 'ConditionalExpression',
  'LogicalExpression', 'SequenceExpression', 'AssignmentExpression', 'ParenthesizedExpression', 'TSAsExpression', 'TSSatisfiesExpression',
  'TSNonNullExpression', 'TSTypeAssertion', 'ChainExpression', 'TSInstantiationExpression',
]);

/** A statement that always leaves the block: `return …`, `throw …`, or a block ending in one. */
function exits(statement: Statement): boolean {
  if (statement.type === 'ReturnStatement' || statement.type === 'ThrowStatement') return true;
  return statement.type === 'BlockStatement' && statement.body.length > 0 && exits(statement.body.at(-1)!);
}

function isExpression(node: Node): node is Expression {
  return EXPRESSION_TYPES.has(node.type);
}
