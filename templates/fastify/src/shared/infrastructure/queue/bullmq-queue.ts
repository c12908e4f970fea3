import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobProcessor, JobQueue } from '../../application/ports/job-queue.js';
import type { Logger } from '../../application/ports/logger.js';
import { withTimeout } from '../../application/with-timeout.js';
import { closeRedis, createRedisClient } from '../cache/redis-client.js';
import type { RetryPolicy } from './in-process-queue.js';

const QUEUE_NAME = 'jobs';
const DRAIN_POLL_MS = 20;

export interface BullMqOptions {
  redisUrl: string;
  prefix: string;
  retry: RetryPolicy;
  /** Bound on one enqueue: past it the caller (the outbox relay) keeps the event and retries later. */
  enqueueTimeoutMs: number;
  logger: Logger;
}

/** Durable jobs on Redis: survive restarts and spread across instances. */
export class BullMqJobQueue implements JobQueue {
  private readonly connection: Redis;
  private readonly queue: Queue;
  private readonly worker: Worker;

  constructor(processor: JobProcessor, private readonly options: BullMqOptions) {
    this.connection = createRedisClient(options.redisUrl, { commandTimeoutMs: options.enqueueTimeoutMs, logger: options.logger, blocking: true });
    const settings = { connection: this.connection, prefix: `${options.prefix}bull` };
    this.queue = new Queue(QUEUE_NAME, settings);
    this.worker = new Worker(QUEUE_NAME, (job) => processor(job.name, job.data), { ...settings, concurrency: 5 });
    this.worker.on('failed', (job, error) => {
      options.logger.warn({ err: error, jobName: job?.name, attempts: job?.attemptsMade }, 'job failed');
    });
    // The client logs the outage once; these only keep BullMQ's re-emitted errors from being unhandled.
    this.queue.on('error', () => undefined);
    this.worker.on('error', () => undefined);
  }

  async enqueue(jobName: string, payload: unknown, options: { id?: string | undefined } = {}): Promise<void> {
    // A relay retry after an enqueue that timed out but landed is the same job, not a second one.
    const adding = this.queue.add(jobName, payload, {
      ...(options.id ? { jobId: options.id } : {}),
      attempts: this.options.retry.attempts,
      backoff: { type: 'exponential', delay: this.options.retry.backoffMs },
      removeOnComplete: 1000,
      removeOnFail: 5000,
    });
    await withTimeout(adding, this.options.enqueueTimeoutMs, `enqueue ${jobName}`);
  }

  /** Waits until no job is waiting, delayed or active: used by tests to observe eventual effects. */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
      if (Object.values(counts).every((count) => count === 0)) return;
      if (Date.now() > deadline) throw new Error('Timed out draining the job queue');
      await new Promise<void>((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
  }

  /**
   * Lets active jobs finish within `timeoutMs`, then drops the connection: shutdown never waits on a
   * dead Redis. With Redis not answering nothing can be acknowledged, so the worker closes at once:
   * a graceful close would QUIT its own blocking connection, which waits for a Redis that is gone.
   * A connection can look ready while its packets vanish, so Redis is asked (one bounded PING).
   */
  async close(timeoutMs = 5_000): Promise<void> {
    const probeMs = Math.min(this.options.enqueueTimeoutMs, timeoutMs);
    const answering = this.connection.status === 'ready' && (await withTimeout(this.connection.ping(), probeMs, 'pinging Redis').then(() => true, () => false));
    const force = !answering;
    await withTimeout(Promise.all([this.worker.close(force), this.queue.close()]), Math.max(timeoutMs - probeMs, 0), 'closing the job queue').catch(() => undefined);
    await closeRedis(this.connection, 0);
  }
}
