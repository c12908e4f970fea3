import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp } from '../support/test-app.js';

describe('{{method}} {{path}}', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  const method: string = '{{method}}';
  const send = (token: string | undefined, reference: string) =>
    method === 'GET'
      ? api.request('GET', `{{path}}?reference=${encodeURIComponent(reference)}`, token ? { token } : {})
      : api.request(method, '{{path}}', { body: { reference }, ...(token ? { token } : {}) });

  it('answers an authenticated caller', async () => {
    const { userId, accessToken } = await signUp(api);
    const response = await send(accessToken, 'R-1');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ reference: 'R-1', requestedBy: userId });
  });

  it('requires authentication', async () => {
    expect((await send(undefined, 'R-1')).status).toBe(401);
  });
});
