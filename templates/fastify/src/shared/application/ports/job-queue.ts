/** Work that may be slow or fail transiently goes here; implementations retry with backoff. */
export interface JobQueue {
  enqueue(jobName: string, payload: unknown): Promise<void>;
}

export type JobProcessor = (jobName: string, payload: unknown) => Promise<void>;
