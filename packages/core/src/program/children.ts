import type { Node } from '@oxc-project/types';
import { visitorKeys } from 'oxc-parser';

const KEYS = visitorKeys as Readonly<Record<string, readonly string[] | undefined>>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * The child nodes of a node, in source order, by the parser's own visitor keys: the one place that
 * reads a node by key name rather than by its typed fields, for the node kinds no model looks into.
 */
export function childNodes(node: Node): Node[] {
  const children: Node[] = [];
  const fields = node as unknown as Readonly<Record<string, unknown>>;
  for (const key of KEYS[node.type] ?? []) {
    const child = fields[key];
    if (Array.isArray(child)) {
      for (const item of child) if (isNode(item)) children.push(item);
    } else if (isNode(child)) {
      children.push(child);
    }
  }
  return children;
}
