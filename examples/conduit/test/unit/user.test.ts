import { describe, expect, it } from 'vitest';
import { RefreshToken } from '../../src/modules/users/domain/entities/refresh-token.js';
import { User } from '../../src/modules/users/domain/entities/user.js';
import { ValidationError } from '../../src/shared/domain/domain-error.js';

const now = new Date('2026-01-15T10:00:00.000Z');

describe('User', () => {
  it('normalises the email and validates the username at registration', () => {
    const user = User.register({ id: 'u1', email: ' Jake@Example.COM ', username: 'jake', passwordHash: 'h', now });
    expect(user.email).toBe('jake@example.com');
    expect(() => User.register({ id: 'u2', email: 'not-an-email', username: 'x', passwordHash: 'h', now })).toThrow(new ValidationError('email is invalid'));
    expect(() => User.register({ id: 'u3', email: 'a@b.io', username: 'has space', passwordHash: 'h', now })).toThrow(ValidationError);
  });

  it('announces a profile change only when a public field changes', () => {
    const user = User.register({ id: 'u1', email: 'jake@example.com', username: 'jake', passwordHash: 'h', now });
    user.pullEvents();
    user.update({ email: 'new@example.com' }, now);
    expect(user.pullEvents()).toEqual([]);
    user.update({ bio: 'I like to skateboard', image: '' }, now);
    expect(user.pullEvents()).toEqual([
      { type: 'users.profile-changed', occurredAt: now, userId: 'u1', username: 'jake', bio: 'I like to skateboard', image: null },
    ]);
  });
});

describe('RefreshToken', () => {
  it('is usable until it expires, and a rotated token counts as reuse', () => {
    const token = RefreshToken.issue({ id: 't1', familyId: 'f1', userId: 'u1', tokenHash: 'h', now, ttlDays: 1 });
    expect(token.verdict(now)).toBe('usable');
    expect(token.verdict(new Date(now.getTime() + 86_400_000))).toBe('expired');
    const rotated = RefreshToken.restore({ ...token.snapshot(), rotatedAt: now });
    expect(rotated.verdict(now)).toBe('reused');
  });
});
