import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CONDUIT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** Conduit as a real process (src/main.ts through tsx), as `npm start` runs it, with its logs collected. */
export class ServiceProcess {
  readonly logs: LogLine[] = [];
  /** Anything on stderr: ioredis' unhandled error events, stack traces, the pollution sentinel's report. */
  stderr = '';
  /** Lines on stdout that are not JSON log lines (a raw stack trace would be one). */
  readonly stray: string[] = [];
  url = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;

  private constructor(private readonly child: ChildProcess) {
    // Settled on 'close', not 'exit': the process may exit before its last lines are read from the
    // pipes (the shutdown log, under load), and a test that reads `logs` or `stderr` after `exited` must
    // see all of them. `at` stays the moment of the exit, which is what the timing checks measure.
    let exitedAt = 0;
    child.once('exit', () => (exitedAt = Date.now()));
    this.exited = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, at: exitedAt || Date.now() })));
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          this.logs.push(JSON.parse(line) as LogLine);
        } catch {
          this.stray.push(line);
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
  }

  /**
   * `bareEnvironment`: nothing but PATH, PORT and `env`, as a new user's first `npm start`; otherwise
   * the fault suites' defaults (a random secret, limits raised, info logs).
   */
  static async start(
    env: Record<string, string>,
    options: { preload?: string; startTimeoutMs?: number; bareEnvironment?: boolean } = {},
  ): Promise<ServiceProcess> {
    const port = await freePort();
    const args = ['--import', 'tsx', ...(options.preload ? ['--import', options.preload] : []), 'src/main.ts'];
    const child = spawn(process.execPath, args, {
      cwd: CONDUIT_ROOT,
      env: options.bareEnvironment
        ? { PATH: process.env.PATH ?? '', PORT: String(port), ...env }
        : {
            PATH: process.env.PATH ?? '',
            HOST: '127.0.0.1',
            PORT: String(port),
            LOG_LEVEL: 'info',
            JWT_SECRET: randomBytes(32).toString('base64url'),
            RATE_LIMIT_MAX: '1000000',
            RATE_LIMIT_AUTH_MAX: '1000000',
            ...env,
          },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(child);
    service.url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
    for (;;) {
      const live = await fetch(`${service.url}/health/live`, { signal: AbortSignal.timeout(1000) }).catch(() => undefined);
      if (live?.ok) return service;
      if (child.exitCode !== null || Date.now() > deadline) {
        await service.stop();
        throw new Error(`service did not start (exit ${child.exitCode}); stderr: ${service.stderr.slice(0, 2000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  signal(signal: NodeJS.Signals): number {
    this.child.kill(signal);
    return Date.now();
  }

  /** Ends the process if a test left it running; SIGKILL after a grace period. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(killer);
  }

  /** Error-level (and worse) log lines. */
  errors(): LogLine[] {
    return this.logs.filter((line) => line.level >= 50);
  }
}

/** fetch with a hard deadline: a request that hangs is a failure of the test, not a stuck suite. */
export async function call(
  base: string,
  method: string,
  url: string,
  options: { token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<{ status: number; body: any; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Token ${options.token}` } : {}),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Left as text: the caller's format check will say so.
  }
  return { status: response.status, body, ms: Date.now() - started };
}

/** The RealWorld error format: `{ errors: { body: [strings] } }` and nothing that looks like a stack. */
export function isErrorBody(body: unknown): boolean {
  const errors = (body as { errors?: { body?: unknown } } | undefined)?.errors?.body;
  if (!Array.isArray(errors) || errors.length === 0 || !errors.every((message) => typeof message === 'string')) return false;
  return !/\n\s+at |node_modules|\.ts:\d+|\.js:\d+/.test(JSON.stringify(body));
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, label: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A port nothing listens on right now (the service binds it a moment later). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
