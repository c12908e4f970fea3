// Child of scripts/bench/instructions.mjs: a migrated Conduit with a small seed, run under callgrind.
// Its clock stands still, so no read-cache entry expires and no token ages: what is counted is the
// work of each response, not the work done once per second (reloads, relays) that valgrind's
// slowdown would otherwise charge to forty times fewer responses than at full speed.
import { writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { createService } from '../../src/bootstrap/service.js';
import { loadConfig } from '../../src/config/env.js';
import { ScryptPasswordHasher } from '../../src/modules/users/infrastructure/security/scrypt-password-hasher.js';
import { createLogger } from '../../src/shared/infrastructure/observability/logger.js';
import { RATE_LIMIT_SYNC_MS } from '../../src/shared/infrastructure/cache/batched-rate-limit-store.js';
import { seed } from './seed.js';

// The rate limiter's batched Redis sync (PostgreSQL + Redis) runs every RATE_LIMIT_SYNC_MS of real
// time; under callgrind that would be ten syncs per second among about 150 responses instead of
// thousands. Such timers are stretched out of the measured rounds; the sync's own cost per second is
// unchanged by this and is small at full speed (ten MULTI round trips per second).
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) =>
  realSetTimeout(callback, ms === RATE_LIMIT_SYNC_MS ? 600_000 : ms, ...args)) as typeof setTimeout;

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const startedAt = new Date();
const service = await createService(config, logger, { migrate: true, clock: { now: () => new Date(startedAt), nowMs: () => startedAt.getTime() } });
await seed(service.database.migrations, await new ScryptPasswordHasher().hash('password'), {
  users: 200,
  articles: 1000,
  comments: 2000,
  favorites: 3000,
  followsPerUser: 10,
});
await service.container.unitOfWork.run(() => service.container.projection.rebuild());
await service.database.db.execute(sql.raw('VACUUM ANALYZE'));
const url = await service.listen();
if (process.env.READY_FILE) writeFileSync(process.env.READY_FILE, url);
process.once('SIGTERM', () => {
  void service.stop().then(() => process.exit(0));
});
