import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, startTestApp, type TestApp } from '../support/test-app.js';

const body = { customerName: 'ACME GmbH', currency: 'EUR', lines: [{ description: 'Audit', quantity: 2, unitPriceCents: 12_500 }] };

describe('invoices over HTTP', () => {
  let api: TestApp;
  let alice: { userId: string; accessToken: string };
  let bob: { userId: string; accessToken: string };

  beforeAll(async () => {
    api = await startTestApp();
    alice = await signUp(api);
    bob = await signUp(api);
  });
  afterAll(() => api.close());

  const issue = async (token: string) => {
    const response = await api.request('POST', '/invoices', { token, body });
    expect(response.status).toBe(201);
    return response.body as { id: string; totalCents: number };
  };

  it('issues an invoice and returns the response DTO', async () => {
    const invoice = await issue(alice.accessToken);
    expect(invoice).toMatchObject({ ownerId: alice.userId, status: 'open', totalCents: 25_000, currency: 'EUR' });
    const fetched = await api.request('GET', `/invoices/${invoice.id}`, { token: alice.accessToken });
    expect(fetched.body).toEqual(invoice);
  });

  it('requires authentication and validates the body', async () => {
    expect((await api.request('POST', '/invoices', { body })).status).toBe(401);
    const invalid = await api.request('POST', '/invoices', { token: alice.accessToken, body: { ...body, lines: [] } });
    expect(invalid.status).toBe(400);
    const mixed = await api.request('POST', '/invoices', { token: alice.accessToken, body: { ...body, lines: [{ description: 'x', quantity: 20_000, unitPriceCents: 1 }] } });
    expect(mixed.body.error.code).toBe('INVALID_QUANTITY');
  });

  it('hides another owner\u2019s invoice with 404', async () => {
    const invoice = await issue(alice.accessToken);
    expect((await api.request('GET', `/invoices/${invoice.id}`, { token: bob.accessToken })).status).toBe(404);
    expect((await api.request('POST', `/invoices/${invoice.id}/void`, { token: bob.accessToken })).status).toBe(404);
  });

  it('voids once, invalidating the cached read, then refuses with 422', async () => {
    const invoice = await issue(alice.accessToken);
    await api.request('GET', `/invoices/${invoice.id}`, { token: alice.accessToken });
    const voided = await api.request('POST', `/invoices/${invoice.id}/void`, { token: alice.accessToken });
    expect(voided.body.status).toBe('void');
    expect((await api.request('GET', `/invoices/${invoice.id}`, { token: alice.accessToken })).body.status).toBe('void');
    const again = await api.request('POST', `/invoices/${invoice.id}/void`, { token: alice.accessToken });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('INVOICE_NOT_OPEN');
  });

  it('lists only the caller\u2019s invoices, newest first, with a cursor', async () => {
    const carol = await signUp(api);
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push((await issue(carol.accessToken)).id);
    const first = await api.request('GET', '/invoices?limit=2', { token: carol.accessToken });
    expect(first.body.items).toHaveLength(2);
    const second = await api.request('GET', `/invoices?limit=2&cursor=${first.body.nextCursor}`, { token: carol.accessToken });
    expect(second.body.nextCursor).toBeNull();
    const listed = [...first.body.items, ...second.body.items].map((item: { id: string }) => item.id);
    expect(listed).toEqual([...ids].reverse());
  });
  // strata:cqrs:on

  it('serves the CQRS read model, updated from events', async () => {
    const dave = await signUp(api);
    const kept = await issue(dave.accessToken);
    const voided = await issue(dave.accessToken);
    await api.request('POST', `/invoices/${voided.id}/void`, { token: dave.accessToken });
    await api.app.container.settle();
    const stats = await api.request('GET', '/invoice-stats', { token: dave.accessToken });
    expect(stats.body).toEqual([{ currency: 'EUR', openCount: 1, voidCount: 1, outstandingCents: kept.totalCents }]);
  });
  // strata:cqrs:end
});
