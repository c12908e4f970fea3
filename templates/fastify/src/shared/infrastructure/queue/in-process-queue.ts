import type { JobProcessor, JobQueue } from '../../application/ports/job-queue.js';
import type { Logger } from '../../application/ports/logger.js';

export interface RetryPolicy {
  attempts: number;
  /** Delay before the 2nd attempt; doubles on each further attempt. */
  backoffMs: number;
}

/**
 * The embedded fallback when no Redis is configured: same retry semantics as the BullMQ adapter,
 * but jobs live in memory, so they are lost if the process dies. Fine for development and a single
 * instance; set REDIS_URL for anything that must survive a restart.
 */
export class InProcessJobQueue implements JobQueue {
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly processor: JobProcessor,
    private readonly retry: RetryPolicy,
    private readonly logger: Logger,
  ) {}

  async enqueue(jobName: string, payload: unknown): Promise<void> {
    if (this.closed) throw new Error(`Queue closed; job ${jobName} rejected`);
    const run = this.runWithRetries(jobName, payload).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Resolves when every job enqueued so far has succeeded or exhausted its attempts. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
  }

  private async runWithRetries(jobName: string, payload: unknown): Promise<void> {
    // Yield first so enqueue() returns before the job starts, as with a real queue.
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (let attempt = 1; attempt <= this.retry.attempts; attempt += 1) {
      try {
        await this.processor(jobName, payload);
        return;
      } catch (error) {
        const finalAttempt = attempt === this.retry.attempts;
        this.logger.warn({ err: error, jobName, attempt }, finalAttempt ? 'job failed permanently' : 'job failed, retrying');
        if (finalAttempt) return;
        await new Promise<void>((resolve) => setTimeout(resolve, this.retry.backoffMs * 2 ** (attempt - 1)));
      }
    }
  }
}
