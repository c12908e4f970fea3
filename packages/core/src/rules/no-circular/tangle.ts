import { stronglyConnectedComponents } from '../../project/cycles.js';

/** A component this large is a tangle: one finding with its size and the edges to cut, not "a cycle of N modules". */
export const TANGLE_MIN_MODULES = 10;

type Successors = ReadonlyMap<string, readonly string[]>;

/**
 * Eades-Lin-Smyth: orders the component so that few edges point backwards; those backward edges
 * are a feedback arc set (removing them all leaves no cycle).
 */
function backwardEdges(component: readonly string[], successors: Successors): [string, string][] {
  const members = new Set(component);
  const outgoing = new Map<string, Set<string>>();
  const incoming = new Map<string, Set<string>>();
  for (const node of component) {
    outgoing.set(node, new Set());
    incoming.set(node, new Set());
  }
  for (const node of component) {
    for (const target of successors.get(node) ?? []) {
      if (!members.has(target) || target === node) continue;
      outgoing.get(node)!.add(target);
      incoming.get(target)!.add(node);
    }
  }
  const remaining = new Set(component);
  const head: string[] = [];
  const tail: string[] = [];
  const remove = (node: string): void => {
    remaining.delete(node);
    for (const target of outgoing.get(node)!) incoming.get(target)!.delete(node);
    for (const source of incoming.get(node)!) outgoing.get(source)!.delete(node);
  };
  while (remaining.size) {
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (const node of [...remaining]) {
        if (outgoing.get(node)!.size === 0) {
          tail.unshift(node);
          remove(node);
          progressed = true;
        } else if (incoming.get(node)!.size === 0) {
          head.push(node);
          remove(node);
          progressed = true;
        }
      }
    }
    if (!remaining.size) break;
    let best = '';
    let bestDelta = -Infinity;
    for (const node of [...remaining].sort()) {
      const delta = outgoing.get(node)!.size - incoming.get(node)!.size;
      if (delta > bestDelta) {
        best = node;
        bestDelta = delta;
      }
    }
    head.push(best);
    remove(best);
  }
  const position = new Map([...head, ...tail].map((node, index) => [node, index]));
  const backward: [string, string][] = [];
  for (const node of component) {
    for (const target of successors.get(node) ?? []) {
      if (members.has(target) && position.get(target)! <= position.get(node)!) backward.push([node, target]);
    }
  }
  return backward;
}

function largestComponent(component: readonly string[], successors: Successors, removed: ReadonlySet<string>): number {
  const members = new Set(component);
  const pruned = new Map<string, string[]>();
  for (const node of component) {
    pruned.set(node, (successors.get(node) ?? []).filter((target) => members.has(target) && !removed.has(`${node}\0${target}`)));
  }
  return Math.max(0, ...stronglyConnectedComponents(component, pruned).map((part) => part.length));
}

/**
 * A few edges whose removal shrinks the tangle the most, chosen greedily among the backward edges
 * of a good ordering: each round takes the edge that leaves the smallest largest cycle behind.
 */
export function edgesToCut(component: readonly string[], successors: Successors, limit = 5): { from: string; to: string; leaves: number }[] {
  const candidates = backwardEdges(component, successors);
  const removed = new Set<string>();
  const chosen: { from: string; to: string; leaves: number }[] = [];
  // Bounded work on huge tangles: the candidates scored per round.
  const pool = candidates.slice(0, 300);
  while (chosen.length < limit && pool.length) {
    let bestIndex = -1;
    let bestSize = Infinity;
    pool.forEach(([from, to], index) => {
      const key = `${from}\0${to}`;
      removed.add(key);
      const size = largestComponent(component, successors, removed);
      removed.delete(key);
      if (size < bestSize) {
        bestSize = size;
        bestIndex = index;
      }
    });
    const [from, to] = pool.splice(bestIndex, 1)[0]!;
    removed.add(`${from}\0${to}`);
    chosen.push({ from, to, leaves: bestSize });
    if (bestSize === 0) break;
  }
  return chosen;
}
