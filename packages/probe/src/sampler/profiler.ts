import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { HeapCheckpoint } from '../protocol.js';

/** CPU sampling period: fine enough to name a function that blocks for 10 ms, coarse enough to cost little. */
const CPU_SAMPLING_INTERVAL_US = 4000;
/** Average bytes between heap samples: a leak of kilobytes per request is still sampled many times. */
const HEAP_SAMPLING_INTERVAL_BYTES = 64 * 1024;

let forceGc: (() => void) | undefined;

/** A full collection on demand, without starting the service with --expose-gc. */
function collect(): void {
  if (!forceGc) {
    v8.setFlagsFromString('--expose-gc');
    forceGc = vm.runInNewContext('gc') as () => void;
  }
  forceGc();
}

/** Post-GC heap: a forced full collection, then a reading. `onForced` hears its time window. */
export function checkpoint(onForced: (start: number, end: number) => void): HeapCheckpoint {
  const start = performance.now();
  collect();
  onForced(start, performance.now());
  const usage = process.memoryUsage();
  return { at: Date.now(), heapUsed: usage.heapUsed, rss: usage.rss };
}

/** The in-process inspector: CPU profile and sampling heap profile over a load window. */
export class Profiler {
  private session: Session | undefined;

  async start(): Promise<void> {
    if (!this.session) {
      this.session = new Session();
      this.session.connect();
      await this.session.post('Profiler.enable');
      await this.session.post('Profiler.setSamplingInterval', { interval: CPU_SAMPLING_INTERVAL_US });
    }
    await this.session.post('Profiler.start');
    await this.session.post('HeapProfiler.startSampling', { samplingInterval: HEAP_SAMPLING_INTERVAL_BYTES });
  }

  /** Stops both profilers and writes `<name>.cpuprofile` and `<name>.heapprofile` (DevTools formats). */
  async stop(dir: string, name: string): Promise<{ cpuProfileFile: string; heapProfileFile: string }> {
    if (!this.session) throw new Error('the profiler was not started');
    const { profile: cpu } = await this.session.post('Profiler.stop');
    // What the heap sampler still holds after the checkpoint's full GC is memory that stayed alive.
    const { profile: heap } = await this.session.post('HeapProfiler.stopSampling');
    const cpuProfileFile = path.join(dir, `${name}.cpuprofile`);
    const heapProfileFile = path.join(dir, `${name}.heapprofile`);
    await Promise.all([writeFile(cpuProfileFile, JSON.stringify(cpu)), writeFile(heapProfileFile, JSON.stringify(heap))]);
    return { cpuProfileFile, heapProfileFile };
  }
}
