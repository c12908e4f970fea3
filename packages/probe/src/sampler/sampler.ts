import { SAMPLE_INTERVAL_MS as SAMPLE_EVERY_MS, type HeapReading, type ProbeCommand, type SamplerMessage } from '../protocol.js';
import { SamplerChannel } from './channel.js';
import { watchDatabaseDrivers } from './database.js';
import { GcMonitor } from './gc.js';
import { IoTally } from './io-tally.js';
import { watchListening } from './listen.js';
import { LoopMonitor } from './loop.js';
import { watchOutboundHttp } from './outbound.js';
import { forcedReading, PostGcReadings } from './post-gc.js';
import { Profiler } from './profiler.js';
import { settle } from './settle.js';

/** How long a service that ignores SIGTERM gets once its probe is gone. */
const ORPHAN_GRACE_MS = 5000;

export function startSampler(socketPath: string): void {
  const tally = new IoTally(process.cwd());
  const profiler = new Profiler();
  const postGc = new PostGcReadings();
  let gc: GcMonitor | undefined;
  /** Undoes startStreaming: the timer, the loop-delay histogram and the GC observer. */
  let stopStreaming: (() => void) | undefined;

  const channel = new SamplerChannel(
    socketPath,
    (command) => {
      handle(command).then(
        (reply) => channel.send({ type: 'reply', pid: process.pid, id: command.id, ...reply }),
        (error: Error) => channel.send({ type: 'reply', pid: process.pid, id: command.id, error: error.message }),
      );
    },
    () => {
      process.kill(process.pid, 'SIGTERM');
      setTimeout(() => process.exit(1), ORPHAN_GRACE_MS).unref();
    },
  );

  // Subscribing to diagnostics channels costs nothing until a message is published.
  watchOutboundHttp(tally);
  watchListening((port, address) => {
    watchDatabaseDrivers(tally);
    channel.send({ type: 'listening', pid: process.pid, port, address });
  });
  channel.send({ type: 'hello', pid: process.pid, ppid: process.ppid, argv: process.argv });

  function startStreaming(): void {
    if (stopStreaming) return;
    const loop = new LoopMonitor();
    gc = new GcMonitor((endTime) => postGc.record(endTime));
    const monitor = gc;
    let due = performance.now() + SAMPLE_EVERY_MS;
    let lastCpu = process.cpuUsage();
    let lastAt = performance.now();
    let lastElu = performance.eventLoopUtilization();
    const timer = setInterval(() => {
      const now = performance.now();
      loop.noteTimerLateness(now - due);
      due = now + SAMPLE_EVERY_MS;
      const usage = process.memoryUsage();
      const cpu = process.cpuUsage(lastCpu);
      const cpuShare = (cpu.user + cpu.system) / 1000 / Math.max(1, now - lastAt);
      lastCpu = process.cpuUsage();
      lastAt = now;
      const currentElu = performance.eventLoopUtilization();
      const elu = performance.eventLoopUtilization(currentElu, lastElu).utilization;
      lastElu = currentElu;
      const message: SamplerMessage = {
        type: 'sample',
        pid: process.pid,
        sample: { at: Date.now(), ...loop.take(), cpu: cpuShare, elu, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, rss: usage.rss, gc: monitor.take(), io: tally.take() },
      };
      channel.send(message);
    }, SAMPLE_EVERY_MS);
    timer.unref();
    stopStreaming = () => {
      clearInterval(timer);
      loop.stop();
      monitor.stop();
      gc = undefined;
      stopStreaming = undefined;
    };
  }

  async function handle(command: ProbeCommand): Promise<Partial<Extract<SamplerMessage, { type: 'reply' }>>> {
    switch (command.type) {
      case 'select':
        watchDatabaseDrivers(tally);
        startStreaming();
        return {};
      case 'deselect':
        stopStreaming?.();
        return {};
      case 'window-start':
        postGc.take();
        return {};
      case 'window-end': {
        const readings: HeapReading[] = postGc.take();
        // No full collection of its own in the window: one is forced, once the requests in flight are done,
        // so their working memory is not read as retained.
        if (!readings.length) {
          await settle();
          readings.push(forcedReading((start, end) => gc?.markForced(start, end)));
        }
        return { readings };
      }
      case 'heap-start':
        await profiler.startHeap();
        return {};
      case 'heap-profile':
        return profiler.takeHeap(command.dir, command.name, (start, end) => gc?.markForced(start, end));
      case 'cpu-start':
        await profiler.startCpu();
        // V8 stamps CPU samples with the monotonic clock that process.hrtime reads.
        return { clock: { wallMs: Date.now(), monotonicUs: Number(process.hrtime.bigint() / 1000n) } };
      case 'cpu-stop':
        return profiler.stopCpu(command.dir, command.name);
    }
  }
}
