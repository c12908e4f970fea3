import { describe, expect, it } from 'vitest';
import { gcMsPerSecondOf, isGcPressure } from '../src/analysis/gc-pressure.js';

// Readings in the shape the healthy Express fixture gave on a crowded machine (five CPU hogs beside the
// test): three 500 ms load windows, one of them holding a single 76 ms scavenge the machine stretched.
const window = (start: number) => ({ start, end: start + 500 });

describe('GC pressure', () => {
  it('is read per load window, from the intervals in it, and not at all from a window without one', () => {
    expect(gcMsPerSecondOf(window(0), [6.4, 5.9, 75.6])).toBeCloseTo(175.8);
    expect(gcMsPerSecondOf(window(0), [])).toBeNull();
  });

  it('needs the median window at the threshold, not only the total: one stretched pause is not pressure', () => {
    const healthy = [gcMsPerSecondOf(window(0), [8.8, 14.9])!, gcMsPerSecondOf(window(500), [9.4, 3.1])!, gcMsPerSecondOf(window(1000), [11.3, 5.9, 75.6])!];
    const overall = healthy.reduce((sum, perSecond) => sum + perSecond * 0.5, 0) / 1.5;
    // The total alone would sit close to the threshold (here 85 ms/s); another such pause would cross it.
    expect(overall).toBeGreaterThan(80);
    expect(isGcPressure(overall, healthy)).toBe(false);
    expect(isGcPressure(overall + 60, healthy)).toBe(false);
  });

  it('is found when most windows reach it, as an allocation-heavy route does', () => {
    expect(isGcPressure(611, [453, 613, 793])).toBe(true);
    // A crowded machine can leave one window nearly empty; the others still carry the finding.
    expect(isGcPressure(510, [81, 664, 782])).toBe(true);
    expect(isGcPressure(150, [])).toBe(false);
  });
});
