import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { HeapReading } from '../protocol.js';

const YOUNG_SPACES = new Set(['new_space', 'new_large_object_space']);

/** Bytes in use outside the young generation: after a full collection, what survived it. */
export function oldGenerationBytes(): number {
  let bytes = 0;
  for (const space of v8.getHeapSpaceStatistics()) if (!YOUNG_SPACES.has(space.space_name)) bytes += space.space_used_size;
  return bytes;
}

let forceGc: (() => void) | undefined;

/**
 * A forced full collection, then a reading. The last resort: a forced collection deoptimises the
 * service's hot code, which then runs unoptimised until V8 recompiles it. On the Express fixture under
 * load (--trace-deopt), a forced collection every 0.9 s had V8 mark 30 to 57 optimised functions for
 * deoptimisation ("weak objects": setHeader, OutgoingMessage, parserOnIncoming, fastparse among them)
 * over 3 to 4 s, while the service's own full collections (7 in 6 s) marked none. So it is not only that
 * no request is alive at an idle reading: a forced collection under load does it too.
 * `onForced` hears the collection's time window, so its pause is not counted as the service's.
 */
export function forcedReading(onForced: (start: number, end: number) => void): HeapReading {
  if (!forceGc) {
    v8.setFlagsFromString('--expose-gc');
    forceGc = vm.runInNewContext('gc') as () => void;
  }
  const start = performance.now();
  forceGc();
  onForced(start, performance.now());
  return { at: Date.now(), bytes: oldGenerationBytes(), source: 'forced' };
}

/**
 * The post-GC heap after each of the service's own full collections, read when the GC observer hears of
 * one: a millisecond or two after it ended (7.5 ms at most seen under load), so the young generation is
 * left out, and the old generation has grown only by what a scavenge promoted since, if one ran. On the
 * Express fixture these readings came within 0.1 MB of v8.GCProfiler's exact after-GC figures. A reading
 * is one heap-space query per full collection (about 34 k instructions under callgrind), and full
 * collections come a few times a second at most. v8.GCProfiler was the other way: it reads the heap's
 * statistics before and after every collection, scavenges included, and writes them out as JSON text;
 * under callgrind that came to about 430 k instructions per collection, at the tens of scavenges a second
 * a service under load runs.
 */
export class PostGcReadings {
  /** Readings kept until taken: a process streaming with nobody asking (the overhead bench) keeps the latest. */
  private static readonly KEPT = 1000;
  private readings: HeapReading[] = [];

  /** A full collection of the service's own ended at `endTime` (performance.now()). */
  record(endTime: number): void {
    this.readings.push({ at: Math.round(Date.now() - (performance.now() - endTime)), bytes: oldGenerationBytes(), source: 'service' });
    if (this.readings.length > PostGcReadings.KEPT) this.readings.shift();
  }

  /** The readings so far, and a fresh start. */
  take(): HeapReading[] {
    const taken = this.readings;
    this.readings = [];
    return taken;
  }
}
