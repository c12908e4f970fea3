import type { ProfileClock } from '../protocol.js';
import { formatLocation, locationKey, ownerOf, type CodeLocation, type CpuProfile, type Owner } from './profiles.js';

export interface FunctionTime {
  location: CodeLocation;
  /** Time in this function and in the library and Node code it called, not in other own functions. */
  ms: number;
  /** Share of the busy time (idle excluded). */
  share: number;
  /** The frame under it that took most of that time, when it is not the function itself (e.g. JSON.parse). */
  hottestCallee?: string;
}

/** One CPU sample with the owner it is charged to. */
export interface AttributedSample {
  owner: Owner;
  /** For samples under an own function: the first frame below it (JSON.parse, readFileSync, a library call). */
  callee?: string;
  ms: number;
  /** Wall-clock time of the sample (Date.now() scale). */
  at: number;
}

export interface CpuAttribution {
  busyMs: number;
  idleMs: number;
  gcMs: number;
  /** Busy time outside any own function: dependencies by package, and Node/V8. */
  dependencyMs: Record<string, number>;
  runtimeMs: number;
  functions: FunctionTime[];
}

/**
 * Charges each CPU sample to the nearest frame of the project's own code on its stack, so a handler
 * that blocks inside JSON.parse or a library is still named, while framework plumbing with no own frame
 * above it is counted per package. Samples stay in time order.
 */
export function attributeSamples(profile: CpuProfile, root: string, excluded: readonly string[], clock: ProfileClock): AttributedSample[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  // For a frame under an own function, `callee` is the first frame below that function (JSON.parse,
  // readFileSync, a library call): what the function was doing, rather than the deepest internal frame.
  type Resolved = { owner: Owner; callee?: string };
  const resolved = new Map<number, Resolved>();
  const resolve = (id: number): Resolved => {
    const known = resolved.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const own = ownerOf(node.callFrame, root, excluded);
    let result: Resolved = { owner: own };
    if (own.kind !== 'own' && own.kind !== 'idle' && own.kind !== 'gc') {
      const parent = parentOf.get(id);
      const above = parent === undefined ? undefined : resolve(parent);
      if (above?.owner.kind === 'own') result = { owner: above.owner, callee: above.callee ?? (node.callFrame.functionName || '(anonymous)') };
    }
    resolved.set(id, result);
    return result;
  };

  let monotonicUs = profile.startTime;
  return profile.samples.map((id, index) => {
    monotonicUs += profile.timeDeltas[index] ?? 0;
    return { ...resolve(id), ms: (profile.timeDeltas[index + 1] ?? profile.timeDeltas[index] ?? 0) / 1000, at: clock.wallMs + (monotonicUs - clock.monotonicUs) / 1000 };
  });
}

/** Busy time per owner, and the project's functions ranked by the time charged to them. */
export function attributeCpu(samples: readonly AttributedSample[]): CpuAttribution {
  const times = new Map<string, { location: CodeLocation; ms: number; callees: Map<string, number> }>();
  const attribution: CpuAttribution = { busyMs: 0, idleMs: 0, gcMs: 0, dependencyMs: {}, runtimeMs: 0, functions: [] };
  samples.forEach(({ owner, callee, ms }) => {
    if (owner.kind === 'idle') {
      attribution.idleMs += ms;
      return;
    }
    attribution.busyMs += ms;
    if (owner.kind === 'gc') attribution.gcMs += ms;
    else if (owner.kind === 'dependency') attribution.dependencyMs[owner.name] = (attribution.dependencyMs[owner.name] ?? 0) + ms;
    else if (owner.kind === 'runtime') attribution.runtimeMs += ms;
    else {
      const key = locationKey(owner.location);
      const entry = times.get(key) ?? { location: owner.location, ms: 0, callees: new Map<string, number>() };
      entry.ms += ms;
      if (callee) entry.callees.set(callee, (entry.callees.get(callee) ?? 0) + ms);
      times.set(key, entry);
    }
  });
  attribution.functions = [...times.values()]
    .map(({ location, ms, callees }) => {
      const [callee, calleeMs] = [...callees.entries()].sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
      return { location, ms, share: attribution.busyMs ? ms / attribution.busyMs : 0, ...(callee && calleeMs > ms / 2 ? { hottestCallee: callee } : {}) };
    })
    .sort((a, b) => b.ms - a.ms);
  return attribution;
}

export function describeFunctionTime(time: FunctionTime): string {
  return `${formatLocation(time.location)}${time.hottestCallee ? `, mostly in ${time.hottestCallee}` : ''}`;
}
