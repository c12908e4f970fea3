import type { Principal } from '../../src/shared/application/principal.js';
import type { EventPublisher } from '../../src/shared/application/ports/event-publisher.js';
import type { FeatureFlags } from '../../src/shared/application/ports/feature-flags.js';
import type { IdGenerator } from '../../src/shared/application/ports/id-generator.js';
import type { UnitOfWork } from '../../src/shared/application/ports/unit-of-work.js';
import type { DomainEvent } from '../../src/shared/domain/domain-event.js';
import { ConflictError } from '../../src/shared/domain/errors.js';
import type { AccessTokens } from '../../src/modules/identity/application/ports/access-tokens.js';
import type { OpaqueTokens } from '../../src/modules/identity/application/ports/opaque-tokens.js';
import type { PasswordHasher } from '../../src/modules/identity/application/ports/password-hasher.js';
import type { RefreshTokenRepository } from '../../src/modules/identity/application/ports/refresh-token-repository.js';
import type { UserRepository } from '../../src/modules/identity/application/ports/user-repository.js';
import { RefreshToken } from '../../src/modules/identity/domain/entities/refresh-token.js';
import type { User } from '../../src/modules/identity/domain/entities/user.js';
import type { Email } from '../../src/modules/identity/domain/value-objects/email.js';

/** Hand-written fakes of the ports: unit tests exercise use cases without a database or crypto cost. */

export class SequentialIds implements IdGenerator {
  private next_ = 0;
  next(): string {
    this.next_ += 1;
    return `00000000-0000-4000-8000-${String(this.next_).padStart(12, '0')}`;
  }
}

export class RecordingEvents implements EventPublisher {
  readonly published: DomainEvent[] = [];
  async publish(events: readonly DomainEvent[]): Promise<void> {
    this.published.push(...events);
  }
}

/** Runs the work directly; counts transactions so tests can assert one was opened. */
export class PassThroughUnitOfWork implements UnitOfWork {
  transactions = 0;
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    this.transactions += 1;
    return work();
  }
}

export class StaticFlags implements FeatureFlags {
  constructor(private readonly values: Record<string, boolean> = {}) {}
  async isEnabled(flag: string, defaultValue: boolean): Promise<boolean> {
    return this.values[flag] ?? defaultValue;
  }
}

export class PlainPasswordHasher implements PasswordHasher {
  async hash(plain: string): Promise<string> {
    return `hashed:${plain}`;
  }
  async verify(plain: string, hash: string): Promise<boolean> {
    return hash === `hashed:${plain}`;
  }
}

export class FakeAccessTokens implements AccessTokens {
  async issue(principal: Principal, now: Date) {
    return { token: `access:${principal.userId}:${principal.roles.join(',')}`, expiresAt: new Date(now.getTime() + 900_000) };
  }
  async verify(token: string): Promise<Principal> {
    const [, userId = '', roles = ''] = token.split(':');
    return { userId, roles: roles.split(',') as Principal['roles'] };
  }
}

export class CountingOpaqueTokens implements OpaqueTokens {
  private issued = 0;
  generate(): string {
    this.issued += 1;
    return `refresh-${this.issued}`;
  }
  hash(token: string): string {
    return `sha:${token}`;
  }
  successorOf(token: string): string {
    return `next:${token}`;
  }
}

export class InMemoryUsers implements UserRepository {
  readonly rows = new Map<string, User>();
  async findById(id: string) {
    return this.rows.get(id) ?? null;
  }
  async findByEmail(email: Email) {
    return [...this.rows.values()].find((user) => user.email.equals(email)) ?? null;
  }
  async insert(user: User) {
    if (await this.findByEmail(user.email)) throw new ConflictError('EMAIL_TAKEN', 'taken');
    this.rows.set(user.id, user);
  }
  async update(user: User) {
    this.rows.set(user.id, user);
  }
}

export class InMemoryRefreshTokens implements RefreshTokenRepository {
  readonly rows = new Map<string, RefreshToken>();
  async findByHash(tokenHash: string) {
    return [...this.rows.values()].find((token) => token.state.tokenHash === tokenHash) ?? null;
  }
  async insert(token: RefreshToken) {
    this.rows.set(token.id, token);
  }
  async markRotated(id: string, at: Date) {
    const token = this.rows.get(id);
    if (!token || token.state.rotatedAt || token.state.revokedAt) return false;
    this.rows.set(id, new RefreshToken({ ...token.state, rotatedAt: at }));
    return true;
  }
  async revokeFamily(familyId: string, at: Date) {
    for (const [id, token] of this.rows) {
      if (token.familyId === familyId && !token.state.revokedAt) this.rows.set(id, new RefreshToken({ ...token.state, revokedAt: at }));
    }
  }
  async revokeAllForUser(userId: string, at: Date) {
    for (const [id, token] of this.rows) {
      if (token.userId === userId && !token.state.revokedAt) this.rows.set(id, new RefreshToken({ ...token.state, revokedAt: at }));
    }
  }
  async purgeSpent(now: Date) {
    const spent = [...this.rows.values()].filter((token) => token.state.revokedAt || token.state.expiresAt.getTime() < now.getTime());
    for (const token of spent) this.rows.delete(token.id);
    return spent.length;
  }
}
