import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const STRATA_BIN = fileURLToPath(new URL('../../cli/bin/strata.js', import.meta.url));

/** The strata CLI as a real process (signals and exit codes are what is under test). */
export function startStrata(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; stderr: () => string; stdout: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [STRATA_BIN, ...args], { cwd: FIXTURES, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stderr: () => stderr, stdout: () => stdout, exited };
}

/** Polls `condition` every 50 ms; gives up after `attempts` tries, so a test never hangs. */
export async function waitFor<T>(condition: () => T | undefined | null | false, attempts = 400): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = condition();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met in time');
}

/** A dependency that answers after `delayMs`: what a slow upstream looks like from the service. */
export async function slowUpstream(delayMs: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => setTimeout(() => res.end('late'), delayMs));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const fixture = (name: string): string => path.join(FIXTURES, name);
