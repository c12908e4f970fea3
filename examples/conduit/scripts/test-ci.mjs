// `npm run test:ci`: the whole suite against PostgreSQL and Redis, on a database created for this run
// and a Redis key prefix of its own; both are removed afterwards, whatever the outcome.
import { spawn } from 'node:child_process';
import { createDatabase, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, deleteRedisPrefix, dropDatabase, runId } from './fresh-resources.mjs';

const baseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
const name = runId('conduit_test');
const prefix = `${name}:`;

const databaseUrl = await createDatabase(baseUrl, name);
let exitCode = 1;
try {
  process.stdout.write(`test:ci on database ${name}, redis prefix ${prefix}\n`);
  exitCode = await new Promise((resolve, reject) => {
    const child = spawn('npx', ['vitest', 'run', ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
} finally {
  await dropDatabase(baseUrl, name);
  await deleteRedisPrefix(redisUrl, prefix);
}
process.exit(exitCode);
