import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CPU_SAMPLING_INTERVAL_US } from '../protocol.js';

/**
 * Average bytes between heap samples. A leak of kilobytes per request is still sampled many times over a
 * route: the leak fixture's 16 KB per request is one retained sample per 32 requests. Under callgrind the
 * sampler costs the bench's service 2.2 k instructions a request of its 554 k (bench/README.md).
 */
const HEAP_SAMPLING_INTERVAL_BYTES = 512 * 1024;

/**
 * The in-process inspector: the sampling heap profiler and the CPU profiler.
 *
 * The heap sampler starts once and runs through the whole probe. What it holds is read only for a route
 * whose post-GC heap grew: reading it makes V8 run a full collection first (the inspector asks for one, and
 * V8 drops the samples of what a collection frees, so what is left stayed alive), and a collection forced
 * under load deoptimises the service's hot code (sampler/post-gc.ts). Stopping it costs the same collection,
 * so it is never stopped between routes; running, it costs under half a per cent of the bench's service's
 * instructions. Started before the first route, it sees each route's code while it is still cold, before the
 * optimiser inlines the function that allocates into its caller (the heap sampler walks physical frames).
 *
 * The CPU profiler runs only over a route whose loop stalled or whose collector was under pressure
 * (runner/schedule.ts): starting it logs every compiled function (tens of ms of the service's loop), and
 * while it runs the service spends about 4 % more CPU per request (bench/README.md).
 */
export class Profiler {
  private session: Session | undefined;
  private heapSampling = false;

  private connected(): Session {
    if (!this.session) {
      const session = new Session();
      session.connect();
      // A process that exits (an uncaught exception under load) with the profilers running tears the
      // inspector down from under them; stopping them first is the orderly way out.
      process.once('exit', () => session.disconnect());
      this.session = session;
    }
    return this.session;
  }

  async startHeap(): Promise<void> {
    if (this.heapSampling) return;
    await this.connected().post('HeapProfiler.startSampling', { samplingInterval: HEAP_SAMPLING_INTERVAL_BYTES });
    this.heapSampling = true;
  }

  /**
   * Writes `<name>.heapprofile`: what the heap sampler holds after the full collection V8 runs to answer, and
   * starts it again, so that the next profile holds what was allocated from here on. `onCollection` hears the
   * time the answer took, which holds that collection: its pause is the probe's, not the service's.
   */
  async takeHeap(dir: string, name: string, onCollection: (start: number, end: number) => void): Promise<{ heapProfileFile: string }> {
    if (!this.heapSampling) throw new Error('the heap sampler is not running');
    const session = this.connected();
    const start = performance.now();
    this.heapSampling = false;
    const { profile } = await session.post('HeapProfiler.stopSampling');
    onCollection(start, performance.now());
    await this.startHeap();
    const heapProfileFile = path.join(dir, `${name}.heapprofile`);
    await writeFile(heapProfileFile, JSON.stringify(profile));
    return { heapProfileFile };
  }

  async startCpu(): Promise<void> {
    const session = this.connected();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: CPU_SAMPLING_INTERVAL_US });
    await session.post('Profiler.start');
  }

  /** Stops the CPU profiler and writes `<name>.cpuprofile`. */
  async stopCpu(dir: string, name: string): Promise<{ cpuProfileFile: string }> {
    if (!this.session) throw new Error('the CPU profiler was not started');
    const { profile } = await this.session.post('Profiler.stop');
    const cpuProfileFile = path.join(dir, `${name}.cpuprofile`);
    await writeFile(cpuProfileFile, JSON.stringify(profile));
    return { cpuProfileFile };
  }
}
