import type { Edge } from '../types.js';
import { compareText } from '../compare-text.js';

/** Who each source file loads at run time: type-only imports are erased, so they cannot form a load-order cycle. */
export function runtimeSuccessors(edges: readonly Edge[], isSource: (id: string) => boolean): Map<string, string[]> {
  const successors = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.kind === 'type-only' || !isSource(edge.to)) continue;
    const list = successors.get(edge.from) ?? [];
    if (!list.includes(edge.to)) list.push(edge.to);
    successors.set(edge.from, list);
  }
  return successors;
}

/**
 * Import cycles, each reported once: Tarjan's strongly connected components, then for every component
 * the shortest cycle through its first member (by id), so the path shown is stable between runs.
 */
export function findCycles(nodes: readonly string[], successors: ReadonlyMap<string, readonly string[]>): string[][] {
  return cyclesOf(stronglyConnectedComponents(nodes, successors), successors);
}

/** The shortest cycle of each component, sorted by first member. */
export function cyclesOf(components: readonly (readonly string[])[], successors: ReadonlyMap<string, readonly string[]>): string[][] {
  return components.map((component) => shortestCycle(component, successors)).sort((a, b) => compareText(a[0]!, b[0]!));
}

/** Components of more than one module (or a module importing itself), each sorted. */
export function stronglyConnectedComponents(nodes: readonly string[], successors: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];

  // Iterative Tarjan: deep import chains in large repos would overflow a recursive one.
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const targets = successors.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && (successors.get(component[0]!) ?? []).includes(component[0]!);
        if (component.length > 1 || selfLoop) components.push(component.sort());
      }
    }
  }
  return components;
}

function shortestCycle(component: readonly string[], successors: ReadonlyMap<string, readonly string[]>): string[] {
  const members = new Set(component);
  const start = component[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const target of successors.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}
