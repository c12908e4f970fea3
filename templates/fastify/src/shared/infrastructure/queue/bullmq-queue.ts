import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { JobProcessor, JobQueue } from '../../application/ports/job-queue.js';
import type { Logger } from '../../application/ports/logger.js';
import type { RetryPolicy } from './in-process-queue.js';

const QUEUE_NAME = 'jobs';
const DRAIN_POLL_MS = 20;

/** Durable jobs on Redis: survive restarts and spread across instances. */
export class BullMqJobQueue implements JobQueue {
  private readonly connection: Redis;
  private readonly queue: Queue;
  private readonly worker: Worker;

  constructor(redisUrl: string, prefix: string, processor: JobProcessor, private readonly retry: RetryPolicy, logger: Logger) {
    // BullMQ's blocking worker commands require maxRetriesPerRequest: null.
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const options = { connection: this.connection, prefix: `${prefix}bull` };
    this.queue = new Queue(QUEUE_NAME, options);
    this.worker = new Worker(QUEUE_NAME, (job) => processor(job.name, job.data), { ...options, concurrency: 5 });
    this.worker.on('failed', (job, error) => {
      logger.warn({ err: error, jobName: job?.name, attempts: job?.attemptsMade }, 'job failed');
    });
  }

  async enqueue(jobName: string, payload: unknown): Promise<void> {
    await this.queue.add(jobName, payload, {
      attempts: this.retry.attempts,
      backoff: { type: 'exponential', delay: this.retry.backoffMs },
      removeOnComplete: 1000,
      removeOnFail: 5000,
    });
  }

  /** Waits until no job is waiting, delayed or active: used by graceful shutdown and tests. */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
      if (Object.values(counts).every((count) => count === 0)) return;
      if (Date.now() > deadline) throw new Error('Timed out draining the job queue');
      await new Promise<void>((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
    await this.connection.quit();
  }
}
