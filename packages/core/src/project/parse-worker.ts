import { parentPort } from 'node:worker_threads';
import { RULES } from '../rules/index.js';
import { processFile, type FileJob, type FileOutcome } from './process-file.js';

export interface WorkerRequest {
  batch: number;
  files: FileJob[];
}

export interface WorkerResponse {
  batch: number;
  results: FileOutcome[];
}

parentPort?.on('message', (request: WorkerRequest) => {
  const results = request.files.map((job) => processFile(job, RULES));
  parentPort!.postMessage({ batch: request.batch, results } satisfies WorkerResponse);
});
