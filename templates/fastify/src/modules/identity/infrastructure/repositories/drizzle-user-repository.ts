import { eq } from 'drizzle-orm';
import { ConflictError } from '../../../../shared/domain/errors.js';
import { parseRole } from '../../../../shared/domain/role.js';
import type { DrizzleContext } from '../../../../shared/infrastructure/db/drizzle-context.js';
import { isUniqueViolation } from '../../../../shared/infrastructure/db/pg-errors.js';
import type { UserRepository } from '../../application/ports/user-repository.js';
import { User } from '../../domain/entities/user.js';
import { Email } from '../../domain/value-objects/email.js';
import { users } from '../db/schema.js';

type UserRow = typeof users.$inferSelect;

function toDomain(row: UserRow): User {
  return User.restore({
    id: row.id,
    email: Email.create(row.email),
    passwordHash: row.passwordHash,
    role: parseRole(row.role),
    createdAt: row.createdAt,
  });
}

export class DrizzleUserRepository implements UserRepository {
  constructor(private readonly context: DrizzleContext) {}

  async findById(id: string): Promise<User | null> {
    const [row] = await this.context.executor.select().from(users).where(eq(users.id, id)).limit(1);
    return row ? toDomain(row) : null;
  }

  async findByEmail(email: Email): Promise<User | null> {
    const [row] = await this.context.executor.select().from(users).where(eq(users.email, email.value)).limit(1);
    return row ? toDomain(row) : null;
  }

  async insert(user: User): Promise<void> {
    try {
      await this.context.executor.insert(users).values({
        id: user.id,
        email: user.email.value,
        passwordHash: user.passwordHash,
        role: user.role,
        createdAt: user.createdAt,
      });
    } catch (error) {
      // Two concurrent sign-ups pass the use case's check; the unique index decides, mapped here.
      if (isUniqueViolation(error)) throw new ConflictError('EMAIL_TAKEN', 'An account with this email already exists');
      throw error;
    }
  }

  async update(user: User): Promise<void> {
    await this.context.executor.update(users).set({ role: user.role, passwordHash: user.passwordHash }).where(eq(users.id, user.id));
  }
}
