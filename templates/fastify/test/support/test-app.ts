import { Redis } from 'ioredis';
import { startApp, type RunningApp } from '../../src/bootstrap/app.js';
import type { ContainerOverrides } from '../../src/bootstrap/container.js';
import type { Config } from '../../src/config/env.js';
import { testConfig } from './test-config.js';
import { testDatabase } from './database.js';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestApp {
  app: RunningApp;
  request<T = any>(method: string, path: string, options?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/** A real server on 127.0.0.1:0 driven over HTTP, so the same tests hold for any framework adapter. */
export async function startTestApp(config: Partial<Config> = {}, overrides: ContainerOverrides = {}): Promise<TestApp> {
  const app = await startApp(testConfig(config), { database: await testDatabase(), ...overrides });
  const request: TestApp['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(new URL(path, app.url), {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('application/json');
    return { status: response.status, headers: response.headers, body: isJson && text ? JSON.parse(text) : text };
  };
  return {
    app,
    request,
    async close() {
      await app.shutdown('test finished');
      const { REDIS_URL, REDIS_KEY_PREFIX } = app.container.config;
      if (REDIS_URL) await deleteRedisKeys(REDIS_URL, REDIS_KEY_PREFIX);
    },
  };
}

/** After shutdown, so keys written by draining jobs are removed too. */
async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
      if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
    }
  } finally {
    await redis.quit();
  }
}

let counter = 0;

/** A unique address per call: files share the database, so data never collides across them. */
export function uniqueEmail(label = 'user'): string {
  counter += 1;
  return `${label}-${process.pid}-${Date.now()}-${counter}@example.test`;
}

export const PASSWORD = 'correct horse battery staple';

/** Registers and logs in; returns the session body and the user id. */
export async function signUp(api: TestApp, email = uniqueEmail()): Promise<{ userId: string; accessToken: string; refreshToken: string }> {
  const registered = await api.request('POST', '/auth/register', { body: { email, password: PASSWORD } });
  if (registered.status !== 201) throw new Error(`register failed: ${registered.status} ${JSON.stringify(registered.body)}`);
  const session = await api.request('POST', '/auth/login', { body: { email, password: PASSWORD } });
  return { userId: registered.body.id, accessToken: session.body.accessToken, refreshToken: session.body.refreshToken };
}
