export interface RefreshTokenState {
  id: string;
  /** All tokens descended from one login share a family; reuse of any old one revokes them all. */
  familyId: string;
  userId: string;
  /** Only a hash is stored: a leaked table does not yield usable tokens. */
  tokenHash: string;
  expiresAt: Date;
  createdAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

export type RefreshTokenStatus = 'active' | 'expired' | 'reused';

export class RefreshToken {
  constructor(readonly state: Readonly<RefreshTokenState>) {}

  get id(): string {
    return this.state.id;
  }
  get familyId(): string {
    return this.state.familyId;
  }
  get userId(): string {
    return this.state.userId;
  }

  /**
   * A token presented after it was rotated or revoked means two parties hold it: the legitimate
   * client already used it, so whoever presents it now may be an attacker.
   */
  /** Rotated (not revoked) at most `graceMs` ago: a concurrent or retried refresh, not a thief yet. */
  rotatedWithin(now: Date, graceMs: number): boolean {
    const { rotatedAt, revokedAt } = this.state;
    return !revokedAt && rotatedAt !== null && now.getTime() - rotatedAt.getTime() <= graceMs && this.state.expiresAt.getTime() > now.getTime();
  }

  statusAt(now: Date): RefreshTokenStatus {
    if (this.state.rotatedAt || this.state.revokedAt) return 'reused';
    if (this.state.expiresAt.getTime() <= now.getTime()) return 'expired';
    return 'active';
  }
}
