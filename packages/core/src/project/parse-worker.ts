import { parentPort } from 'node:worker_threads';
import { RULES } from '../rules/index.js';
import { analyzeSource } from './analyze-file.js';
import type { FileAnalysis } from './file-analysis.js';

export interface WorkerRequest {
  batch: number;
  files: { relative: string; source: string }[];
}

export interface WorkerResponse {
  batch: number;
  results: FileAnalysis[];
}

parentPort?.on('message', (request: WorkerRequest) => {
  const results = request.files.map(({ relative, source }) => analyzeSource(relative, source, RULES));
  parentPort!.postMessage({ batch: request.batch, results } satisfies WorkerResponse);
});
