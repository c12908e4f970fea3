import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCreateAdmin } from '../../src/bootstrap/create-admin-command.js';
import { PlainPasswordHasher } from '../support/fakes.js';
import { PASSWORD, signUp, startTestApp, uniqueEmail, type TestApp } from '../support/test-app.js';
import { testDatabase } from '../support/database.js';

describe('auth over HTTP', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('registers, logs in and reads the current user without exposing the hash', async () => {
    const email = uniqueEmail();
    const { accessToken } = await signUp(api, email);
    const me = await api.request('GET', '/users/me', { token: accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email, role: 'member' });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('rejects a duplicate email with 409 and invalid input with 400', async () => {
    const email = uniqueEmail();
    await signUp(api, email);
    const duplicate = await api.request('POST', '/auth/register', { body: { email, password: PASSWORD } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('EMAIL_TAKEN');
    const invalid = await api.request('POST', '/auth/register', { body: { email: 42 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refresh-token reuse revokes the whole family', async () => {
    const { refreshToken: original } = await signUp(api);
    const rotated = await api.request('POST', '/auth/refresh', { body: { refreshToken: original } });
    expect(rotated.status).toBe(200);
    const next = rotated.body.refreshToken as string;
    expect(next).not.toBe(original);
    // The client moves on, so the original's successor is no longer the live end of the family.
    const newest = (await api.request('POST', '/auth/refresh', { body: { refreshToken: next } })).body.refreshToken as string;

    // An attacker replays the old token, even inside the grace window: refused, and the family is revoked...
    const replay = await api.request('POST', '/auth/refresh', { body: { refreshToken: original } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('REFRESH_TOKEN_REUSED');
    // ...so the legitimate client's newest token no longer works either.
    const afterRevocation = await api.request('POST', '/auth/refresh', { body: { refreshToken: newest } });
    expect(afterRevocation.status).toBe(401);
  });

  it('refreshes even when the client still sends its expired or broken access token', async () => {
    const { refreshToken } = await signUp(api);
    const refreshed = await api.request('POST', '/auth/refresh', { token: 'expired.or.garbage', body: { refreshToken } });
    expect(refreshed.status).toBe(200);
  });

  it('logs out by revoking the refresh token family', async () => {
    const { refreshToken } = await signUp(api);
    expect((await api.request('POST', '/auth/logout', { body: { refreshToken } })).status).toBe(204);
    expect((await api.request('POST', '/auth/refresh', { body: { refreshToken } })).status).toBe(401);
  });

  it('rejects a malformed or forged access token', async () => {
    expect((await api.request('GET', '/users/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    expect((await api.request('GET', '/users/me', { token: 'not.a.jwt' })).body.error.code).toBe('INVALID_TOKEN');
  });

  it('makes admins only by the operator command, never by signing up', async () => {
    const email = uniqueEmail('admin');
    const claimed = await signUp(api, ` ${email.toUpperCase()} `);
    expect((await api.request('GET', '/users/me', { token: claimed.accessToken })).body.role).toBe('member');
    const database = await testDatabase();
    const promoted = await runCreateAdmin([email], api.app.container.config, undefined, { database });
    expect(promoted).toEqual({ exitCode: 0, message: expect.stringMatching(/^Promoted .* as admin$/) });
    const fresh = uniqueEmail('root');
    const created = await runCreateAdmin([fresh], api.app.container.config, PASSWORD, { database, passwordHasher: new PlainPasswordHasher() });
    expect(created.message).toMatch(/^Created /);
    expect(await runCreateAdmin([], api.app.container.config, undefined, { database })).toMatchObject({ exitCode: 2 });
    expect(await runCreateAdmin([uniqueEmail()], api.app.container.config, undefined, { database })).toMatchObject({ exitCode: 1, message: expect.stringContaining('PASSWORD_REQUIRED') });
  });

  it('lets two concurrent refreshes with the same token share one successor, without revoking the session', async () => {
    const { refreshToken } = await signUp(api);
    const [first, second] = await Promise.all([0, 1].map(() => api.request('POST', '/auth/refresh', { body: { refreshToken } })));
    expect([first!.status, second!.status]).toEqual([200, 200]);
    expect(first!.body.refreshToken).toBe(second!.body.refreshToken);
    expect((await api.request('POST', '/auth/refresh', { body: { refreshToken: first!.body.refreshToken } })).status).toBe(200);
  });

  it('revokes every refresh token when the password changes', async () => {
    const { accessToken, refreshToken } = await signUp(api);
    const body = { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' };
    expect((await api.request('PUT', '/users/me/password', { token: accessToken, body })).status).toBe(204);
    expect((await api.request('POST', '/auth/refresh', { body: { refreshToken } })).status).toBe(401);
  });

  it('enforces roles in the use case: only admins change roles', async () => {
    const member = await signUp(api);
    const adminEmail = uniqueEmail('admin');
    const admin = await signUp(api, adminEmail);
    await runCreateAdmin([adminEmail], api.app.container.config, undefined, { database: await testDatabase() });
    // Roles travel in access tokens: the promotion shows from the next login.
    admin.accessToken = (await api.request('POST', '/auth/login', { body: { email: adminEmail, password: PASSWORD } })).body.accessToken;
    const denied = await api.request('PUT', `/users/${admin.userId}/role`, { token: member.accessToken, body: { role: 'member' } });
    expect(denied.status).toBe(403);
    const promoted = await api.request('PUT', `/users/${member.userId}/role`, { token: admin.accessToken, body: { role: 'admin' } });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('admin');
  });
});

describe('rate limiting', () => {
  it('limits credential routes more strictly than the rest', async () => {
    const api = await startTestApp({ AUTH_RATE_LIMIT_MAX: 2, RATE_LIMIT_MAX: 100 });
    try {
      const attempt = () => api.request('POST', '/auth/login', { body: { email: uniqueEmail(), password: PASSWORD } });
      expect((await attempt()).status).toBe(401);
      expect((await attempt()).status).toBe(401);
      const limited = await attempt();
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      // Ordinary routes still have room.
      expect((await api.request('GET', '/users/me')).status).toBe(401);
    } finally {
      await api.close();
    }
  });
});
