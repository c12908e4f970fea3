import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type { DrizzleUnitOfWork } from '../../../../shared/infrastructure/db/database.js';
import { RefreshToken } from '../../domain/entities/refresh-token.js';
import type { RefreshTokenRepository } from '../../application/ports/refresh-token-repository.js';
import { refreshTokens } from '../db/schema.js';

export class DrizzleRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly database: DrizzleUnitOfWork) {}

  async add(token: RefreshToken): Promise<void> {
    await this.database.current().insert(refreshTokens).values(token.snapshot());
  }

  async findByHash(tokenHash: string): Promise<RefreshToken | undefined> {
    const [row] = await this.database.current().select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).limit(1);
    return row ? RefreshToken.restore(row) : undefined;
  }

  async markRotated(id: string, at: Date): Promise<boolean> {
    const rows = await this.database
      .current()
      .update(refreshTokens)
      .set({ rotatedAt: at })
      .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.rotatedAt), isNull(refreshTokens.revokedAt)))
      .returning({ id: refreshTokens.id });
    return rows.length === 1;
  }

  async revokeAllForUser(userId: string, at: Date): Promise<void> {
    await this.database
      .current()
      .update(refreshTokens)
      .set({ revokedAt: at })
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
  }

  async purgeSpent(now: Date, spentBefore: Date): Promise<number> {
    const rows = await this.database
      .current()
      .delete(refreshTokens)
      .where(or(lte(refreshTokens.expiresAt, now), lte(refreshTokens.revokedAt, spentBefore), lte(refreshTokens.rotatedAt, spentBefore)))
      .returning({ id: refreshTokens.id });
    return rows.length;
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.database
      .current()
      .update(refreshTokens)
      .set({ revokedAt: at })
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
  }
}
