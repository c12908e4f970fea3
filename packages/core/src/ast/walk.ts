import { visitorKeys } from 'oxc-parser';

/** An ESTree node as oxc-parser produces it; rules narrow by `type`. */
export interface AstNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

export type NodeHandler = (node: AstNode, parent: AstNode | null) => void;

/** `{ CallExpression(node) {}, 'CallExpression:exit'(node) {} }`: the ESLint visitor shape. */
export type Visitors = Record<string, NodeHandler>;

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * One depth-first walk per file. Every registered visitor set sees every node, so adding a rule
 * adds handlers, never another pass over the tree. `ancestors` holds, while a node's handlers run,
 * the path from the root to that node (itself last): what `enclosingOf` reads.
 */
export function walk(program: AstNode, visitorSets: readonly Visitors[], ancestors: AstNode[] = []): void {
  const enter = new Map<string, NodeHandler[]>();
  const exit = new Map<string, NodeHandler[]>();
  for (const visitors of visitorSets) {
    for (const [key, handler] of Object.entries(visitors)) {
      const isExit = key.endsWith(':exit');
      const type = isExit ? key.slice(0, -5) : key;
      const table = isExit ? exit : enter;
      const list = table.get(type) ?? [];
      list.push(handler);
      table.set(type, list);
    }
  }
  const keys = visitorKeys as Record<string, readonly string[] | undefined>;
  const visit = (node: AstNode, parent: AstNode | null): void => {
    ancestors.push(node);
    const onEnter = enter.get(node.type);
    if (onEnter) for (const handler of onEnter) handler(node, parent);
    for (const key of keys[node.type] ?? []) {
      const child = node[key];
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item)) visit(item, node);
      } else if (isNode(child)) {
        visit(child, node);
      }
    }
    const onExit = exit.get(node.type);
    if (onExit) for (const handler of onExit) handler(node, parent);
    ancestors.pop();
  };
  visit(program, null);
}
