import type { ProbeCommand, SamplerMessage } from '../protocol.js';
import { SamplerChannel } from './channel.js';
import { watchDatabaseDrivers } from './database.js';
import { GcMonitor } from './gc.js';
import { IoTally } from './io-tally.js';
import { watchListening } from './listen.js';
import { LoopMonitor } from './loop.js';
import { watchOutboundHttp } from './outbound.js';
import { checkpoint, Profiler } from './profiler.js';
import { settle } from './settle.js';

const SAMPLE_EVERY_MS = 250;
/** How long a service that ignores SIGTERM gets once its probe is gone. */
const ORPHAN_GRACE_MS = 5000;

export function startSampler(socketPath: string): void {
  const tally = new IoTally(process.cwd());
  const profiler = new Profiler();
  let gc: GcMonitor | undefined;
  let streaming = false;

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
    if (streaming) return;
    streaming = true;
    const loop = new LoopMonitor();
    gc = new GcMonitor();
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
  }

  async function handle(command: ProbeCommand): Promise<Partial<Extract<SamplerMessage, { type: 'reply' }>>> {
    switch (command.type) {
      case 'select':
        watchDatabaseDrivers(tally);
        startStreaming();
        return {};
      case 'checkpoint':
        await settle();
        return { checkpoint: checkpoint((start, end) => gc?.markForced(start, end)) };
      case 'profile-start':
        await profiler.start();
        // V8 stamps CPU samples with the monotonic clock that process.hrtime reads.
        return { clock: { wallMs: Date.now(), monotonicUs: Number(process.hrtime.bigint() / 1000n) } };
      case 'heap-stop':
        return profiler.stopHeap(command.dir, command.name);
      case 'profile-stop':
        return profiler.stop(command.dir, command.name);
    }
  }
}
