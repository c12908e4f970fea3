import { beforeEach, describe, expect, it } from 'vitest';
import { GetInvoice } from '../../../src/modules/invoices/application/use-cases/get-invoice.js';
import { IssueInvoice } from '../../../src/modules/invoices/application/use-cases/issue-invoice.js';
import { ListInvoices } from '../../../src/modules/invoices/application/use-cases/list-invoices.js';
import { VoidInvoice } from '../../../src/modules/invoices/application/use-cases/void-invoice.js';
import type { Principal } from '../../../src/shared/application/principal.js';
import { MemoryCache } from '../../../src/shared/infrastructure/cache/memory-cache.js';
import { PassThroughUnitOfWork, RecordingEvents, SequentialIds } from '../../support/fakes.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { InMemoryInvoices } from '../../support/invoice-fakes.js';

const alice: Principal = { userId: 'alice', roles: ['member'] };
const bob: Principal = { userId: 'bob', roles: ['member'] };
const admin: Principal = { userId: 'root', roles: ['admin'] };
const input = { customerName: 'ACME', currency: 'EUR', lines: [{ description: 'Audit', quantity: 2, unitPriceCents: 5_000 }] };
const TTL_SECONDS = 60;

describe('invoice use cases', () => {
  let clock: FixedClock;
  let invoices: InMemoryInvoices;
  let events: RecordingEvents;
  let unitOfWork: PassThroughUnitOfWork;
  let cache: MemoryCache;
  let issue: IssueInvoice;
  let get: GetInvoice;

  beforeEach(() => {
    clock = new FixedClock();
    invoices = new InMemoryInvoices();
    events = new RecordingEvents();
    unitOfWork = new PassThroughUnitOfWork();
    cache = new MemoryCache(clock);
    issue = new IssueInvoice(invoices, unitOfWork, events, new SequentialIds(), clock);
    get = new GetInvoice(invoices, cache, TTL_SECONDS);
  });

  it('issues an invoice in a transaction and publishes its event', async () => {
    const dto = await issue.execute(alice, input);
    expect(dto).toMatchObject({ ownerId: 'alice', status: 'open', totalCents: 10_000, createdAt: '2030-01-01T00:00:00.000Z' });
    expect(unitOfWork.transactions).toBe(1);
    expect(events.published.map((event) => event.name)).toEqual(['invoices.invoice-issued']);
  });

  it('requires a caller', async () => {
    await expect(issue.execute(null, input)).rejects.toMatchObject({ code: 'AUTH_REQUIRED' });
  });

  it('serves reads from the cache until the TTL passes', async () => {
    const { id } = await issue.execute(alice, input);
    await get.execute(alice, id);
    await get.execute(alice, id);
    expect(invoices.reads).toBe(1);
    clock.advance(TTL_SECONDS * 1000);
    await get.execute(alice, id);
    expect(invoices.reads).toBe(2);
  });

  it('hides other owners\u2019 invoices, even when cached, but shows them to admins', async () => {
    const { id } = await issue.execute(alice, input);
    await get.execute(alice, id);
    await expect(get.execute(bob, id)).rejects.toMatchObject({ code: 'INVOICE_NOT_FOUND' });
    await expect(get.execute(admin, id)).resolves.toMatchObject({ id });
  });

  it('invalidates the cached invoice when it is voided', async () => {
    const { id } = await issue.execute(alice, input);
    await get.execute(alice, id);
    const voiding = new VoidInvoice(invoices, unitOfWork, cache, events, clock);
    await voiding.execute(alice, id);
    await expect(get.execute(alice, id)).resolves.toMatchObject({ status: 'void' });
    expect(events.published.at(-1)?.name).toBe('invoices.invoice-voided');
  });

  it('refuses to void another owner\u2019s invoice', async () => {
    const { id } = await issue.execute(alice, input);
    const voiding = new VoidInvoice(invoices, unitOfWork, cache, events, clock);
    await expect(voiding.execute(bob, id)).rejects.toMatchObject({ code: 'INVOICE_NOT_FOUND' });
  });

  it('pages with a stable cursor when timestamps are equal', async () => {
    for (let i = 0; i < 5; i += 1) await issue.execute(alice, input);
    const list = new ListInvoices(invoices);
    const first = await list.execute(alice, { limit: 2 });
    const second = await list.execute(alice, { limit: 2, cursor: first.nextCursor! });
    const third = await list.execute(alice, { limit: 2, cursor: second.nextCursor! });
    const ids = [...first.items, ...second.items, ...third.items].map((item) => item.id);
    expect(new Set(ids).size).toBe(5);
    expect(third.nextCursor).toBeNull();
  });

  it('lets only admins list someone else\u2019s invoices', async () => {
    await issue.execute(alice, input);
    const list = new ListInvoices(invoices);
    await expect(list.execute(bob, { limit: 10, ownerId: 'alice' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(list.execute(admin, { limit: 10, ownerId: 'alice' })).resolves.toMatchObject({ items: [expect.objectContaining({ ownerId: 'alice' })] });
  });

  it('rejects a malformed cursor as a validation error', async () => {
    await expect(new ListInvoices(invoices).execute(alice, { limit: 2, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });
});
