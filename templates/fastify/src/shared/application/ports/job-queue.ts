/** Work that may be slow or fail transiently goes here; implementations retry with backoff. */
export interface JobQueue {
  /** `id` makes the enqueue idempotent where the queue supports it: the same id is one job. */
  enqueue(jobName: string, payload: unknown, options?: { id?: string | undefined }): Promise<void>;
}

export type JobProcessor = (jobName: string, payload: unknown) => Promise<void>;
