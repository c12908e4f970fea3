/**
 * Tangles (strongly connected components of the run-time import graph) and, for each, a small set
 * of edges whose removal leaves it acyclic: what the page highlights as "break here". The result
 * names one cycle per component; the page shows the whole component around it.
 */

export interface Tangle {
  /** File indexes in the component, sorted. */
  files: number[];
  /** [from, to] file-index pairs: removing them breaks every cycle of the component. */
  breaks: [number, number][];
}

/** Tarjan's algorithm, iterative so that a long chain of imports cannot overflow the stack. */
function components(size: number, successors: readonly number[][]): number[][] {
  const index = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const stack: number[] = [];
  const found: number[][] = [];
  let counter = 0;
  for (let start = 0; start < size; start++) {
    if (index[start] !== -1) continue;
    const work: [node: number, next: number][] = [[start, 0]];
    index[start] = low[start] = counter++;
    stack.push(start);
    onStack[start] = 1;
    while (work.length) {
      const frame = work[work.length - 1]!;
      const [node, next] = frame;
      const targets = successors[node]!;
      if (next < targets.length) {
        frame[1]++;
        const target = targets[next]!;
        if (index[target] === -1) {
          index[target] = low[target] = counter++;
          stack.push(target);
          onStack[target] = 1;
          work.push([target, 0]);
        } else if (onStack[target]) low[node] = Math.min(low[node]!, index[target]!);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[node]!);
      }
      if (low[node] === index[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          component.push(member);
        } while (member !== node);
        if (component.length > 1) found.push(component.sort((a, b) => a - b));
      }
    }
  }
  return found;
}

/**
 * Eades, Lin and Smyth's greedy ordering: peel sinks to the back and sources to the front, otherwise
 * move forward the file that imports most and is imported least. Edges pointing backwards in that
 * order form a small feedback arc set. Ties go to the lower `rank` (outer layers first), so the edge
 * chosen to break tends to be the one pointing outwards, against the layer direction.
 */
function feedbackEdges(members: readonly number[], successors: readonly number[][], rank: (file: number) => number): [number, number][] {
  const inside = new Set(members);
  const out = new Map<number, Set<number>>();
  const into = new Map<number, Set<number>>();
  for (const member of members) {
    out.set(member, new Set());
    into.set(member, new Set());
  }
  for (const from of members) {
    for (const to of successors[from]!) {
      if (!inside.has(to) || to === from) continue;
      out.get(from)!.add(to);
      into.get(to)!.add(from);
    }
  }
  const remaining = new Set(members);
  const front: number[] = [];
  const back: number[] = [];
  const remove = (node: number): void => {
    remaining.delete(node);
    for (const to of out.get(node)!) into.get(to)!.delete(node);
    for (const from of into.get(node)!) out.get(from)!.delete(node);
  };
  while (remaining.size) {
    let peeled = true;
    while (peeled) {
      peeled = false;
      for (const node of remaining) {
        if (out.get(node)!.size === 0) {
          back.unshift(node);
          remove(node);
          peeled = true;
        } else if (into.get(node)!.size === 0) {
          front.push(node);
          remove(node);
          peeled = true;
        }
      }
    }
    if (!remaining.size) break;
    let best = -1;
    let bestScore = -Infinity;
    for (const node of remaining) {
      const score = out.get(node)!.size - into.get(node)!.size;
      if (score > bestScore || (score === bestScore && rank(node) < rank(best))) {
        best = node;
        bestScore = score;
      }
    }
    front.push(best);
    remove(best);
  }
  const position = new Map([...front, ...back].map((node, order) => [node, order]));
  const breaks: [number, number][] = [];
  for (const from of members) {
    for (const to of new Set(successors[from])) {
      if (inside.has(to) && position.get(to)! < position.get(from)!) breaks.push([from, to]);
    }
  }
  return breaks;
}

/** Every import cycle's component with the edges that would break it, largest first. */
export function findTangles(size: number, edges: readonly [from: number, to: number][], rank: (file: number) => number): Tangle[] {
  const successors: number[][] = Array.from({ length: size }, () => []);
  for (const [from, to] of edges) successors[from]!.push(to);
  return components(size, successors)
    .map((files) => ({ files, breaks: feedbackEdges(files, successors, rank) }))
    .sort((a, b) => b.files.length - a.files.length || a.files[0]! - b.files[0]!);
}
