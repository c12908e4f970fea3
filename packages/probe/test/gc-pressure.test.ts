import { describe, expect, it } from 'vitest';
import { gcMsPerSecondOf, isGcPressure } from '../src/analysis/gc-pressure.js';

// Readings in the shape the healthy Express fixture gave on a crowded machine (five CPU hogs beside the
// test): three 500 ms load windows, one of them holding a single 76 ms scavenge the machine stretched.
const window = (start: number) => ({ start, end: start + 500 });
const healthyWindows = [gcMsPerSecondOf(window(0), [8.8, 14.9])!, gcMsPerSecondOf(window(500), [9.4, 3.1])!, gcMsPerSecondOf(window(1000), [11.3, 5.9, 75.6])!];
const healthyOverall = healthyWindows.reduce((sum, perSecond) => sum + perSecond * 0.5, 0) / 1.5;

describe('GC pressure', () => {
  it('is read per load window, from the intervals in it, and not at all from a window without one', () => {
    expect(gcMsPerSecondOf(window(0), [6.4, 5.9, 75.6])).toBeCloseTo(175.8);
    expect(gcMsPerSecondOf(window(0), [])).toBeNull();
  });

  it('needs the median window at the threshold, not only the total: one stretched pause is not pressure', () => {
    // The total alone would sit close to the threshold (here 85 ms/s); another such pause would cross it.
    expect(healthyOverall).toBeGreaterThan(80);
    expect(isGcPressure({ overall: healthyOverall, byWindow: healthyWindows, shareOfBusy: 0.4 })).toBe(false);
    expect(isGcPressure({ overall: healthyOverall + 60, byWindow: healthyWindows, shareOfBusy: 0.4 })).toBe(false);
  });

  it("needs the collector to hold a quarter of the process's time: a framework's own allocation at saturation is not the project's", () => {
    // Pauses over clinic's threshold in every window, as a saturated healthy service can read them when a
    // crowded machine stretches a few, while the collector held 12 % of the process's busy samples.
    expect(isGcPressure({ overall: 120, byWindow: [104, 131, 118], shareOfBusy: 0.12 })).toBe(false);
    expect(isGcPressure({ overall: 120, byWindow: [104, 131, 118], shareOfBusy: 0.25 })).toBe(true);
    // Few, delayed samples can understate the share; a quarter of the wall clock in the median window is the
    // same quarter read the other way.
    expect(isGcPressure({ overall: 480, byWindow: [563, 411, 459], shareOfBusy: 0.2 })).toBe(true);
    expect(isGcPressure({ overall: 240, byWindow: [230, 260, 240], shareOfBusy: 0.2 })).toBe(false);
  });

  it('is found when most windows reach it, as an allocation-heavy route does', () => {
    expect(isGcPressure({ overall: 611, byWindow: [453, 613, 793], shareOfBusy: 0.71 })).toBe(true);
    // A crowded machine can leave one window nearly empty; the others still carry the finding.
    expect(isGcPressure({ overall: 510, byWindow: [81, 664, 782], shareOfBusy: 0.66 })).toBe(true);
    expect(isGcPressure({ overall: 150, byWindow: [], shareOfBusy: 0.7 })).toBe(false);
  });
});
