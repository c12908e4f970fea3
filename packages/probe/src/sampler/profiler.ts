import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { CPU_SAMPLING_INTERVAL_US } from '../protocol.js';

/**
 * Average bytes between heap samples; each sample walks the stack, which made the heap sampler the
 * probe's largest cost per request (at 128 KB the window with it on cost the bench's service 5.7 % of
 * its CPU per request against 3.9 % without it, on a quiet machine). A leak of kilobytes per request is
 * still sampled many times over a warm-up and a window: the leak fixture's 16 KB per request is one
 * retained sample per 32 requests, and its route serves thousands in that time on a loaded machine.
 */
const HEAP_SAMPLING_INTERVAL_BYTES = 512 * 1024;

/**
 * The in-process inspector. The CPU profiler runs from a route's warm-up through its first window, or
 * through every window when that part stalled the loop (runner/schedule.ts); the sampling heap profiler,
 * which costs more per request while it runs (a stack walk every sampled allocation), from the warm-up
 * into the first window only: long enough to catch what stays alive, and while the route's code is still
 * cold, so the functions that allocate are not yet inlined out of sight. It is stopped right after a
 * full collection (V8 drops the samples of what a collection frees), so what it holds stayed alive.
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
    const heap = this.heapSampling ? await this.stopHeap(dir, name) : {};
    return { ...(await this.stopCpu(dir, name)), ...heap };
  }

  /** Stops the CPU profiler alone and writes `<name>.cpuprofile`. */
  async stopCpu(dir: string, name: string): Promise<{ cpuProfileFile: string }> {
    if (!this.session) throw new Error('the profiler was not started');
    const { profile } = await this.session.post('Profiler.stop');
    const cpuProfileFile = path.join(dir, `${name}.cpuprofile`);
    await writeFile(cpuProfileFile, JSON.stringify(profile));
    return { cpuProfileFile };
  }
}
