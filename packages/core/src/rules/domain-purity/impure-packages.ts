import { SIGNATURES } from '../../context/signatures.js';

const HTTP_CLIENTS = ['axios', 'got', 'node-fetch', 'undici', 'superagent', 'request', 'ky', 'needle'];
/** Builtins that do I/O or touch the process: the domain computes, it does not reach out. */
const IO_BUILTINS = ['fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'child_process', 'cluster', 'worker_threads', 'dns'];

const FRAMEWORK_SCOPES = ['@nestjs/', '@fastify/', '@hapi/', '@koa/', '@prisma/', '@mikro-orm/', '@opentelemetry/'];

const IMPURE = new Map<string, string>();
for (const name of Object.keys(SIGNATURES.frameworks)) IMPURE.set(name, 'a web framework');
for (const name of [...Object.keys(SIGNATURES.orms), ...Object.keys(SIGNATURES.databases)]) IMPURE.set(name, 'an ORM or database driver');
for (const name of Object.keys(SIGNATURES.loggers)) IMPURE.set(name, 'a logger');
for (const name of [...Object.keys(SIGNATURES.cache), ...Object.keys(SIGNATURES.queues)]) IMPURE.set(name, 'an infrastructure client');
for (const name of HTTP_CLIENTS) IMPURE.set(name, 'an HTTP client');
for (const name of ['drizzle-orm', 'pg-pool', 'redis', 'ioredis']) IMPURE.set(name, 'an infrastructure client');

/** Why a package does not belong in the domain, or null when it may be used there. */
export function impurityOf(kind: 'package' | 'builtin', name: string): string | null {
  if (kind === 'builtin') return IO_BUILTINS.includes(name) ? `the I/O builtin node:${name}` : null;
  const known = IMPURE.get(name);
  if (known) return `${known} (${name})`;
  const scope = FRAMEWORK_SCOPES.find((prefix) => name.startsWith(prefix));
  return scope ? `framework or infrastructure code (${name})` : null;
}
