import { locationKey, ownerOf, type CodeLocation, type HeapProfile, type HeapProfileNode, type ProjectCode } from './profiles.js';

export interface FunctionAllocation {
  location: CodeLocation;
  /** Sampled bytes still alive at the end of the phase, allocated here or in what this function called. */
  bytes: number;
  share: number;
}

export interface HeapAttribution {
  /** All sampled bytes still alive at the end of the phase (after a full GC). */
  retainedBytes: number;
  functions: FunctionAllocation[];
  /** The function that allocated what stayed alive, followed into its callees (see `allocatingFunction`). */
  culprit?: { location: CodeLocation; bytes: number; share: number; inlinedInto?: CodeLocation };
}

/**
 * A callee holding at least this share of its caller's retained bytes is where the allocation happens:
 * once inlined, it shows in the profile only for the calls made before the optimiser got to it.
 */
const CALLEE_SHARE = 0.02;

/** Attributes what the sampling heap profiler still holds to the nearest own function on each allocation's stack. */
export function attributeHeap(profile: HeapProfile, code: ProjectCode): HeapAttribution {
  const totals = new Map<string, FunctionAllocation>();
  /** caller key → callee key → bytes retained under the callee when called from the caller. */
  const callees = new Map<string, Map<string, number>>();
  const subtree = new Map<HeapProfileNode, number>();
  const sizeOf = (node: HeapProfileNode): number => {
    const size = node.selfSize + node.children.reduce((sum, child) => sum + sizeOf(child), 0);
    subtree.set(node, size);
    return size;
  };
  sizeOf(profile.head);
  let retainedBytes = 0;
  const visit = (node: HeapProfileNode, nearestOwn: CodeLocation | undefined): void => {
    const owner = ownerOf(node.callFrame, code);
    const own = owner.kind === 'own' ? owner.location : nearestOwn;
    if (owner.kind === 'own' && nearestOwn && locationKey(nearestOwn) !== locationKey(owner.location)) {
      const edges = callees.get(locationKey(nearestOwn)) ?? new Map<string, number>();
      edges.set(locationKey(owner.location), (edges.get(locationKey(owner.location)) ?? 0) + subtree.get(node)!);
      callees.set(locationKey(nearestOwn), edges);
    }
    if (node.selfSize > 0) {
      retainedBytes += node.selfSize;
      if (own) {
        const key = locationKey(own);
        const entry = totals.get(key) ?? { location: own, bytes: 0, share: 0 };
        entry.bytes += node.selfSize;
        totals.set(key, entry);
      }
    }
    for (const child of node.children) visit(child, own);
  };
  visit(profile.head, undefined);
  const functions = [...totals.values()].map((entry) => ({ ...entry, share: retainedBytes ? entry.bytes / retainedBytes : 0 })).sort((a, b) => b.bytes - a.bytes);
  const culprit = allocatingFunction(functions, callees, retainedBytes);
  return { retainedBytes, functions, ...(culprit ? { culprit } : {}) };
}

/**
 * The sampling heap profiler walks physical frames, so a function the optimiser inlined into its caller
 * has its allocations charged to the caller once the code is hot, and to itself only before that. The top
 * function is therefore followed into an own callee that still shows a real share of its retained bytes:
 * that callee is where the allocation is written.
 */
function allocatingFunction(functions: FunctionAllocation[], callees: Map<string, Map<string, number>>, retainedBytes: number): HeapAttribution['culprit'] {
  const top = functions[0];
  if (!top) return undefined;
  const byKey = new Map(functions.map((entry) => [locationKey(entry.location), entry]));
  let current = top;
  let caller: FunctionAllocation | undefined;
  const seen = new Set([locationKey(top.location)]);
  for (;;) {
    const edges = [...(callees.get(locationKey(current.location)) ?? new Map<string, number>()).entries()];
    const under = current.bytes + edges.reduce((sum, [, bytes]) => sum + bytes, 0);
    const next = edges.filter(([key, bytes]) => !seen.has(key) && bytes >= under * CALLEE_SHARE && byKey.has(key)).sort((a, b) => b[1] - a[1])[0];
    if (!next) break;
    seen.add(next[0]);
    caller = current;
    current = byKey.get(next[0])!;
  }
  const bytes = caller ? top.bytes + current.bytes : current.bytes;
  return { location: current.location, bytes, share: retainedBytes ? bytes / retainedBytes : 0, ...(caller ? { inlinedInto: caller.location } : {}) };
}
