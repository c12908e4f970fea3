import type { ProfileClock } from '../protocol.js';
import { filePath, formatLocation, locationKey, ownerOf, type CodeLocation, type CpuProfile, type Owner, type ProjectCode } from './profiles.js';

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
  /**
   * Busy samples, and those in the collector, counted rather than timed. A sample's time is the wall-clock
   * gap to the next, so a stretch in which the machine did not schedule the process weighs as long as it
   * lasted; counted, it is one sample (its sampling signals wait for the thread and merge). A pause that waits
   * for a preempted GC helper thread is not shortened so: the waiting thread still takes its signals.
   */
  busySamples: number;
  gcSamples: number;
  /** Busy time outside any own function: dependencies by package, and Node/V8. */
  dependencyMs: Record<string, number>;
  runtimeMs: number;
  functions: FunctionTime[];
}

type ProfileNode = CpuProfile['nodes'][number];

/** Whether a line of code calls a function of this name (`name(`, `await name(`, `this.name(`). */
function callsByName(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w$])${escaped}\\s*\\(`).test(text);
}

/** Share of a caller's own samples that must sit on lines calling one own callee for them to be the callee's. */
const CALL_LINE_SHARE = 0.75;

/**
 * V8's sampler loses the frame of a function that is inside a frameless builtin (allocating an object,
 * growing an array, building a string): the sample shows its caller, stopped at the line that calls it.
 * Allocation-heavy code spends most of its time in such builtins, so its caller collected its samples:
 * an Express handler that only awaited `buildScratchReport()` was named for the allocation its callee did
 * (one run in seven under load). When most of an own function's own samples sit on a line that calls one
 * of its own callees by name, those samples are the callee's. Returns that callee per caller node.
 */
function callLineRedirects(nodes: readonly ProfileNode[], byId: ReadonlyMap<number, ProfileNode>, code: ProjectCode): Map<number, CodeLocation> {
  const redirects = new Map<number, CodeLocation>();
  for (const node of nodes) {
    const ticks = node.positionTicks ?? [];
    const total = ticks.reduce((sum, tick) => sum + tick.ticks, 0);
    if (!total || ownerOf(node.callFrame, code).kind !== 'own') continue;
    const callees = (node.children ?? [])
      .map((id) => byId.get(id)!)
      .filter((child) => child.callFrame.functionName && ownerOf(child.callFrame, code).kind === 'own');
    if (!callees.length) continue;
    const byCallee = new Map<ProfileNode, number>();
    for (const tick of ticks) {
      const text = code.sources.line(filePath(node.callFrame.url), tick.line) ?? '';
      const called = callees.find((child) => callsByName(text, child.callFrame.functionName));
      if (called) byCallee.set(called, (byCallee.get(called) ?? 0) + tick.ticks);
    }
    const [callee, onCallLines] = [...byCallee.entries()].sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
    const owner = callee && onCallLines >= total * CALL_LINE_SHARE ? ownerOf(callee.callFrame, code) : undefined;
    if (owner?.kind === 'own') redirects.set(node.id, owner.location);
  }
  return redirects;
}

/**
 * Charges each CPU sample to the nearest frame of the project's own code on its stack, so a handler
 * that blocks inside JSON.parse or a library is still named, while framework plumbing with no own frame
 * above it is counted per package. Samples stay in time order.
 */
export function attributeSamples(profile: CpuProfile, code: ProjectCode, clock: ProfileClock): AttributedSample[] {
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
    const own = ownerOf(node.callFrame, code);
    let result: Resolved = { owner: own };
    if (own.kind !== 'own' && own.kind !== 'idle' && own.kind !== 'gc') {
      const parent = parentOf.get(id);
      const above = parent === undefined ? undefined : resolve(parent);
      if (above?.owner.kind === 'own') result = { owner: above.owner, callee: above.callee ?? (node.callFrame.functionName || '(anonymous)') };
    }
    resolved.set(id, result);
    return result;
  };
  // Only the caller's own samples move to the callee; what it called itself (res.json) stays its own.
  const redirects = callLineRedirects(profile.nodes, byId, code);

  let monotonicUs = profile.startTime;
  return profile.samples.map((id, index) => {
    monotonicUs += profile.timeDeltas[index] ?? 0;
    const redirected = redirects.get(id);
    const attribution: Resolved = redirected ? { owner: { kind: 'own', location: redirected } } : resolve(id);
    return { ...attribution, ms: (profile.timeDeltas[index + 1] ?? profile.timeDeltas[index] ?? 0) / 1000, at: clock.wallMs + (monotonicUs - clock.monotonicUs) / 1000 };
  });
}

/** Busy time per owner, and the project's functions ranked by the time charged to them. */
export function attributeCpu(samples: readonly AttributedSample[]): CpuAttribution {
  const times = new Map<string, { location: CodeLocation; ms: number; callees: Map<string, number> }>();
  const attribution: CpuAttribution = { busyMs: 0, idleMs: 0, gcMs: 0, busySamples: 0, gcSamples: 0, dependencyMs: {}, runtimeMs: 0, functions: [] };
  samples.forEach(({ owner, callee, ms }) => {
    if (owner.kind === 'idle') {
      attribution.idleMs += ms;
      return;
    }
    attribution.busyMs += ms;
    attribution.busySamples++;
    if (owner.kind === 'gc') {
      attribution.gcMs += ms;
      attribution.gcSamples++;
    } else if (owner.kind === 'dependency') attribution.dependencyMs[owner.name] = (attribution.dependencyMs[owner.name] ?? 0) + ms;
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
