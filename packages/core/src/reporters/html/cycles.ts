import type { AnalysisResult, Finding } from '../../types.js';

/** One cycle or tangle as the page draws it, files as indexes into the page's file list. */
export interface CycleEntry {
  /** The example cycle, its first file repeated at the end (as the engine reports it). */
  cycle: number[];
  /** Every file of the tangle when the finding names them, else the cycle's files. */
  members: number[];
  /** The imports to cut, in the order to cut them; `leaves` is how many files stay tangled after it. */
  cuts: { from: number; to: number; leaves: number | null }[];
  /** `finding`: the no-circular finding chose the cuts; `layers`: the cycle's import against the layer direction; `none`: any import of the cycle breaks it. */
  cutSource: 'finding' | 'layers' | 'none';
  /** Share of the codebase inside the tangle, when the finding says it. */
  share: number | null;
}

interface TangleData {
  members: string[];
  share: number | null;
  cut: { from: string; to: string; leaves: number | null }[];
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** What a no-circular finding's data says, read defensively: data is free-form per rule. */
function tangleOf(finding: Finding | undefined): TangleData | null {
  const tangle = finding?.data?.tangle as { members?: unknown; share?: unknown; cut?: unknown } | undefined;
  if (!tangle || !isStrings(tangle.members) || !Array.isArray(tangle.cut)) return null;
  const cut = tangle.cut.filter((entry): entry is { from: string; to: string; leaves?: unknown } => typeof entry?.from === 'string' && typeof entry?.to === 'string');
  return {
    members: tangle.members,
    share: typeof tangle.share === 'number' ? tangle.share : null,
    cut: cut.map((entry) => ({ from: entry.from, to: entry.to, leaves: typeof entry.leaves === 'number' ? entry.leaves : null })),
  };
}

/**
 * The cycles of the graph with what the no-circular findings say about them. Without a tangle's own
 * cut list, the page points at the cycle's imports that go against the layer direction; when none
 * does, it says so rather than invent a preference.
 */
export function cycleEntries(result: AnalysisResult, fileIndex: ReadonlyMap<string, number>, allowed: (from: string, to: string) => boolean): CycleEntry[] {
  const findingOf = new Map<string, Finding>();
  for (const finding of result.findings) {
    const cycle = finding.ruleId === 'no-circular' ? finding.data?.cycle : undefined;
    if (isStrings(cycle)) findingOf.set(cycle.join('\0'), finding);
  }
  const entries: CycleEntry[] = [];
  for (const cycle of result.graph.cycles) {
    const files = cycle.map((file) => fileIndex.get(file));
    if (files.some((file) => file === undefined)) continue;
    const tangle = tangleOf(findingOf.get(cycle.join('\0')));
    const index = (file: string): number | undefined => fileIndex.get(file);
    if (tangle) {
      entries.push({
        cycle: files as number[],
        members: tangle.members.map(index).filter((file): file is number => file !== undefined),
        cuts: tangle.cut.flatMap((cut) => (index(cut.from) !== undefined && index(cut.to) !== undefined ? [{ from: index(cut.from)!, to: index(cut.to)!, leaves: cut.leaves }] : [])),
        cutSource: 'finding',
        share: tangle.share,
      });
      continue;
    }
    const against = cycle.slice(1).flatMap((to, step) => (allowed(cycle[step]!, to) ? [] : [{ from: index(cycle[step]!)!, to: index(to)!, leaves: null }]));
    entries.push({ cycle: files as number[], members: [...new Set(files as number[])], cuts: against, cutSource: against.length ? 'layers' : 'none', share: null });
  }
  return entries.sort((a, b) => b.members.length - a.members.length);
}
