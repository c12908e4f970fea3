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
 * How many batches a thread holds at once: the next one waits in its message queue, so a thread that
 * finishes a batch while the main thread is busy analysing one of its own starts the next at once
 * instead of idling until the main thread reads its answer.
 */
const BATCHES_IN_FLIGHT = 2;

/**
 * Parser threads fed with batches of files to read, hash and parse, while the main thread stats the
 * rest, resolves what is done and analyses the batches no thread has room for (`freeSlots`);
 * each batch goes to whichever thread is free, so a slow file never stalls the others.
 */
export class ParsePool {
  private readonly idle: Worker[] = [];
  private readonly queue: PendingBatch[] = [];
  /** Each thread's batches in the order it answers them (a thread answers in the order it received). */
  private readonly running = new Map<Worker, PendingBatch[]>();
  private nextBatch = 0;
  private closing: Promise<void> | undefined;
  private failure: StrataError | undefined;

  constructor(readonly size: number) {
    const script = workerScript();
    for (let i = 0; i < size; i++) {
      // The worker is plain JavaScript: it needs none of the parent's flags, and Node rejects many of
      // them for workers (--input-type from `node -e`, V8 heap sizes).
      const worker = new Worker(script, { execArgv: [] });
      worker.on('message', (response: WorkerResponse) => {
        this.settled(worker)?.resolve(response.results);
      });
      // Without this the batch would wait forever: no 'message' follows a 'messageerror'. Answers are
      // strings, so this is not expected; if it happens the run ends with a clear error, not a hang.
      worker.on('messageerror', (error) => {
        this.settled(worker)?.reject(new StrataError('WORKER_FAILED', `A parser worker's answer could not be received: ${error.message}`));
      });
      worker.on('error', (error) => this.fail(new StrataError('WORKER_FAILED', `A parser worker failed: ${error.message}`), worker));
      // A thread that ends before it is closed (an exit without an error) would leave its batches unanswered.
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(new StrataError('WORKER_FAILED', `A parser worker stopped (exit code ${code}).`), worker);
      });
      this.running.set(worker, []);
      for (let slot = 0; slot < BATCHES_IN_FLIGHT; slot++) this.idle.push(worker);
    }
  }

  /** Batches the threads can take now without queueing here: the caller keeps the rest for the main thread. */
  get freeSlots(): number {
    return this.idle.length - this.queue.length;
  }

  parse(files: FileJob[]): Promise<ThreadOutcome[]> {
    return new Promise((resolve, reject) => {
      // Threads started early may have failed before the first batch: nothing would answer it.
      if (this.failure) return reject(this.failure);
      this.queue.push({ request: { batch: this.nextBatch++, files }, resolve, reject });
      this.dispatch();
    });
  }

  /** A thread failed: its batches and every waiting one fail with it, and so does every later one. */
  private fail(failure: StrataError, worker: Worker): void {
    this.failure ??= failure;
    for (const pending of this.running.get(worker)?.splice(0) ?? []) pending.reject(failure);
    for (const pending of this.queue.splice(0)) pending.reject(failure);
  }

  /** Ends the threads; a second call waits for the first (the pipeline closes early-started threads again on failure). */
  close(): Promise<void> {
    this.closing ??= Promise.all([...this.running.keys()].map((worker) => worker.terminate())).then(() => undefined);
    return this.closing;
  }

  /** The thread answered its oldest batch: that slot is free again. */
  private settled(worker: Worker): PendingBatch | undefined {
    const batch = this.running.get(worker)?.shift();
    this.idle.push(worker);
    this.dispatch();
    return batch;
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.shift()!;
      const batch = this.queue.shift()!;
      this.running.get(worker)!.push(batch);
      worker.postMessage(batch.request);
    }
  }
}
