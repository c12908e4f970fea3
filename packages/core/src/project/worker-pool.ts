import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StrataError } from '../errors.js';
import type { ThreadOutcome, WorkerRequest, WorkerResponse } from './parse-worker.js';
import type { FileJob } from './process-file.js';

/**
 * The compiled worker sits beside this module. When the engine runs from its TypeScript sources
 * (the test runner), there is no compiled sibling, so the built copy in dist/ is used instead.
 */
function workerScript(): string {
  const sibling = fileURLToPath(new URL('./parse-worker.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  return fileURLToPath(new URL('../../dist/project/parse-worker.js', import.meta.url));
}

interface PendingBatch {
  request: WorkerRequest;
  resolve(results: ThreadOutcome[]): void;
  reject(error: Error): void;
}

/**
 * Parser threads fed with batches of files to read, hash and parse, while the main thread stats the
 * rest and resolves what is done;
 * each batch goes to whichever thread is free, so a slow file never stalls the others.
 */
export class ParsePool {
  private readonly idle: Worker[] = [];
  private readonly queue: PendingBatch[] = [];
  private readonly running = new Map<Worker, PendingBatch>();
  private nextBatch = 0;

  constructor(readonly size: number) {
    const script = workerScript();
    for (let i = 0; i < size; i++) {
      // The worker is plain JavaScript: it needs none of the parent's flags, and Node rejects many of
      // them for workers (--input-type from `node -e`, V8 heap sizes).
      const worker = new Worker(script, { execArgv: [] });
      worker.on('message', (response: WorkerResponse) => {
        const batch = this.running.get(worker);
        this.running.delete(worker);
        batch?.resolve(response.results);
        this.idle.push(worker);
        this.dispatch();
      });
      // Without this the batch would wait forever: no 'message' follows a 'messageerror'. Answers are
      // strings, so this is not expected; if it happens the run ends with a clear error, not a hang.
      worker.on('messageerror', (error) => {
        const batch = this.running.get(worker);
        this.running.delete(worker);
        batch?.reject(new StrataError('WORKER_FAILED', `A parser worker's answer could not be received: ${error.message}`));
        this.idle.push(worker);
        this.dispatch();
      });
      worker.on('error', (error) => {
        const failure = new StrataError('WORKER_FAILED', `A parser worker failed: ${error.message}`);
        this.running.get(worker)?.reject(failure);
        for (const pending of this.queue.splice(0)) pending.reject(failure);
      });
      this.idle.push(worker);
    }
  }

  parse(files: FileJob[]): Promise<ThreadOutcome[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { batch: this.nextBatch++, files }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.idle, ...this.running.keys()].map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const batch = this.queue.shift()!;
      this.running.set(worker, batch);
      worker.postMessage(batch.request);
    }
  }
}
