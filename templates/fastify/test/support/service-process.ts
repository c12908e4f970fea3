import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
/** node's arguments that run the service's entry point from its sources. */
export const SERVICE_ARGS = ['--import', TSX_LOADER, MAIN];

export interface ServiceProcess {
  child: ChildProcess;
  url: string;
  /** Every stdout and stderr line so far (the service logs JSON lines). */
  lines: string[];
  /** Sends the signal and resolves with the exit code and how long the exit took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

/**
 * The real service as a user runs it: `src/main.ts` in its own process, with exactly the given
 * environment (nothing inherited but PATH and HOME), in the given working directory.
 */
export function startServiceProcess(options: { cwd: string; env?: Record<string, string>; timeoutMs?: number; preload?: string[] }): Promise<ServiceProcess> {
  const preloads = (options.preload ?? []).flatMap((file) => ['--import', pathToFileURL(file).href]);
  const child = spawn(process.execPath, [...preloads, ...SERVICE_ARGS], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? options.cwd, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  // 'close', not 'exit': the process may exit before its last lines are read from the pipes (the
  // shutdown log, under load), and a test that reads `lines` after stop() must see all of them.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`service did not start:\n${lines.join('\n')}`));
    }, options.timeoutMs ?? 60_000);
    const onLine = (line: string) => {
      lines.push(line);
      const url = line.includes('"msg":"listening"') ? (JSON.parse(line) as { url?: string }).url : undefined;
      if (!url) return;
      clearTimeout(timer);
      resolve({
        child,
        url,
        lines,
        async stop(signal = 'SIGTERM') {
          const started = Date.now();
          child.kill(signal);
          const code = await exited;
          return { code, ms: Date.now() - started };
        },
      });
    };
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.on('data', (chunk: Buffer) => {
        const parts = (pending + chunk.toString()).split('\n');
        pending = parts.pop() ?? '';
        parts.filter(Boolean).forEach(onLine);
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code} before listening:\n${lines.join('\n')}`));
    });
  });
}
