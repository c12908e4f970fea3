import { describe, expect, it } from 'vitest';
import { JoseAccessTokens } from '../../src/modules/users/infrastructure/security/jose-access-tokens.js';
import { RandomOpaqueTokens } from '../../src/modules/users/infrastructure/security/random-opaque-tokens.js';
import { ScryptPasswordHasher } from '../../src/modules/users/infrastructure/security/scrypt-password-hasher.js';
import { UnauthenticatedError } from '../../src/shared/domain/domain-error.js';
import { FixedClock } from '../support/fakes.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

describe('scrypt password hasher', () => {
  it('verifies the right password only, with a fresh salt per hash', async () => {
    const hasher = new ScryptPasswordHasher();
    const first = await hasher.hash('correct horse battery');
    const second = await hasher.hash('correct horse battery');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(first).not.toBe(second);
    expect(await hasher.verify('correct horse battery', first)).toBe(true);
    expect(await hasher.verify('correct horse battery!', first)).toBe(false);
    expect(await hasher.verify('anything', 'md5$not-ours')).toBe(false);
  });
});

describe('jose access tokens', () => {
  it('round-trips the user id until the token expires', async () => {
    const clock = new FixedClock();
    const tokens = new JoseAccessTokens(SECRET, 900, clock);
    const token = await tokens.issue('user-1');
    expect(await tokens.verify(token)).toBe('user-1');
    clock.advance(901_000);
    await expect(tokens.verify(token)).rejects.toThrow(new UnauthenticatedError('token has expired'));
  });

  it('knows a token it verified before without waiting, until the token expires', async () => {
    const clock = new FixedClock();
    const tokens = new JoseAccessTokens(SECRET, 900, clock);
    const token = await tokens.issue('user-1');
    // Never verified here: only a signature check may let a token in.
    expect(tokens.verifiedBefore(token)).toBeUndefined();
    expect(await tokens.verify(token)).toBe('user-1');
    expect(tokens.verifiedBefore(token)).toBe('user-1');
    expect(tokens.verifiedBefore(`${token}x`)).toBeUndefined();
    clock.advance(899_000);
    expect(tokens.verifiedBefore(token)).toBe('user-1');
    clock.advance(1_000);
    expect(tokens.verifiedBefore(token)).toBeUndefined();
    await expect(tokens.verify(token)).rejects.toThrow(new UnauthenticatedError('token has expired'));
  });

  it('rejects tampered, foreign-key and unsigned tokens', async () => {
    const clock = new FixedClock();
    const tokens = new JoseAccessTokens(SECRET, 900, clock);
    const genuine = await tokens.issue('user-1');
    // Verified once (and remembered): a token differing only in its signature is still checked.
    expect(await tokens.verify(genuine)).toBe('user-1');
    const [header, payload] = genuine.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    await expect(tokens.verify(forged)).rejects.toThrow(UnauthenticatedError);
    const foreign = await new JoseAccessTokens(`${SECRET}-other`, 900, clock).issue('user-1');
    await expect(tokens.verify(foreign)).rejects.toThrow(UnauthenticatedError);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    await expect(tokens.verify(unsigned)).rejects.toThrow(UnauthenticatedError);
  });
});

describe('opaque refresh tokens', () => {
  it('are random and stored under a stable hash', () => {
    const tokens = new RandomOpaqueTokens('a-server-side-key-of-test-only');
    const token = tokens.generate();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.generate()).not.toBe(token);
    expect(tokens.hash(token)).toBe(tokens.hash(token));
    expect(tokens.hash(token)).not.toContain(token);
  });

  it('derive the same successor from the same token, and a different one under another key', () => {
    const tokens = new RandomOpaqueTokens('a-server-side-key-of-test-only');
    const token = tokens.generate();
    expect(tokens.successorOf(token)).toBe(tokens.successorOf(token));
    expect(tokens.successorOf(token)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new RandomOpaqueTokens('another-server-side-key').successorOf(token)).not.toBe(tokens.successorOf(token));
  });
});
