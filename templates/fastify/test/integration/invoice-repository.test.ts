import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../src/modules/identity/domain/entities/user.js';
import { Email } from '../../src/modules/identity/domain/value-objects/email.js';
import { DrizzleUserRepository } from '../../src/modules/identity/infrastructure/repositories/drizzle-user-repository.js';
import { Invoice } from '../../src/modules/invoices/domain/entities/invoice.js';
import { InvoiceLine } from '../../src/modules/invoices/domain/value-objects/invoice-line.js';
import { Money } from '../../src/modules/invoices/domain/value-objects/money.js';
import { DrizzleInvoiceRepository } from '../../src/modules/invoices/infrastructure/repositories/drizzle-invoice-repository.js';
import { DrizzleContext } from '../../src/shared/infrastructure/db/drizzle-context.js';
import { testDatabase } from '../support/database.js';
import { uniqueEmail } from '../support/test-app.js';

describe('DrizzleInvoiceRepository', () => {
  let context: DrizzleContext;
  let invoices: DrizzleInvoiceRepository;

  beforeAll(async () => {
    context = new DrizzleContext((await testDatabase()).db);
    invoices = new DrizzleInvoiceRepository(context);
  });

  async function newOwner(): Promise<string> {
    const id = randomUUID();
    const user = User.register({ id, email: Email.create(uniqueEmail('owner')), passwordHash: 'x', role: 'member', createdAt: new Date() });
    await new DrizzleUserRepository(context).insert(user);
    return id;
  }

  function invoiceFor(ownerId: string, createdAt: Date): Invoice {
    const lines = [InvoiceLine.create('Hosting', 2, Money.of(1_250, 'EUR')), InvoiceLine.create('Support', 1, Money.of(500, 'EUR'))];
    return Invoice.issue({ id: randomUUID(), ownerId, customerName: 'ACME', lines, now: createdAt });
  }

  it('round-trips an aggregate with its lines in order', async () => {
    const invoice = invoiceFor(await newOwner(), new Date('2030-01-01T00:00:00Z'));
    await context.transaction(() => invoices.insert(invoice));
    const loaded = await invoices.findById(invoice.id);
    expect(loaded?.total.amountCents).toBe(3_000);
    expect(loaded?.lines.map((line) => line.description)).toEqual(['Hosting', 'Support']);
  });

  it('rolls the invoice back when a line fails inside the transaction', async () => {
    const invoice = invoiceFor('00000000-0000-4000-8000-000000000000', new Date());
    // The owner does not exist: the foreign key fails, and nothing of the invoice may remain.
    await expect(context.transaction(() => invoices.insert(invoice))).rejects.toThrow();
    expect(await invoices.findById(invoice.id)).toBeNull();
  });

  it('pages by (created_at, id) without gaps or repeats when timestamps tie', async () => {
    const ownerId = await newOwner();
    const sameInstant = new Date('2030-02-01T00:00:00Z');
    const created = [];
    for (let i = 0; i < 7; i += 1) {
      const invoice = invoiceFor(ownerId, i < 4 ? sameInstant : new Date(sameInstant.getTime() + i * 1000));
      await context.transaction(() => invoices.insert(invoice));
      created.push(invoice.id);
    }
    const seen: string[] = [];
    let after: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const page = await invoices.listPage({ ownerId, limit: 3, ...(after ? { after } : {}) });
      seen.push(...page.map((row) => row.id));
      const last = page.at(-1);
      if (page.length < 3 || !last) break;
      after = { createdAt: last.createdAt, id: last.id };
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(created));
  });

  it('applies a status change only from the expected status', async () => {
    const invoice = invoiceFor(await newOwner(), new Date());
    await context.transaction(() => invoices.insert(invoice));
    invoice.void(new Date());
    expect(await invoices.updateStatus(invoice, 'open')).toBe(true);
    expect(await invoices.updateStatus(invoice, 'open')).toBe(false);
  });
});
