import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/bootstrap/service.js';
import { ApiClient } from '../support/http-client.js';
import { startTestService } from '../support/test-service.js';

describe('refresh sessions under concurrency and password changes', () => {
  let service: Service;
  let api: ApiClient;

  beforeAll(async () => {
    service = await startTestService();
    api = new ApiClient(service.app);
  });
  afterAll(() => service?.stop());

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
