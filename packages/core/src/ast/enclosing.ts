import type { AstNode, Visitors } from './walk.js';

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

const FUNCTIONS = ['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'];
const LOOPS = ['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement'];
const CLASSES = ['ClassDeclaration', 'ClassExpression'];

interface Frame {
  fn: AstNode | null;
  loop: AstNode | null;
  tryStatement: AstNode | null;
}

/**
 * Tracks, during the single walk of a file, the function, loop, `try` and class around the node
 * being visited. Its visitors run before the rules' (the engine registers them first), so a rule's
 * handler sees the state of its own node: `enclosing()` called while entering a node answers for
 * that node, the node itself included when it is a function, loop or class (in an `:exit` handler
 * the node itself has already been left). A function starts a new frame: a loop or `try` outside it does not
 * repeat the work inside it, and a `try` does not catch what a callback throws later.
 */
export function enclosingTracker(): { visitors: Visitors; enclosing: () => Enclosing } {
  const frames: Frame[] = [{ fn: null, loop: null, tryStatement: null }];
  const loops: AstNode[][] = [[]];
  const tries: AstNode[][] = [[]];
  const classes: AstNode[] = [];
  const top = () => frames[frames.length - 1]!;
  const visitors: Visitors = {};
  for (const type of FUNCTIONS) {
    visitors[type] = (node) => {
      frames.push({ fn: node, loop: null, tryStatement: null });
      loops.push([]);
      tries.push([]);
    };
    visitors[`${type}:exit`] = () => {
      frames.pop();
      loops.pop();
      tries.pop();
    };
  }
  for (const type of LOOPS) {
    visitors[type] = (node) => {
      loops[loops.length - 1]!.push(node);
      top().loop = node;
    };
    visitors[`${type}:exit`] = () => {
      const stack = loops[loops.length - 1]!;
      stack.pop();
      top().loop = stack.at(-1) ?? null;
    };
  }
  // Only the protected block counts: code in `catch` or `finally` is not guarded by that `try`.
  visitors.BlockStatement = (node, parent) => {
    if (parent?.type !== 'TryStatement' || parent.block !== node) return;
    tries[tries.length - 1]!.push(parent);
    top().tryStatement = parent;
  };
  visitors['BlockStatement:exit'] = (node, parent) => {
    if (parent?.type !== 'TryStatement' || parent.block !== node) return;
    const stack = tries[tries.length - 1]!;
    stack.pop();
    top().tryStatement = stack.at(-1) ?? null;
  };
  for (const type of CLASSES) {
    visitors[type] = (node) => void classes.push(node);
    visitors[`${type}:exit`] = () => void classes.pop();
  }
  return {
    visitors,
    enclosing: () => {
      const frame = top();
      return { function: frame.fn, loop: frame.loop, try: frame.tryStatement, class: classes.at(-1) ?? null };
    },
  };
}
