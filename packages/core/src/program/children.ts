import type { Node } from '@oxc-project/types';
import { visitorKeys } from 'oxc-parser';

const KEYS = visitorKeys as Readonly<Record<string, readonly string[] | undefined>>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Calls `visit` on the child nodes of a node, in source order, by the parser's own visitor keys: the
 * one place that reads a node by key name rather than by its typed fields, for the node kinds no
 * model looks into. No array is built: this runs for most nodes of every file.
 */
export function forEachChild(node: Node, visit: (child: Node) => void): void {
  const fields = node as unknown as Readonly<Record<string, unknown>>;
  const keys = KEYS[node.type];
  if (!keys) return;
  for (const key of keys) {
    const child = fields[key];
    if (Array.isArray(child)) {
      for (const item of child) if (isNode(item)) visit(item);
    } else if (isNode(child)) {
      visit(child);
    }
  }
}
