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
  /** The heap profile of the window under way, due after the first own full collection past `after`. */
  let heapStop: { dir: string; name: string; after: number; written?: Promise<{ heapProfileFile: string } | { error: Error }> } | undefined;
  const stopHeapNow = (stop: NonNullable<typeof heapStop>): void => {
    // Settled into a value: a failure surfaces at window-end, never as an unhandled rejection in the service.
    stop.written = profiler.stopHeap(stop.dir, stop.name).catch((error: Error) => ({ error }));
  };
  postGc.onCollection = () => {
    if (heapStop && !heapStop.written && performance.now() >= heapStop.after) stopHeapNow(heapStop);
  };

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
    const timer = setInterval(() => {
      const now = performance.now();
      loop.noteTimerLateness(now - due);
      due = now + SAMPLE_EVERY_MS;
      const usage = process.memoryUsage();
      const cpu = process.cpuUsage(lastCpu);
      const cpuShare = (cpu.user + cpu.system) / 1000 / Math.max(1, now - lastAt);
      lastCpu = process.cpuUsage();
      lastAt = now;
      const message: SamplerMessage = {
        type: 'sample',
        pid: process.pid,
        sample: { at: Date.now(), ...loop.take(), cpu: cpuShare, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, rss: usage.rss, gc: monitor.take(), io: tally.take() },
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
        // A heap profile still waiting for a collection (see window-end) carries on into this window.
        if (command.heapStop) heapStop = { ...command.heapStop, after: performance.now() + command.heapStop.afterMs };
        return {};
      case 'window-end': {
        const readings: HeapReading[] = postGc.take();
        const stop = heapStop;
        const heapDue = stop !== undefined && !stop.written;
        // No full collection of its own in the window: one is forced, once the requests in flight are done,
        // so their working memory is not read as retained, and a heap profile still due stops at it. A heap
        // profile that only lacks a collection late enough waits for the service's own next one, in the
        // route's later windows, and is forced only after its last: a forced collection deoptimises the
        // service's hot code, which then weighs on the next window (bench/README.md: 20 % of the window
        // after one, against 4 % after the service's own).
        if (!readings.length || (heapDue && command.last)) {
          await settle();
          readings.push(forcedReading((start, end) => gc?.markForced(start, end)));
          // Checked again: a collection of the service's own while it settled may have stopped it already.
          if (heapDue && !stop.written) stopHeapNow(stop);
        }
        if (!stop?.written) return { readings };
        heapStop = undefined;
        const written = await stop.written;
        if ('error' in written) throw written.error;
        return { readings, ...written };
      }
      case 'profile-start':
        await profiler.start();
        // V8 stamps CPU samples with the monotonic clock that process.hrtime reads.
        return { clock: { wallMs: Date.now(), monotonicUs: Number(process.hrtime.bigint() / 1000n) } };
      case 'heap-stop':
        return profiler.stopHeap(command.dir, command.name);
      case 'profile-stop':
        // A heap profile still waiting for a full collection stays on: window-end writes it.
        return heapStop && !heapStop.written ? profiler.stopCpu(command.dir, command.name) : profiler.stop(command.dir, command.name);
    }
  }
}
