import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Service } from '../../src/bootstrap/service.js';
import { ApiClient } from '../support/http-client.js';
import { unique } from '../support/test-config.js';
import { startTestService } from '../support/test-service.js';

describe('users and authentication over HTTP', () => {
  let service: Service;
  let api: ApiClient;

  beforeAll(async () => {
    service = await startTestService();
    api = new ApiClient(service.app);
  });
  afterAll(() => service?.stop());

  it('registers with 201 and logs in with the same credentials, case-insensitively on email', async () => {
    const user = await api.register('jake');
    expect(user).toMatchObject({ bio: null, image: null });
    const login = await api.request('POST', '/api/users/login', { body: { user: { email: user.email.toUpperCase(), password: 'correct-horse' } } });
    expect(login.status).toBe(200);
    expect(login.body.user.username).toBe(user.username);
  });

  it('reports validation and uniqueness failures as 422 with errors.body', async () => {
    const user = await api.register('taken');
    const duplicate = await api.request('POST', '/api/users', { body: { user: { username: user.username, email: `${unique('x')}@example.test`, password: 'correct-horse' } } });
    expect(duplicate).toEqual({ status: 422, body: { errors: { body: ['username has already been taken'] } } });
    const missing = await api.request('POST', '/api/users', { body: { user: { username: unique('u'), password: 'correct-horse' } } });
    expect(missing).toEqual({ status: 422, body: { errors: { body: ["email can't be blank"] } } });
  });

  it('answers 401 for bad credentials, a missing token and a non-Token scheme', async () => {
    const user = await api.register('wrongpw');
    expect((await api.request('POST', '/api/users/login', { body: { user: { email: user.email, password: 'nope-nope' } } })).status).toBe(401);
    expect((await api.request('GET', '/api/user')).status).toBe(401);
    const bearer = await service.app.inject({ method: 'GET', url: '/api/user', headers: { authorization: `Bearer ${user.token}` } });
    expect(bearer.statusCode).toBe(401);
  });

  it('updates the profile and the password of the current user only', async () => {
    const user = await api.register('editor');
    const updated = await api.request('PUT', '/api/user', { token: user.token, body: { user: { bio: 'I like to skateboard', password: 'new-password-1' } } });
    expect(updated.status).toBe(200);
    expect(updated.body.user).toMatchObject({ username: user.username, bio: 'I like to skateboard' });
    const login = await api.request('POST', '/api/users/login', { body: { user: { email: user.email, password: 'new-password-1' } } });
    expect(login.status).toBe(200);
    const current = await api.request('GET', '/api/user', { token: login.body.user.token });
    expect(current.body.user.bio).toBe('I like to skateboard');
  });

  it('rotates refresh tokens and revokes the family when a spent one comes back', async () => {
    // No grace window here, so the second use is reuse at once (the window has its own tests).
    const strict = await startTestService({ REFRESH_REUSE_GRACE_SECONDS: '0' });
    const api = new ApiClient(strict.app);
    onTestFinished(() => strict.stop());
    const user = await api.register('rotator');
    const first = await api.request('POST', '/api/users/refresh', { body: { refreshToken: user.refreshToken } });
    expect(first.status).toBe(200);
    const next = first.body.user.refreshToken;
    expect(next).not.toBe(user.refreshToken);
    expect((await api.request('GET', '/api/user', { token: first.body.user.token })).status).toBe(200);

    expect((await api.request('POST', '/api/users/refresh', { body: { refreshToken: user.refreshToken } })).status).toBe(401);
    expect((await api.request('POST', '/api/users/refresh', { body: { refreshToken: next } })).status).toBe(401);
  });

  it('logs out by revoking the refresh family', async () => {
    const user = await api.register('leaver');
    const logout = await api.request('POST', '/api/users/logout', { token: user.token, body: { refreshToken: user.refreshToken } });
    expect(logout.status).toBe(204);
    expect((await api.request('POST', '/api/users/refresh', { body: { refreshToken: user.refreshToken } })).status).toBe(401);
  });

  it('gives concurrent refreshes with one token the same successor instead of revoking the family', async () => {
    const user = await api.register('twotabs');
    const refreshes = await Promise.all(
      Array.from({ length: 4 }, () => api.request('POST', '/api/users/refresh', { body: { refreshToken: user.refreshToken } })),
    );
    expect(refreshes.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    const successors = new Set(refreshes.map((response) => response.body.user.refreshToken as string));
    expect(successors.size).toBe(1);
    const [successor] = [...successors];
    expect(successor).not.toBe(user.refreshToken);
    // The family is alive: the shared successor rotates as usual.
    const next = await api.request('POST', '/api/users/refresh', { body: { refreshToken: successor } });
    expect(next.status).toBe(200);
  });

  it('revokes every refresh token of the user when the password changes', async () => {
    const user = await api.register('changer');
    const otherDevice = await api.request('POST', '/api/users/login', { body: { user: { email: user.email, password: 'correct-horse' } } });
    const changed = await api.request('PUT', '/api/user', { token: user.token, body: { user: { password: 'another-password-2' } } });
    expect(changed.status).toBe(200);
    expect((await api.request('POST', '/api/users/refresh', { body: { refreshToken: otherDevice.body.user.refreshToken } })).status).toBe(401);
    expect((await api.request('POST', '/api/users/refresh', { body: { refreshToken: user.refreshToken } })).status).toBe(401);
    expect((await api.request('POST', '/api/users/refresh', { body: { refreshToken: changed.body.user.refreshToken } })).status).toBe(200);
  });
});
