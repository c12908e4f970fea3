// Child process of the benchmark: a migrated, seeded Conduit service. Reports its URL over IPC and
// stops gracefully on SIGTERM, like the real service.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createService } from '../../src/bootstrap/service.js';
import { loadConfig } from '../../src/config/env.js';
import { ScryptPasswordHasher } from '../../src/modules/users/infrastructure/security/scrypt-password-hasher.js';
import { createLogger } from '../../src/shared/infrastructure/observability/logger.js';
import { seed, SEED_SIZE } from './seed.js';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const service = await createService(config, logger, { migrate: true });
const started = performance.now();
await seed(service.database.migrations, await new ScryptPasswordHasher().hash('password'));
await service.container.unitOfWork.run(() => service.container.projection.rebuild());
// Fresh statistics and visibility maps, as on a database that grew to this size over time; done
// here (VACUUM cannot run in a transaction) so that autovacuum does not start on the freshly loaded
// tables in the middle of the first measurements.
await service.database.db.execute(sql.raw('VACUUM ANALYZE'));
const seedSeconds = (performance.now() - started) / 1000;
const url = await service.listen();
process.send?.({ type: 'ready', url, seedSeconds, size: SEED_SIZE, database: service.database.kind });
// `npm run bench -- --cpu-prof <dir>`: one CPU profile per measured endpoint, covering its load only.
const profileDir = process.env.BENCH_PROFILE_DIR;
if (profileDir) {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  process.on('message', (message: { type?: string; name?: string }) => {
    if (message.type === 'profile-start') {
      void post('Profiler.start').then(() => process.send?.({ type: 'profile-started' }));
    } else if (message.type === 'profile-stop') {
      void post('Profiler.stop').then((result) => {
        const file = path.join(profileDir, `${message.name ?? 'endpoint'}.cpuprofile`);
        writeFileSync(file, JSON.stringify((result as { profile: unknown }).profile));
        process.send?.({ type: 'profile-written', file });
      });
    }
  });
}
process.once('SIGTERM', () => {
  void service.stop().then(() => process.exit(0));
});
