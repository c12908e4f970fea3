// `node scripts/bench/instructions.mjs [--postgres] [--only <name,…>] [--requests N] [--warm N] [--rounds N] [--out <dir>]`:
// instructions per response of Conduit's main thread (and of all its threads), counted by valgrind's
// callgrind, which the machine's load does not move, beside the bare Fastify route of `npm run bench`
// (the ceiling) answering the same bytes to the same requests. Each server runs under callgrind with
// instrumentation off until it has started; then, per endpoint, N warm-up requests, and per round
// the counters zeroed, N identical requests (8 connections, autocannon), the counters dumped. The
// Conduit under test has a small seed and a clock that stands still (instructions-server.ts), so
// only per-response work is counted. Medians over the rounds are printed; the dumps stay in <dir>
// for callgrind_annotate (start node with --perf-basic-prof, `--perf-map`, to name JIT frames).
// Needs valgrind; about two minutes per endpoint and server on two cores.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, deleteRedisPrefix, dropDatabase, runId } from '../fresh-resources.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const conduitDir = path.resolve(here, '../..');
const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
};
const usePostgres = process.argv.includes('--postgres');
const REQUESTS = Number(option('--requests', 2000));
const WARM = Number(option('--warm', 8000));
const ROUNDS = Number(option('--rounds', 3));
const CONNECTIONS = 8;
const only = option('--only', 'get-article,list-by-tag,list-anonymous').split(',');
const outDir = path.resolve(option('--out', `/tmp/conduit-instructions-${Date.now().toString(36)}`));
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
// vgdb finds a valgrind process by user and host names taken from the environment: make them agree.
const VALGRIND_ENV = { HOST: '127.0.0.1' };

function start(name, args, env) {
  const ready = path.join(outDir, `${name}.ready`);
  const node = ['node', ...(process.argv.includes('--perf-map') ? ['--perf-basic-prof', `--logfile=${outDir}/v8-%p.log`] : []), ...args];
  const child = spawn('valgrind', ['--tool=callgrind', '--instr-atstart=no', '--separate-threads=yes', `--callgrind-out-file=${outDir}/${name}.%p`, ...node], {
    cwd: conduitDir,
    env: { ...process.env, ...env, ...VALGRIND_ENV, READY_FILE: ready },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return { name, child, ready, stderr: () => stderr };
}

async function whenReady(server) {
  for (;;) {
    if (existsSync(server.ready)) {
      const url = readFileSync(server.ready, 'utf8');
      if (url) return url;
    }
    if (server.child.exitCode !== null) throw new Error(`${server.name} exited: ${server.stderr().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const control = (server, ...args) => execFileSync('callgrind_control', [...args, String(server.child.pid)], { env: { ...process.env, ...VALGRIND_ENV }, stdio: 'ignore' });

/** `amount` identical requests in a child process (the load generator must not share this one's loop). */
function drive(url, amount, token) {
  const script = `import autocannon from 'autocannon';
const r = await autocannon({ url: ${JSON.stringify(url)}, amount: ${amount}, connections: ${CONNECTIONS}, timeout: 60, headers: ${JSON.stringify(token ? { authorization: `Token ${token}` } : {})} });
process.stdout.write(JSON.stringify({ total: r.requests.total, failed: r.non2xx + r.errors + r.timeouts }));`;
  return JSON.parse(execFileSync('node', ['--input-type=module', '-e', script], { cwd: conduitDir, encoding: 'utf8' }));
}

/**
 * Instructions in dump number `dump` of a server: thread 1 (the event loop) and all threads; and
 * those of the event loop in V8's runtime function for computed keys in object literals, which is
 * where Node's process.nextTick builds its tick objects when its code is in the slow state some
 * processes settle in (see the README): near zero in the others.
 */
function counted(server, dump) {
  const prefix = `${server.name}.${server.child.pid}.${dump}-`;
  let main = 0;
  let all = 0;
  let literalRuntime = 0;
  for (const file of readdirSync(outDir).filter((name) => name.startsWith(prefix))) {
    const total = Number(/^(?:totals|summary): (\d+)/m.exec(readFileSync(path.join(outDir, file), 'utf8'))?.[1] ?? 0);
    all += total;
    if (!file.endsWith('-01')) continue;
    main = total;
    const annotated = execFileSync('callgrind_annotate', ['--inclusive=yes', '--threshold=100', path.join(outDir, file)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const line = annotated.split('\n').find((text) => text.includes('Runtime_DefineKeyedOwnPropertyInLiteral'));
    literalRuntime = line ? Number(line.trim().split(' ')[0].replaceAll(',', '')) : 0;
  }
  return { main, all, literalRuntime };
}

async function measure(server, endpoints, token) {
  control(server, '-i', 'on');
  let dump = 0;
  const results = {};
  for (const endpoint of endpoints) {
    const credential = endpoint.anonymous ? undefined : token;
    drive(endpoint.url, WARM, credential);
    results[endpoint.name] = [];
    for (let round = 0; round < ROUNDS; round++) {
      control(server, '-z');
      const run = drive(endpoint.url, REQUESTS, credential);
      control(server, '-d');
      dump += 1;
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (run.failed > 0) throw new Error(`${server.name} ${endpoint.name}: ${run.failed} failed responses`);
      const { main, all, literalRuntime } = counted(server, dump);
      results[endpoint.name].push({ main: main / run.total, all: all / run.total, literalRuntime: literalRuntime / run.total });
    }
  }
  return results;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const servers = [];
let database;
const redisPrefix = `${runId('conduit_instructions')}:`;
try {
  const env = {
    NODE_ENV: 'production',
    ALLOW_EMBEDDED_IN_PRODUCTION: 'true',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'warn',
    PORT: '0',
    RATE_LIMIT_MAX: '100000000',
    RATE_LIMIT_AUTH_MAX: '1000',
    OUTBOX_RELAY_INTERVAL_MS: '60000',
  };
  if (usePostgres) {
    database = { name: runId('conduit_instructions'), base: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL };
    Object.assign(env, { DATABASE_URL: await createDatabase(database.base, database.name), REDIS_URL: process.env.REDIS_URL ?? DEFAULT_REDIS_URL, REDIS_KEY_PREFIX: redisPrefix });
  } else {
    delete process.env.DATABASE_URL;
    delete process.env.REDIS_URL;
  }
  const conduit = start('conduit', ['--import', 'tsx', path.join(here, 'instructions-server.ts')], env);
  servers.push(conduit);
  const api = `${await whenReady(conduit)}/api`;
  const post = (url, body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((response) => response.json());
  const token = (await post(`${api}/users/login`, { user: { email: 'user1@bench.test', password: 'password' } })).user.token;
  const hot = (await (await fetch(`${api}/articles?limit=20`)).json()).articles[0].slug;
  const endpoints = [
    { name: 'list-anonymous', path: '/articles?limit=20', anonymous: true },
    { name: 'list-by-tag', path: '/articles?tag=tag07&limit=20', anonymous: true },
    { name: 'list-articles', path: '/articles?limit=20' },
    { name: 'get-article', path: `/articles/${hot}` },
  ].filter((endpoint) => only.includes(endpoint.name));
  const bodies = {};
  for (const endpoint of endpoints) {
    const response = await fetch(`${api}${endpoint.path}`, { headers: endpoint.anonymous ? {} : { authorization: `Token ${token}` } });
    bodies[endpoint.name] = { status: response.status, body: await response.text() };
  }
  const ofConduit = await measure(conduit, endpoints.map((endpoint) => ({ ...endpoint, url: `${api}${endpoint.path}` })), token);
  conduit.child.kill('SIGTERM');
  // The ceiling gets the same requests, Authorization header included, as in `npm run bench`.
  const ceiling = start('ceiling', [path.join(here, 'ceiling-server.mjs')], { CEILING_BODIES: JSON.stringify(bodies) });
  servers.push(ceiling);
  const ceilingUrl = await whenReady(ceiling);
  const ofCeiling = await measure(ceiling, endpoints.map((endpoint) => ({ ...endpoint, url: `${ceilingUrl}/ceiling/${endpoint.name}` })), token);
  const rows = endpoints.map(({ name }) => {
    const conduitMain = median(ofConduit[name].map((round) => round.main));
    const ceilingMain = median(ofCeiling[name].map((round) => round.main));
    const thousands = (values) => values.map((value) => (value / 1000).toFixed(1)).join(', ');
    const slowTicks = median(ofConduit[name].map((round) => round.literalRuntime));
    return `| ${name} | ${(conduitMain / 1000).toFixed(1)}k (${thousands(ofConduit[name].map((round) => round.main))}) | ${(median(ofConduit[name].map((round) => round.all)) / 1000).toFixed(1)}k | ${(slowTicks / 1000).toFixed(1)}k | ${(ceilingMain / 1000).toFixed(1)}k | ${((ceilingMain / conduitMain) * 100).toFixed(0)}% |`;
  });
  process.stdout.write(
    `\nInstructions per response, ${usePostgres ? 'PostgreSQL + Redis' : 'PGlite'}; ${ROUNDS} rounds of ${REQUESTS} requests after ${WARM} warm-up, ${CONNECTIONS} connections; dumps in ${outDir}\n\n` +
      `| endpoint | Conduit, main thread: median (rounds) | Conduit, all threads | of which nextTick's slow literals | ceiling, main thread | ceiling / Conduit |\n| --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`,
  );
} finally {
  for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  if (database) await dropDatabase(database.base, database.name);
  if (usePostgres) await deleteRedisPrefix(process.env.REDIS_URL ?? DEFAULT_REDIS_URL, redisPrefix);
}
