import type { AstNode } from './walk.js';

/** The nodes around the one being visited that rules ask about most. */
export interface Enclosing {
  /** The nearest function (declaration, expression, arrow, method body), or null at module level. */
  function: AstNode | null;
  /** The nearest loop statement inside that function, or null. */
  loop: AstNode | null;
  /** The nearest `try` whose protected block holds the node, inside that function, or null. */
  try: AstNode | null;
  /** The nearest class (declaration or expression), or null. */
  class: AstNode | null;
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
const CLASSES = new Set(['ClassDeclaration', 'ClassExpression']);

/**
 * The function, loop, `try` and class around a node, read off the walk's ancestor stack (the node
 * itself last, so a function, loop or class counts for itself). Computed only when a rule asks, so
 * the walk pays one push and one pop per node. A function starts a new frame: a loop or `try` outside
 * it does not repeat or guard what runs inside it; only a `try`'s protected block counts, not its
 * `catch` or `finally`.
 */
export function enclosingOf(ancestors: readonly AstNode[]): Enclosing {
  const found: Enclosing = { function: null, loop: null, try: null, class: null };
  for (let index = ancestors.length - 1; index >= 0; index--) {
    const node = ancestors[index]!;
    if (!found.function) {
      if (FUNCTIONS.has(node.type)) found.function = node;
      else if (!found.loop && LOOPS.has(node.type)) found.loop = node;
      else if (!found.try && node.type === 'TryStatement' && ancestors[index + 1] === node.block) found.try = node;
    }
    if (CLASSES.has(node.type)) {
      found.class = node;
      break;
    }
  }
  return found;
}
