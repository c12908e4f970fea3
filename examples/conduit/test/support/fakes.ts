import type { Outbox } from '../../src/shared/application/ports/outbox.js';
import type { DomainEvent } from '../../src/shared/domain/domain-event.js';
import type { Clock } from '../../src/shared/application/ports/clock.js';
import type { IdGenerator } from '../../src/shared/application/ports/id-generator.js';
import type { Logger } from '../../src/shared/application/ports/logger.js';
import type { UnitOfWork } from '../../src/shared/application/ports/unit-of-work.js';
import type { RefreshToken } from '../../src/modules/users/domain/entities/refresh-token.js';
import { RefreshToken as RefreshTokenEntity } from '../../src/modules/users/domain/entities/refresh-token.js';
import type { User } from '../../src/modules/users/domain/entities/user.js';
import type { AccessTokens } from '../../src/modules/users/application/ports/access-tokens.js';
import type { OpaqueTokens } from '../../src/modules/users/application/ports/opaque-tokens.js';
import type { PasswordHasher } from '../../src/modules/users/application/ports/password-hasher.js';
import type { RefreshTokenRepository } from '../../src/modules/users/application/ports/refresh-token-repository.js';
import type { UserRepository } from '../../src/modules/users/application/ports/user-repository.js';
import { User as UserEntity } from '../../src/modules/users/domain/entities/user.js';
import { ConflictError } from '../../src/shared/domain/domain-error.js';

/** Ports faked in memory for use-case tests: deterministic time and ids, no I/O. */
export class FixedClock implements Clock {
  constructor(private current = new Date('2026-01-15T10:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  nowMs(): number {
    return this.current.getTime();
  }
  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

export class SequentialIds implements IdGenerator {
  private counter = 0;
  next(): string {
    this.counter += 1;
    return `00000000-0000-4000-8000-${String(this.counter).padStart(12, '0')}`;
  }
}

/** Records commits and rollbacks so tests can assert what happened inside the transaction. */
export class RecordingUnitOfWork implements UnitOfWork {
  readonly log: string[] = [];
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.log.push('begin');
    try {
      const result = await work();
      this.log.push('commit');
      return result;
    } catch (error) {
      this.log.push('rollback');
      throw error;
    }
  }
}

export class RecordingLogger implements Logger {
  readonly warnings: string[] = [];
  info(): void {}
  warn(_context: object, message: string): void {
    this.warnings.push(message);
  }
  error(): void {}
}

export class InMemoryUsers implements UserRepository {
  private readonly rows = new Map<string, ReturnType<User['snapshot']>>();
  async findById(id: string) {
    const row = this.rows.get(id);
    return row && UserEntity.restore(row);
  }
  async findByEmail(email: string) {
    const row = [...this.rows.values()].find((candidate) => candidate.email === email);
    return row && UserEntity.restore(row);
  }
  async add(user: User) {
    if ([...this.rows.values()].some((row) => row.username === user.username)) throw new ConflictError('username has already been taken');
    this.rows.set(user.id, user.snapshot());
  }
  async save(user: User) {
    this.rows.set(user.id, user.snapshot());
  }
}

export class InMemoryRefreshTokens implements RefreshTokenRepository {
  readonly rows = new Map<string, ReturnType<RefreshToken['snapshot']>>();
  async add(token: RefreshToken) {
    this.rows.set(token.id, token.snapshot());
  }
  async findByHash(tokenHash: string) {
    const row = [...this.rows.values()].find((candidate) => candidate.tokenHash === tokenHash);
    return row && RefreshTokenEntity.restore(row);
  }
  async markRotated(id: string, at: Date) {
    const row = this.rows.get(id);
    if (!row || row.rotatedAt || row.revokedAt) return false;
    this.rows.set(id, { ...row, rotatedAt: at });
    return true;
  }
  async revokeFamily(familyId: string, at: Date) {
    for (const [id, row] of this.rows) if (row.familyId === familyId && !row.revokedAt) this.rows.set(id, { ...row, revokedAt: at });
  }
  async revokeAllForUser(userId: string, at: Date) {
    for (const [id, row] of this.rows) if (row.userId === userId && !row.revokedAt) this.rows.set(id, { ...row, revokedAt: at });
  }
  async purgeSpent(now: Date, spentBefore: Date) {
    const spent = (at: Date | null) => at !== null && at.getTime() <= spentBefore.getTime();
    let purged = 0;
    for (const [id, row] of this.rows) {
      if (row.expiresAt.getTime() <= now.getTime() || spent(row.revokedAt) || spent(row.rotatedAt)) {
        this.rows.delete(id);
        purged += 1;
      }
    }
    return purged;
  }
}

/** The outbox as rows in a map; entries a test's handler failed on stay, as they would in the table. */
export class InMemoryOutbox implements Outbox {
  readonly rows = new Map<string, { event: DomainEvent; attempts: number }>();
  private counter = 0;
  async append(events: readonly DomainEvent[]) {
    return events.map((event) => {
      this.counter += 1;
      this.rows.set(String(this.counter), { event, attempts: 0 });
      return String(this.counter);
    });
  }
  async claim(id: string) {
    return this.rows.get(id)?.event;
  }
  async remove(id: string) {
    this.rows.delete(id);
  }
  async postpone(id: string) {
    const row = this.rows.get(id);
    if (row) row.attempts += 1;
  }
  async due(limit: number) {
    return [...this.rows.keys()].slice(0, limit);
  }
}

/** Reversible "hash" so tests stay fast; the real scrypt hasher has its own test. */
export class PlainHasher implements PasswordHasher {
  async hash(password: string) {
    return `plain:${password}`;
  }
  async verify(password: string, hash: string) {
    return hash === `plain:${password}`;
  }
}

export class CountingOpaqueTokens implements OpaqueTokens {
  private counter = 0;
  generate() {
    this.counter += 1;
    return `refresh-${this.counter}`;
  }
  hash(token: string) {
    return `hash(${token})`;
  }
  successorOf(token: string) {
    return `next(${token})`;
  }
}

export class UserIdAccessTokens implements AccessTokens {
  async issue(userId: string) {
    return `access-for-${userId}`;
  }
  async verify(token: string) {
    return token.replace('access-for-', '');
  }
  verifiedBefore() {
    return undefined;
  }
}
