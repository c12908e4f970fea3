import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { DrizzleContext } from '../../../../shared/infrastructure/db/drizzle-context.js';
import type { RefreshTokenRepository } from '../../application/ports/refresh-token-repository.js';
import { RefreshToken } from '../../domain/entities/refresh-token.js';
import { refreshTokens } from '../db/schema.js';

export class DrizzleRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly context: DrizzleContext) {}

  async findByHash(tokenHash: string): Promise<RefreshToken | null> {
    const [row] = await this.context.executor
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, tokenHash))
      .limit(1);
    return row ? new RefreshToken(row) : null;
  }

  async insert(token: RefreshToken): Promise<void> {
    await this.context.executor.insert(refreshTokens).values({ ...token.state });
  }

  async markRotated(id: string, at: Date): Promise<boolean> {
    const updated = await this.context.executor
      .update(refreshTokens)
      .set({ rotatedAt: at })
      .where(and(eq(refreshTokens.id, id), isNull(refreshTokens.rotatedAt), isNull(refreshTokens.revokedAt)))
      .returning({ id: refreshTokens.id });
    return updated.length === 1;
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.context.executor
      .update(refreshTokens)
      .set({ revokedAt: at })
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
  }

  async revokeAllForUser(userId: string, at: Date): Promise<void> {
    await this.context.executor
      .update(refreshTokens)
      .set({ revokedAt: at })
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
  }

  async purgeSpent(now: Date): Promise<number> {
    const deleted = await this.context.executor
      .delete(refreshTokens)
      .where(or(lt(refreshTokens.expiresAt, now), isNotNull(refreshTokens.revokedAt)))
      .returning({ id: refreshTokens.id });
    return deleted.length;
  }
}
