import { UnauthenticatedError } from '../../../../shared/domain/domain-error.js';

export interface RefreshTokenState {
  id: string;
  /** Every token descended from one login shares a family; reuse of any rotated member revokes it whole. */
  familyId: string;
  userId: string;
  tokenHash: string;
  expiresAt: Date;
  createdAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

export type RefreshTokenVerdict = 'usable' | 'expired' | 'reused';

/** A server-side refresh token record; the token itself is never stored, only its hash. */
export class RefreshToken {
  private constructor(private readonly state: RefreshTokenState) {}

  static issue(input: { id: string; familyId: string; userId: string; tokenHash: string; now: Date; ttlDays: number }): RefreshToken {
    return new RefreshToken({
      id: input.id,
      familyId: input.familyId,
      userId: input.userId,
      tokenHash: input.tokenHash,
      createdAt: input.now,
      expiresAt: new Date(input.now.getTime() + input.ttlDays * 86_400_000),
      rotatedAt: null,
      revokedAt: null,
    });
  }

  static restore(state: RefreshTokenState): RefreshToken {
    return new RefreshToken({ ...state });
  }

  get id(): string {
    return this.state.id;
  }

  get familyId(): string {
    return this.state.familyId;
  }

  get userId(): string {
    return this.state.userId;
  }

  snapshot(): Readonly<RefreshTokenState> {
    return { ...this.state };
  }

  /** A rotated or revoked token presented again means it leaked: the caller must revoke the family. */
  verdict(now: Date): RefreshTokenVerdict {
    if (this.state.rotatedAt || this.state.revokedAt) return 'reused';
    if (this.state.expiresAt.getTime() <= now.getTime()) return 'expired';
    return 'usable';
  }

  /**
   * Rotated moments ago and not revoked: a repeat of the same refresh (two tabs, a retried request)
   * rather than theft, to be answered with the successor instead of revoking the family.
   */
  rotatedWithin(now: Date, graceSeconds: number): boolean {
    if (!this.state.rotatedAt || this.state.revokedAt) return false;
    return now.getTime() - this.state.rotatedAt.getTime() <= graceSeconds * 1000;
  }

  assertOwnedBy(userId: string): void {
    if (this.state.userId !== userId) throw new UnauthenticatedError('refresh token is invalid');
  }
}
