import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

export interface FaultyService {
  service: ServiceProcess;
  database: TcpProxy;
  redis: TcpProxy;
  /** Stops the service (if still running) and both proxies. */
  close(): Promise<void>;
}

const REDIS = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

/**
 * The service in production mode as its own process, reaching this run's PostgreSQL database and
 * Redis only through proxies the test controls.
 */
export async function startFaultyService(env: Record<string, string> = {}): Promise<FaultyService> {
  const databaseUrl = inject('databaseUrl');
  if (!databaseUrl) throw new Error('The fault suite needs DATABASE_URL (PostgreSQL) and REDIS_URL');
  const direct = new URL(databaseUrl);
  const database = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const redis = await startTcpProxy({ host: REDIS.hostname, port: Number(REDIS.port || 6379) });
  const proxied = new URL(databaseUrl);
  proxied.host = `127.0.0.1:${database.port}`;
  const service = await startServiceProcess({
    cwd: mkdtempSync(join(tmpdir(), 'faults-')),
    env: {
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: proxied.toString(),
      REDIS_URL: `redis://127.0.0.1:${redis.port}`,
      REDIS_KEY_PREFIX: `faults:${randomBytes(6).toString('hex')}:`,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      MIGRATE_ON_START: 'false',
      SCRYPT_LOG_N: '12',
      RATE_LIMIT_MAX: '1000000',
      AUTH_RATE_LIMIT_MAX: '1000000',
      SHUTDOWN_PRECLOSE_MS: '0',
      ...env,
    },
  });
  return {
    service,
    database,
    redis,
    async close() {
      if (service.child.exitCode === null) await service.stop('SIGKILL');
      await Promise.all([database.close(), redis.close()]);
    },
  };
}

/** A JSON request against the service. */
export async function call(service: ServiceProcess, method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const started = performance.now();
  const response = await fetch(new URL(path, service.url), {
    method,
    headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    ...(options.body ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text, ms: performance.now() - started };
}

/** Registers and logs in a fresh user; returns the access token. */
export async function session(service: ServiceProcess): Promise<string> {
  const credentials = { email: `faults-${randomBytes(6).toString('hex')}@example.test`, password: 'correct horse battery staple' };
  const registered = await call(service, 'POST', '/auth/register', { body: credentials });
  if (registered.status !== 201) throw new Error(`register: ${registered.status} ${JSON.stringify(registered.body)}`);
  return (await call(service, 'POST', '/auth/login', { body: credentials })).body.accessToken as string;
}

/** Polls until `check` holds; the suite's timeout bounds the wait. */
export async function eventually<T>(probe: () => Promise<T>, check: (value: T) => boolean, everyMs = 50): Promise<{ value: T; ms: number; probes: number }> {
  const started = performance.now();
  for (let probes = 1; ; probes += 1) {
    const value = await probe();
    if (check(value)) return { value, ms: performance.now() - started, probes };
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A counter of the service's Prometheus metrics, 0 when absent. */
export async function metric(service: ServiceProcess, name: string, labels: string): Promise<number> {
  const text = (await call(service, 'GET', '/metrics')).body as string;
  const line = text.split('\n').find((entry) => entry.startsWith(`${name}{`) && entry.includes(labels));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Starts a faulty service with a signed-in user before the suite's tests, and stops it after. */
export function withFaultyService(env: Record<string, string> = {}): () => FaultyService & { token: string } {
  let running: (FaultyService & { token: string }) | undefined;
  beforeAll(async () => {
    const faulty = await startFaultyService(env);
    running = Object.assign(faulty, { token: await session(faulty.service) });
  });
  afterAll(() => running?.close());
  return () => {
    if (!running) throw new Error('the faulty service did not start');
    return running;
  };
}
