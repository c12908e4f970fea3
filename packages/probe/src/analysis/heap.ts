import { separate, type Separation } from './inlining.js';
import { locationKey, ownerOf, type CodeLocation, type HeapProfile, type HeapProfileNode, type ProjectCode } from './profiles.js';

export interface FunctionAllocation {
  location: CodeLocation;
  /** Sampled bytes still alive at the end of the phase, allocated here or in what this function called. */
  bytes: number;
  share: number;
}

/** The function named for what stayed alive, followed into its callees (see `allocatingFunction`). */
export interface HeapCulprit {
  location: CodeLocation;
  bytes: number;
  share: number;
  /** The caller the optimiser inlined the culprit into: its later samples are charged to the culprit. */
  inlinedInto?: CodeLocation;
  /**
   * Set when the profile cannot tell the culprit's own allocations from those of an own callee the
   * optimiser may have inlined into it: the callee seen on its own most, and in how many samples.
   */
  unseparated?: { callee: CodeLocation; samples: number };
}

export interface HeapAttribution {
  /** All sampled bytes still alive at the end of the phase (after a full GC). */
  retainedBytes: number;
  functions: FunctionAllocation[];
  culprit?: HeapCulprit;
}

/** What the separation reads of the profile: the own functions on each sample's stack, in allocation order. */
interface SampleStacks {
  /** Own function keys per sample, outermost first, in the order the samples were taken. */
  stacks: Array<readonly string[]>;
  /** caller key → own callee keys seen under it. */
  callees: Map<string, Set<string>>;
  locations: Map<string, CodeLocation>;
}

/** Attributes what the sampling heap profiler still holds to the nearest own function on each allocation's stack. */
export function attributeHeap(profile: HeapProfile, code: ProjectCode): HeapAttribution {
  const totals = new Map<string, FunctionAllocation>();
  const ownStack = new Map<number, readonly string[]>();
  const callees = new Map<string, Set<string>>();
  const locations = new Map<string, CodeLocation>();
  let retainedBytes = 0;
  const visit = (node: HeapProfileNode, above: readonly string[]): void => {
    const owner = ownerOf(node.callFrame, code);
    let stack = above;
    if (owner.kind === 'own') {
      const key = locationKey(owner.location);
      locations.set(key, owner.location);
      const caller = above.at(-1);
      // A function calling itself is one function: recursion is not a callee.
      if (caller !== key) {
        stack = [...above, key];
        if (caller) callees.set(caller, (callees.get(caller) ?? new Set<string>()).add(key));
      }
    }
    ownStack.set(node.id, stack);
    if (node.selfSize > 0) {
      retainedBytes += node.selfSize;
      const own = stack.at(-1);
      if (own) {
        const entry = totals.get(own) ?? { location: locations.get(own)!, bytes: 0, share: 0 };
        entry.bytes += node.selfSize;
        totals.set(own, entry);
      }
    }
    for (const child of node.children) visit(child, stack);
  };
  visit(profile.head, []);
  const functions = [...totals.values()].map((entry) => ({ ...entry, share: retainedBytes ? entry.bytes / retainedBytes : 0 })).sort((a, b) => b.bytes - a.bytes);
  const stacks = [...(profile.samples ?? [])].sort((a, b) => a.ordinal - b.ordinal).map((sample) => ownStack.get(sample.nodeId) ?? []);
  const culprit = allocatingFunction(functions, { stacks, callees, locations }, retainedBytes);
  return { retainedBytes, functions, ...(culprit ? { culprit } : {}) };
}

/** Whether a sample's own stack has `caller` directly above `callee`. */
function calls(stack: readonly string[], caller: string, callee: string): boolean {
  for (let i = 0; i < stack.length - 1; i++) if (stack[i] === caller && stack[i + 1] === callee) return true;
  return false;
}

/** The samples charged to `caller` itself and those under its call to `callee`, in allocation order. */
function samplesOf(stacks: ReadonlyArray<readonly string[]>, caller: string, callee: string): Array<'caller' | 'callee'> {
  const labels: Array<'caller' | 'callee'> = [];
  for (const stack of stacks) {
    if (stack.at(-1) === caller) labels.push('caller');
    else if (calls(stack, caller, callee)) labels.push('callee');
  }
  return labels;
}

/**
 * The sampling heap profiler walks physical frames, so once the optimiser inlines a function into its
 * caller, what it allocates is charged to the caller; only its samples from before that show it on its own.
 * How soon that happens depends on the V8: on Node 24 Maglev inlines small functions after 400 calls of the
 * caller, where Node 20 and 22 waited for TurboFan. So the top function is followed into an own callee only
 * when the samples taken while that callee still ran on its own say it allocated most of what the two did
 * (inlining.ts); when they say the caller did, the caller is named; when they cannot tell, the caller is
 * named with the callee it may stand for, never the callee alone.
 */
function allocatingFunction(functions: FunctionAllocation[], samples: SampleStacks, retainedBytes: number): HeapCulprit | undefined {
  const top = functions[0];
  if (!top) return undefined;
  const byKey = new Map(functions.map((entry) => [locationKey(entry.location), entry]));
  const path = [top];
  const seen = new Set([locationKey(top.location)]);
  let unseparated: HeapCulprit['unseparated'];
  for (;;) {
    const current = path.at(-1)!;
    const currentKey = locationKey(current.location);
    const verdicts = [...(samples.callees.get(currentKey) ?? [])]
      .filter((key) => !seen.has(key))
      .map((key) => ({ key, labels: samplesOf(samples.stacks, currentKey, key) }))
      .map(({ key, labels }) => ({ key, calleeSamples: labels.filter((label) => label === 'callee').length, separation: separate(labels) }))
      .filter(({ calleeSamples }) => calleeSamples > 0)
      .sort((a, b) => b.calleeSamples - a.calleeSamples);
    const followed = verdicts.find(({ separation }) => separation === 'callee');
    if (followed) {
      seen.add(followed.key);
      path.push(byKey.get(followed.key) ?? { location: samples.locations.get(followed.key)!, bytes: 0, share: 0 });
      continue;
    }
    const unknown = verdicts.find(({ separation }) => separation === ('unknown' satisfies Separation));
    if (unknown) unseparated = { callee: samples.locations.get(unknown.key)!, samples: unknown.calleeSamples };
    break;
  }
  const named = path.at(-1)!;
  const bytes = path.reduce((sum, entry) => sum + entry.bytes, 0);
  return {
    location: named.location,
    bytes,
    share: retainedBytes ? bytes / retainedBytes : 0,
    ...(path.length > 1 ? { inlinedInto: path.at(-2)!.location } : {}),
    ...(unseparated ? { unseparated } : {}),
  };
}
