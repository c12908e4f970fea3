import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp } from '../support/test-app.js';

describe('{{module}} over HTTP', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('creates, reads and lists {{entityPlural}} of the caller', async () => {
    const { accessToken } = await signUp(api);
    const created = await api.request('POST', '/{{module}}', { token: accessToken, body: { name: 'First' } });
    expect(created.status).toBe(201);
    const fetched = await api.request('GET', `/{{module}}/${created.body.id}`, { token: accessToken });
    expect(fetched.body).toEqual(created.body);
    const listed = await api.request('GET', '/{{module}}?limit=10', { token: accessToken });
    expect(listed.body.items).toEqual([created.body]);
  });

  it('validates input and requires authentication', async () => {
    const { accessToken } = await signUp(api);
    expect((await api.request('POST', '/{{module}}', { token: accessToken, body: {} })).status).toBe(400);
    expect((await api.request('POST', '/{{module}}', { body: { name: 'x' } })).status).toBe(401);
  });
});
