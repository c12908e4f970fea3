import { visitorKeys } from 'oxc-parser';
import { LineIndex } from '../../ast/locate.js';
import { literalString, memberPath } from '../../ast/nodes.js';
import type { AstNode } from '../../ast/walk.js';
import { COERCING_CALLS, HASHING_CALL, PASS_THROUGH_CALLS } from '../../program/http/validation.js';

/**
 * What the code does with one read of `req.body`/`req.query` (or a variable holding it):
 * - `coerced`: turned into a number, boolean or encoded string (`Number(x)`, `!x`, `encodeURIComponent(x)`);
 * - `compared`: compared with something (`x === secret`), switched on;
 * - `tested`: only its truthiness decides a branch (`if (!x)`, `x && …`);
 * - `key`: a computed lookup (`table[x]`) that is not written to;
 * - `written`: assigned to (`req.body.UserId = id`: a middleware putting a value there);
 * - `none`: evaluated and dropped;
 * - `text`: spliced into a string that goes somewhere other than a call (a returned or stored text);
 * - `used`: anything else: returned, stored, spread, handed on;
 * - `{ call, text }`: an argument of the call at that line and column (inside an object or array
 *   argument too), which the rule resolves with the program models: a logger, a validating
 *   library or a Set/Map lookup makes it harmless, anything else is a use. `text` when the value
 *   went into a string first.
 */
export type InputUse = 'coerced' | 'compared' | 'tested' | 'key' | 'written' | 'none' | 'text' | 'used' | { call: [number, number]; text: boolean };

/** One read of a request part on a function's parameter, as the visitor reports it in `data`. */
export interface InputRead {
  /** Start of the function whose parameter it is (the FunctionInfo line and column). */
  fn: [number, number];
  index: number;
  part: 'body' | 'query';
  uses: InputUse[];
}

const PARTS = new Set(['body', 'query']);
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
const WRAPPERS = new Set(['ParenthesizedExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'AwaitExpression', 'ChainExpression']);
const ITERATION = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'then']);
const COMPARISONS = new Set(['===', '!==', '==', '!=', '<', '<=', '>', '>=', 'in', 'instanceof']);
const ARITHMETIC = new Set(['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>']);

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The name a parameter binds (`req`, `req = {}`), or null for patterns. */
function paramName(param: AstNode): string | null {
  if (param.type === 'Identifier') return param.name as string;
  if (param.type === 'AssignmentPattern') return paramName(param.left as AstNode);
  if (param.type === 'TSParameterProperty') return paramName(param.parameter as AstNode);
  return null;
}

/**
 * Visitors for the engine's walk that find the functions worth the full analysis: those with a
 * parameter whose `.body`/`.query` is read (in them or in a function nested in them). `owners()`
 * gives them once the walk is done, outermost only, in source order; `inputReads` then walks only
 * those subtrees instead of the whole file.
 */
export function readOwnerFinder(): { visitors: Record<string, (node: AstNode) => void>; owners: () => AstNode[] } {
  const stack: { node: AstNode; params: Set<string> }[] = [];
  const owners: AstNode[] = [];
  const seen = new Set<AstNode>();
  const visitors: Record<string, (node: AstNode) => void> = {
    MemberExpression(node) {
      const object = node.object as AstNode;
      if (object.type !== 'Identifier') return;
      const name = node.computed ? literalString(node.property) : ((node.property as AstNode).name as string | undefined);
      if (!name || !PARTS.has(name)) return;
      for (let index = stack.length - 1; index >= 0; index--) {
        const frame = stack[index]!;
        if (!frame.params.has(object.name as string)) continue;
        if (!seen.has(frame.node)) {
          seen.add(frame.node);
          owners.push(frame.node);
        }
        return;
      }
    },
  };
  for (const type of FUNCTIONS) {
    visitors[type] = (node) => {
      const params = new Set<string>();
      for (const param of node.params as AstNode[]) {
        const name = paramName(param);
        if (name) params.add(name);
      }
      stack.push({ node, params });
    };
    visitors[`${type}:exit`] = () => void stack.pop();
  }
  return {
    visitors,
    owners: () => owners.filter((owner) => !owners.some((other) => other !== owner && other.start <= owner.start && owner.end <= other.end)).sort((a, b) => a.start - b.start),
  };
}

/**
 * Reads of `<param>.body` and `<param>.query` in every function under `program` (a file, or one
 * function of it), each with what the code
 * does with the value, following the variables that hold it (destructuring included) through the
 * function that declares them. Returns the reads with the node to report each on.
 */
export function inputReads(program: AstNode, source: string): { node: AstNode; read: InputRead }[] {
  const parents = new Map<AstNode, AstNode>();
  const identifiers = new Map<string, AstNode[]>();
  const reads: AstNode[] = [];
  const keys = visitorKeys as Record<string, readonly string[] | undefined>;
  const visit = (node: AstNode): void => {
    if (node.type === 'Identifier') {
      const list = identifiers.get(node.name as string) ?? [];
      list.push(node);
      identifiers.set(node.name as string, list);
    }
    if (node.type === 'MemberExpression' && (node.object as AstNode).type === 'Identifier') {
      const name = node.computed ? literalString(node.property) : ((node.property as AstNode).name as string | undefined);
      if (name && PARTS.has(name)) reads.push(node);
    }
    for (const key of keys[node.type] ?? []) {
      const child = node[key];
      if (Array.isArray(child)) {
        for (const item of child) {
          if (!isNode(item)) continue;
          parents.set(item, node);
          visit(item);
        }
      } else if (isNode(child)) {
        parents.set(child, node);
        visit(child);
      }
    }
  };
  visit(program);
  const lines = new LineIndex(source);
  const at = (node: AstNode): [number, number] => {
    const { line, column } = lines.locate(node.start);
    return [line, column];
  };
  const inside = (node: AstNode, scope: AstNode) => node.start >= scope.start && node.end <= scope.end;
  const scopeOf = (node: AstNode): AstNode => {
    let current = parents.get(node);
    while (current && !FUNCTIONS.has(current.type)) current = parents.get(current);
    return current ?? program;
  };

  /** The uses of a variable's value: every reference to the name in the function that declares it. */
  const followVariable = (binding: AstNode, text: boolean, seen: Set<AstNode>): InputUse[] => {
    if (seen.has(binding)) return [];
    seen.add(binding);
    const scope = scopeOf(binding);
    const uses: InputUse[] = [];
    for (const reference of identifiers.get(binding.name as string) ?? []) {
      if (reference === binding || !inside(reference, scope)) continue;
      const parent = parents.get(reference);
      if (!parent) continue;
      if (parent.type === 'MemberExpression' && parent.property === reference && !parent.computed) continue;
      // `{ search }`: the key and the value are two nodes; the value is the reference.
      if (parent.type === 'Property' && parent.key === reference && parent.value !== reference) continue;
      if (parent.type === 'VariableDeclarator' && parent.id === reference) continue;
      if (parent.type === 'AssignmentExpression' && parent.left === reference) continue;
      if (FUNCTIONS.has(parent.type) || parent.type.startsWith('TS')) continue;
      uses.push(...climb(reference, text, seen));
    }
    return uses;
  };

  /** Where the value of `node` goes. */
  const climb = (node: AstNode, text: boolean, seen: Set<AstNode>): InputUse[] => {
    const end: InputUse = text ? 'text' : 'used';
    const parent = parents.get(node);
    if (!parent) return [end];
    if (WRAPPERS.has(parent.type)) return climb(parent, text, seen);
    switch (parent.type) {
      case 'MemberExpression': {
        if (parent.object !== node) return parent.computed && !isWritten(parent) ? ['key'] : [end];
        const outer = parents.get(parent);
        // `value.trim()`, `value.split(',')`: the result is still the value, in another shape.
        if (outer && (outer.type === 'CallExpression' || outer.type === 'NewExpression') && outer.callee === parent) {
          // `items.forEach((item) => …)`, `items.map(save)`: the elements go to the callback, where they are not followed.
          const method = parent.computed ? null : ((parent.property as AstNode).name as string | undefined);
          if ((outer.arguments as AstNode[]).some((arg) => FUNCTIONS.has(arg.type) || (ITERATION.has(method ?? '') && (arg.type === 'Identifier' || arg.type === 'MemberExpression')))) return [end];
          return climb(outer, text, seen);
        }
        if (isWritten(parent)) return ['written'];
        return climb(parent, text, seen);
      }
      case 'CallExpression':
      case 'NewExpression': {
        if (parent.callee === node) return [end];
        const callee = memberPath(parent.callee) ?? '';
        if (COERCING_CALLS.has(callee) || HASHING_CALL.test(callee)) return ['coerced'];
        if (PASS_THROUGH_CALLS.has(callee)) return climb(parent, text, seen);
        return [{ call: at(parent), text }];
      }
      case 'UnaryExpression':
        return parent.operator === 'delete' ? [end] : ['coerced'];
      case 'BinaryExpression':
        if (COMPARISONS.has(parent.operator as string)) return ['compared'];
        if (ARITHMETIC.has(parent.operator as string)) return ['coerced'];
        return climb(parent, true, seen);
      case 'LogicalExpression':
        if (parent.operator === '&&' && parent.left === node) return ['tested'];
        return climb(parent, text, seen);
      case 'ConditionalExpression':
        return parent.test === node ? ['tested'] : climb(parent, text, seen);
      case 'IfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
        return parent.test === node ? ['tested'] : [end];
      case 'SwitchStatement':
      case 'SwitchCase':
        return ['compared'];
      case 'TemplateLiteral':
        return parents.get(parent)?.type === 'TaggedTemplateExpression' ? [end] : climb(parent, true, seen);
      case 'Property':
        return parent.value === node ? climb(parent, text, seen) : ['key'];
      case 'ObjectExpression':
      case 'ArrayExpression':
      case 'SpreadElement':
        return climb(parent, text, seen);
      case 'VariableDeclarator':
        return parent.init === node ? bound(parent.id as AstNode, text, seen) : [end];
      case 'AssignmentExpression':
        if (parent.left === node) return ['written'];
        if ((parent.left as AstNode).type === 'Identifier') {
          const declared = declarationOf(parent.left as AstNode);
          return declared ? followVariable(declared, text, seen) : [end];
        }
        return [end];
      case 'ExpressionStatement':
        return ['none'];
      case 'SequenceExpression': {
        const expressions = parent.expressions as AstNode[];
        return expressions.at(-1) === node ? climb(parent, text, seen) : ['none'];
      }
      default:
        return [end];
    }
  };

  /** `const x = value`, `const { a, b: c, ...rest } = value`: the uses of what each name binds. */
  const bound = (id: AstNode, text: boolean, seen: Set<AstNode>): InputUse[] => {
    if (id.type === 'Identifier') return followVariable(id, text, seen);
    if (id.type === 'AssignmentPattern') return bound(id.left as AstNode, text, seen);
    if (id.type === 'ObjectPattern') {
      const uses: InputUse[] = [];
      for (const property of id.properties as AstNode[]) {
        if (property.type === 'RestElement') uses.push(...bound(property.argument as AstNode, text, seen));
        else uses.push(...bound(property.value as AstNode, text, seen));
      }
      return uses;
    }
    return [text ? 'text' : 'used'];
  };

  /** The binding a reassigned name refers to: the nearest declarator of the name around it. */
  const declarationOf = (reference: AstNode): AstNode | null => {
    let best: AstNode | null = null;
    for (const candidate of identifiers.get(reference.name as string) ?? []) {
      const parent = parents.get(candidate);
      if (parent?.type !== 'VariableDeclarator' || parent.id !== candidate) continue;
      if (!inside(reference, scopeOf(candidate))) continue;
      if (!best || candidate.start > best.start) best = candidate;
    }
    return best;
  };

  const isWritten = (member: AstNode): boolean => {
    const parent = parents.get(member);
    return (parent?.type === 'AssignmentExpression' && parent.left === member) || (parent?.type === 'UpdateExpression' && parent.argument === member);
  };

  const found: { node: AstNode; read: InputRead }[] = [];
  for (const node of reads) {
    const name = (node.object as AstNode).name as string;
    // The nearest function around the read that has a parameter of that name.
    let fn = parents.get(node);
    let index = -1;
    while (fn) {
      if (FUNCTIONS.has(fn.type)) {
        index = (fn.params as AstNode[]).findIndex((param) => paramName(param) === name);
        if (index >= 0) break;
      }
      fn = parents.get(fn);
    }
    if (!fn || index < 0) continue;
    const part = (node.computed ? literalString(node.property) : (node.property as AstNode).name) as 'body' | 'query';
    found.push({ node, read: { fn: at(fn), index, part, uses: isWritten(node) ? ['written'] : climb(node, false, new Set()) } });
  }
  return found;
}
