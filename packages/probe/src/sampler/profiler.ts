import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { CPU_SAMPLING_INTERVAL_US, type HeapCheckpoint } from '../protocol.js';

/**
 * Average bytes between heap samples; each sample walks the stack, which made the heap sampler the
 * probe's largest cost per request (at 128 KB the window with it on cost the bench's service 5.7 % of
 * its CPU per request against 3.9 % without it, on a quiet machine). A leak of kilobytes per request is
 * still sampled many times over a warm-up and a window: the leak fixture's 16 KB per request is one
 * retained sample per 32 requests, and its route serves thousands in that time on a loaded machine.
 */
const HEAP_SAMPLING_INTERVAL_BYTES = 512 * 1024;

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

/**
 * The in-process inspector. The CPU profiler runs over a route's whole load; the sampling heap profiler,
 * which costs far more per request (a stack walk every sampled allocation), runs from the warm-up to
 * the end of the first window only: long enough to catch what stays alive, and while the route's code is
 * still cold, so the functions that allocate are not yet inlined out of sight.
 */
export class Profiler {
  private session: Session | undefined;
  private heapSampling = false;

  async start(): Promise<void> {
    if (!this.session) {
      this.session = new Session();
      this.session.connect();
      await this.session.post('Profiler.enable');
      await this.session.post('Profiler.setSamplingInterval', { interval: CPU_SAMPLING_INTERVAL_US });
    }
    await this.session.post('Profiler.start');
    await this.session.post('HeapProfiler.startSampling', { samplingInterval: HEAP_SAMPLING_INTERVAL_BYTES });
    this.heapSampling = true;
  }

  /** Stops the heap sampler and writes `<name>.heapprofile`: what it sampled that is still alive. */
  async stopHeap(dir: string, name: string): Promise<{ heapProfileFile: string }> {
    if (!this.session || !this.heapSampling) throw new Error('the heap sampler is not running');
    this.heapSampling = false;
    const { profile } = await this.session.post('HeapProfiler.stopSampling');
    const heapProfileFile = path.join(dir, `${name}.heapprofile`);
    await writeFile(heapProfileFile, JSON.stringify(profile));
    return { heapProfileFile };
  }

  /** Stops the CPU profiler (and the heap sampler if still running) and writes `<name>.cpuprofile`. */
  async stop(dir: string, name: string): Promise<{ cpuProfileFile: string; heapProfileFile?: string }> {
    if (!this.session) throw new Error('the profiler was not started');
    const heap = this.heapSampling ? await this.stopHeap(dir, name) : {};
    const { profile } = await this.session.post('Profiler.stop');
    const cpuProfileFile = path.join(dir, `${name}.cpuprofile`);
    await writeFile(cpuProfileFile, JSON.stringify(profile));
    return { cpuProfileFile, ...heap };
  }
}
