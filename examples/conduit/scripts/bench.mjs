// `npm run bench [-- --postgres]`: seeds a realistic data set, drives bounded load on loopback at the
// key endpoints, and compares each with a bare Fastify route returning a same-size prepared body.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createDatabase, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, deleteRedisPrefix, dropDatabase, runId } from './fresh-resources.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const usePostgres = process.argv.includes('--postgres');
// Bounded in time and in requests; a fixed connection count keeps runs comparable.
const LOAD = { connections: 10, duration: 5, maxOverallRequests: 100_000, timeout: 10 };

function startChild(file, env, execArgv = []) {
  const child = fork(path.join(here, file), { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = new Promise((resolve, reject) => {
    child.on('message', (message) => message.type === 'ready' && resolve(message));
    child.once('exit', (code) => reject(new Error(`${file} exited early with code ${code}`)));
  });
  return { child, ready };
}

function stopChild(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function load(options) {
  return new Promise((resolve, reject) => {
    autocannon({ ...LOAD, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function call(url, { method = 'GET', token, body } = {}) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Token ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, text: await response.text() };
}

const summary = (result) => ({
  rps: result.requests.average,
  p50: result.latency.p50,
  p99: result.latency.p99,
  errors: result.errors + result.timeouts + result.non2xx,
  requests: result.requests.total,
});

const children = [];
let database;
const redisPrefix = `${runId('conduit_bench')}:`;
try {
  const env = { NODE_ENV: 'production', JWT_SECRET: 'bench-only-secret-0123456789abcdef0123456789', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', RATE_LIMIT_MAX: '100000000', RATE_LIMIT_AUTH_MAX: '1000' };
  if (usePostgres) {
    const name = runId('conduit_bench');
    database = { name, base: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL };
    Object.assign(env, { DATABASE_URL: await createDatabase(database.base, name), REDIS_URL: process.env.REDIS_URL ?? DEFAULT_REDIS_URL, REDIS_KEY_PREFIX: redisPrefix });
  } else {
    delete process.env.DATABASE_URL;
    delete process.env.REDIS_URL;
  }
  const conduit = startChild('bench/conduit-server.ts', env, ['--import', 'tsx']);
  children.push(conduit.child);
  const ready = await conduit.ready;
  const api = `${ready.url}/api`;
  process.stdout.write(`Seeded ${JSON.stringify(ready.size)} into ${ready.database} in ${ready.seedSeconds.toFixed(1)} s\n`);

  const login = JSON.parse((await call(`${api}/users/login`, { method: 'POST', body: { user: { email: 'user1@bench.test', password: 'password' } } })).text);
  const token = login.user.token;
  const list = JSON.parse((await call(`${api}/articles?limit=20`, { token })).text);
  const hot = list.articles[0].slug;
  const newArticle = { article: { title: 'Benchmarking Conduit', description: 'Load on loopback', body: 'Measured, not guessed. '.repeat(40), tagList: ['bench', 'fastify'] } };
  const newComment = { comment: { body: 'A comment written under load.' } };

  const endpoints = [
    { name: 'list-articles', label: 'GET /api/articles', path: '/articles?limit=20' },
    { name: 'feed', label: 'GET /api/articles/feed', path: '/articles/feed?limit=20' },
    { name: 'get-article', label: 'GET /api/articles/:slug', path: `/articles/${hot}` },
    { name: 'create-article', label: 'POST /api/articles', path: '/articles', method: 'POST', body: newArticle },
    { name: 'add-comment', label: 'POST /api/articles/:slug/comments', path: `/articles/${hot}/comments`, method: 'POST', body: newComment },
  ];
  // The ceiling answers with exactly the bytes (and status) Conduit answered with.
  const bodies = {};
  for (const endpoint of endpoints) {
    const sample = await call(`${api}${endpoint.path}`, { method: endpoint.method, token, body: endpoint.body });
    bodies[endpoint.name] = { status: sample.status, body: sample.text };
    endpoint.bytes = Buffer.byteLength(sample.text);
  }
  const ceiling = startChild('bench/ceiling-server.mjs', { CEILING_BODIES: JSON.stringify(bodies) });
  children.push(ceiling.child);
  const ceilingUrl = (await ceiling.ready).url;

  // A short warm-up so the first measured endpoint is not paying for JIT compilation.
  await load({ url: `${api}/articles?limit=20`, duration: 1, headers: { authorization: `Token ${token}` } });
  const rows = [];
  for (const endpoint of endpoints) {
    const request = {
      method: endpoint.method ?? 'GET',
      headers: { 'content-type': 'application/json', authorization: `Token ${token}` },
      body: endpoint.body === undefined ? undefined : JSON.stringify(endpoint.body),
    };
    const measured = summary(await load({ url: `${api}${endpoint.path}`, ...request }));
    const bare = summary(await load({ url: `${ceilingUrl}/ceiling/${endpoint.name}`, ...request }));
    rows.push({ endpoint, measured, bare });
  }

  const header = ['endpoint', 'bytes', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'ceiling req/s', 'ceiling p50', 'ceiling p99', 'ratio'];
  const table = rows.map(({ endpoint, measured, bare }) => [
    endpoint.label,
    String(endpoint.bytes),
    measured.rps.toFixed(0),
    String(measured.p50),
    String(measured.p99),
    `${measured.errors}/${measured.requests}`,
    bare.rps.toFixed(0),
    String(bare.p50),
    String(bare.p99),
    `${((measured.rps / bare.rps) * 100).toFixed(1)}%`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...table.map((row) => row[column].length)));
  const line = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  process.stdout.write(
    `\nDatabase: ${ready.database}${usePostgres ? ' + Redis' : ' + in-memory cache'}; ${LOAD.connections} connections, ${LOAD.duration} s per run, loopback, authenticated as user1\n\n`,
  );
  process.stdout.write(`${[line(header), line(widths.map((width) => '-'.repeat(width))), ...table.map(line)].join('\n')}\n`);
} finally {
  for (const child of children) await stopChild(child);
  if (database) await dropDatabase(database.base, database.name);
  if (usePostgres) await deleteRedisPrefix(process.env.REDIS_URL ?? DEFAULT_REDIS_URL, redisPrefix);
}
