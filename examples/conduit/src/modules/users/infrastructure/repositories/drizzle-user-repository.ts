import { eq } from 'drizzle-orm';
import { ConflictError } from '../../../../shared/domain/domain-error.js';
import type { DrizzleUnitOfWork } from '../../../../shared/infrastructure/db/database.js';
import { uniqueViolation } from '../../../../shared/infrastructure/db/pg-errors.js';
import { User } from '../../domain/entities/user.js';
import type { UserRepository } from '../../application/ports/user-repository.js';
import { users } from '../db/schema.js';

const TAKEN: Record<string, string> = {
  users_email_key: 'email has already been taken',
  users_username_key: 'username has already been taken',
};

export class DrizzleUserRepository implements UserRepository {
  constructor(private readonly database: DrizzleUnitOfWork) {}

  async findById(id: string): Promise<User | undefined> {
    const [row] = await this.database.current().select().from(users).where(eq(users.id, id)).limit(1);
    return row ? User.restore(row) : undefined;
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const [row] = await this.database.current().select().from(users).where(eq(users.email, email)).limit(1);
    return row ? User.restore(row) : undefined;
  }

  async add(user: User): Promise<void> {
    await this.translateConflicts(() => this.database.current().insert(users).values(user.snapshot()));
  }

  async save(user: User): Promise<void> {
    const { id, ...fields } = user.snapshot();
    await this.translateConflicts(() => this.database.current().update(users).set(fields).where(eq(users.id, id)));
  }

  private async translateConflicts(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint) throw new ConflictError(TAKEN[constraint] ?? 'already exists');
      throw error;
    }
  }
}
