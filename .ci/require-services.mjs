// Run first by `npm run test:services`: names each service the suites need and cannot reach, so a
// missing database fails in one clear line instead of as connection errors deep in a suite, and
// nothing is skipped for want of it. .ci/run starts PostgreSQL and Redis and installs chromium.
import { existsSync } from 'node:fs';
import net from 'node:net';

function endpoint(url, fallbackPort) {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || fallbackPort) };
}

function reachable({ host, port }) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 3000 });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

const services = [
  { name: 'PostgreSQL', ...endpoint(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', 5432) },
  { name: 'Redis', ...endpoint(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 6379) },
];
const missing = [];
for (const service of services) {
  if (!(await reachable(service))) missing.push(`${service.name} at ${service.host}:${service.port} does not answer`);
}
if (!existsSync('/usr/bin/chromium')) missing.push('/usr/bin/chromium is not installed (apt-get install chromium)');
for (const line of missing) process.stderr.write(`test:services: ${line}.\n`);
if (missing.length > 0) {
  process.stderr.write('Start them (bash .ci/run does) and run again; no suite is skipped in their absence.\n');
  process.exit(1);
}
