import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StrataError } from '../errors.js';
import type { FileAnalysis } from './file-analysis.js';
import type { WorkerRequest, WorkerResponse } from './parse-worker.js';

const BATCH_SIZE = 48;

/**
 * The compiled worker sits beside this module. When the engine runs from its TypeScript sources
 * (the test runner), there is no compiled sibling, so the built copy in dist/ is used instead.
 */
function workerScript(): string {
  const sibling = fileURLToPath(new URL('./parse-worker.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  return fileURLToPath(new URL('../../dist/project/parse-worker.js', import.meta.url));
}

/** Parses files on worker threads, handing out batches as workers free up so slow files don't stall a thread. */
export async function analyzeInWorkers(
  files: { relative: string; source: string }[],
  workerCount: number,
): Promise<FileAnalysis[]> {
  const batches: WorkerRequest[] = [];
  for (let start = 0; start < files.length; start += BATCH_SIZE) {
    batches.push({ batch: batches.length, files: files.slice(start, start + BATCH_SIZE) });
  }
  const results: FileAnalysis[][] = new Array(batches.length);
  const script = workerScript();
  let next = 0;
  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(script);
      const sendNext = (): void => {
        const request = batches[next++];
        if (request) worker.postMessage(request);
        else void worker.terminate().then(() => resolve());
      };
      worker.on('message', (response: WorkerResponse) => {
        results[response.batch] = response.results;
        sendNext();
      });
      worker.on('error', (error) => reject(new StrataError('WORKER_FAILED', `A parser worker failed: ${error.message}`)));
      sendNext();
    });
  await Promise.all(Array.from({ length: Math.min(workerCount, batches.length) }, runWorker));
  return results.flat();
}
