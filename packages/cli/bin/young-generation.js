// The main thread's young generation, held to Node 20's size on V8 13 (Node 24). Kept apart from the
// launcher so a test can run it in a child on any Node.
//
// A review keeps most of what it allocates (every file's analysis lives to the end), so V8 sees a high
// survival rate and grows the young generation as far as it may: on Node 20 and 22 to 16 MB
// semi-spaces, on Node 24 to 64 MB. The larger one copies no less (what survives is copied all the
// same) but spreads the heap over more memory: novu cold on Node 24.22, 7 interleaved runs, 3.13 s wall
// and 5.1 s CPU with a peak RSS of 332 MB, against 2.66 s, 4.5 s and 235 MB when held to 16 MB
// (bench/README.md, 2026-12-02). Its size is fixed when the thread's heap is made, before any of this
// code runs; the factor by which V8 grows it is read at each growth, so that is what is set.

import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** The factor V8 11 to 13 grow a young generation by, when its objects survive. */
const V8_GROWTH_FACTOR = 2;

/** Flags that size the young generation: a user who sets one (command line, NODE_OPTIONS) keeps V8's behaviour with it. */
const YOUNG_GENERATION_FLAG = /--(min-|max-)?semi-space|--scavenger-max-new-space|--semi-space-growth/;

/**
 * The semi-space size, in MB, the main thread's young generation is held to on a V8 version, or null
 * for V8's own. `userFlags`: the Node and V8 flags the user started Node with (`process.execArgv` and
 * NODE_OPTIONS, joined).
 */
export function youngGenerationCapMb(v8Version, userFlags = '') {
  if (YOUNG_GENERATION_FLAG.test(userFlags)) return null;
  return Number(v8Version.split('.')[0]) === 13 ? 16 : null;
}

/**
 * The flags that give threads started later (the parser threads) that size from their start: the
 * growth factor `capYoungGeneration` turns off is process-wide, and would otherwise hold a thread's
 * young generation at whatever small size it had then.
 */
export function threadYoungGenerationFlags(v8Version, userFlags = '') {
  const cap = youngGenerationCapMb(v8Version, userFlags);
  return cap === null ? [] : [`--min-semi-space-size=${cap}`, `--max-semi-space-size=${cap}`];
}

/**
 * Holds this thread's young generation to semi-spaces of `semiSpaceMb`: growth is turned off while it
 * is that large, and on again once V8 has shrunk it (an idle `strata mcp` server). Checked after
 * collections, by an observer of GC entries, so it takes effect at the next turn of the event loop.
 * Returns the function that stops it.
 */
export function capYoungGeneration(semiSpaceMb) {
  // The new space is both semi-spaces.
  const capBytes = 2 * semiSpaceMb * 1024 * 1024;
  let holding = false;
  const observer = new PerformanceObserver(() => {
    const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    const atCap = young !== undefined && young.space_size >= capBytes;
    if (atCap === holding) return;
    holding = atCap;
    setFlagsFromString(`--semi-space-growth-factor=${atCap ? 1 : V8_GROWTH_FACTOR}`);
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}
