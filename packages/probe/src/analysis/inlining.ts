/**
 * Who allocated: a caller or its callee, from the order of the heap samples charged to them.
 *
 * While the callee runs as its own frame, each sample of the two is the callee's with the share p of their
 * allocation that is the callee's. Once the optimiser inlines the callee, every sample shows the caller
 * (and it may show the callee again after a deoptimisation). So the caller's share of all samples says
 * nothing on its own: on Node 24 the leak fixture's callee held 14 samples before Maglev inlined it and
 * none of the 800 after. What the inlining does not change is what follows a sample of the callee: the
 * next is the callee's again with probability p, as long as it still runs on its own; an inlining costs
 * one such step per switch. The share of the callee's samples followed by another of its own estimates p.
 */
export type Separation = 'callee' | 'caller' | 'unknown';

/** Said after a function the heap profile names when it cannot tell that function from a callee inlined into it. */
export const OR_INLINED_CALLEE = 'or a function the optimiser inlined into it';

/** One-sided 95 %: the bound on p a verdict needs. */
const Z = 1.645;

/** The Wilson score interval's bound on a share of `hits` in `trials`. */
function wilson(hits: number, trials: number, sign: 1 | -1): number {
  const p = hits / trials;
  const z2 = Z * Z;
  return (p + z2 / (2 * trials) + sign * Z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
}

/**
 * `callee` when the callee allocated more than half of what the two did while it ran on its own, `caller`
 * when less, at 95 % either way; `unknown` otherwise: too few samples of the callee (four in a row are the
 * fewest that can say `callee`), or a share near one half.
 */
export function separate(labels: ReadonlyArray<'caller' | 'callee'>): Separation {
  let trials = 0;
  let hits = 0;
  for (let i = 0; i < labels.length - 1; i++) {
    if (labels[i] !== 'callee') continue;
    trials++;
    if (labels[i + 1] === 'callee') hits++;
  }
  if (!trials) return 'unknown';
  if (wilson(hits, trials, -1) > 0.5) return 'callee';
  if (wilson(hits, trials, 1) < 0.5) return 'caller';
  return 'unknown';
}
