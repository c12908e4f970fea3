import type { Config } from '../config/env.js';
import type { PasswordHasher } from '../modules/identity/application/ports/password-hasher.js';
import { CreateAdmin } from '../modules/identity/application/use-cases/create-admin.js';
import { DrizzleUserRepository } from '../modules/identity/infrastructure/repositories/drizzle-user-repository.js';
import { ScryptPasswordHasher } from '../modules/identity/infrastructure/security/scrypt-password-hasher.js';
import { AppError } from '../shared/domain/errors.js';
import { openDatabase, type DatabaseConnection } from '../shared/infrastructure/db/connection.js';
import { DrizzleContext } from '../shared/infrastructure/db/drizzle-context.js';
import { migrate } from '../shared/infrastructure/db/migrator.js';
import { OutboxEventPublisher } from '../shared/infrastructure/outbox/outbox-event-publisher.js';
import { SystemClock } from '../shared/infrastructure/system/system-clock.js';
import { UuidGenerator } from '../shared/infrastructure/system/uuid-generator.js';

export interface CommandOutcome {
  exitCode: 0 | 1 | 2;
  /** One line for the operator: what happened, or what is wrong. */
  message: string;
}

export const CREATE_ADMIN_USAGE = 'Usage: ADMIN_PASSWORD=… npm run create-admin -- <email>  (promotes the account, or creates it)';

/**
 * `npm run create-admin -- <email>`: promotes an existing account to admin, or creates it with
 * ADMIN_PASSWORD. Its UserRegistered event goes to the outbox like any other; the running service
 * relays it.
 */
export async function runCreateAdmin(
  args: readonly string[],
  config: Config,
  password: string | undefined,
  overrides: { database?: DatabaseConnection; passwordHasher?: PasswordHasher } = {},
): Promise<CommandOutcome> {
  const email = args.find((arg) => !arg.startsWith('-'));
  if (!email || args.includes('--help')) return { exitCode: 2, message: CREATE_ADMIN_USAGE };
  const database = overrides.database ?? (await openDatabase({ url: config.DATABASE_URL, pgliteDataDir: config.PGLITE_DATA_DIR, poolSize: 1 }));
  try {
    if (!overrides.database && config.MIGRATE_ON_START) await migrate(database);
    const db = new DrizzleContext(database.db);
    const ids = new UuidGenerator();
    const clock = new SystemClock();
    const hasher = overrides.passwordHasher ?? new ScryptPasswordHasher({ N: 2 ** config.SCRYPT_LOG_N, r: 8, p: 1 });
    const useCase = new CreateAdmin(new DrizzleUserRepository(db), hasher, new OutboxEventPublisher(db, ids, clock), db, ids, clock);
    const { created, user } = await useCase.execute({ email, password });
    return { exitCode: 0, message: `${created ? 'Created' : 'Promoted'} ${user.email} (${user.id}) as admin` };
  } catch (error) {
    if (error instanceof AppError) return { exitCode: 1, message: `${error.code}: ${error.message}` };
    throw error;
  } finally {
    if (!overrides.database) await database.close();
  }
}
