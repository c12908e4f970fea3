import { describe, expect, it } from 'vitest';
import { Invoice, MAX_LINES } from '../../../src/modules/invoices/domain/entities/invoice.js';
import { INVOICE_ISSUED, INVOICE_VOIDED } from '../../../src/modules/invoices/domain/events/invoice-events.js';
import { InvoiceLine } from '../../../src/modules/invoices/domain/value-objects/invoice-line.js';
import { Money } from '../../../src/modules/invoices/domain/value-objects/money.js';

const now = new Date('2030-01-01T00:00:00Z');
const line = (cents: number, quantity = 1, currency = 'EUR') => InvoiceLine.create('Consulting', quantity, Money.of(cents, currency));
const issue = (lines: InvoiceLine[]) => Invoice.issue({ id: 'inv-1', ownerId: 'owner-1', customerName: ' ACME ', lines, now });

describe('Money', () => {
  it('adds amounts of one currency and refuses to mix currencies', () => {
    expect(Money.of(150, 'EUR').add(Money.of(50, 'EUR')).amountCents).toBe(200);
    expect(() => Money.of(1, 'EUR').add(Money.of(1, 'USD'))).toThrow(expect.objectContaining({ code: 'CURRENCY_MISMATCH' }));
  });

  it('rejects fractional or negative cents and malformed currencies', () => {
    expect(() => Money.of(1.5, 'EUR')).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
    expect(() => Money.of(-1, 'EUR')).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
    expect(() => Money.of(1, 'eur')).toThrow(expect.objectContaining({ code: 'INVALID_CURRENCY' }));
  });
});

describe('Invoice', () => {
  it('totals its lines and records an issued event', () => {
    const invoice = issue([line(1_000, 3), line(250)]);
    expect(invoice.total.amountCents).toBe(3_250);
    expect(invoice.customerName).toBe('ACME');
    expect(invoice.pullEvents()).toEqual([
      { name: INVOICE_ISSUED, aggregateId: 'inv-1', occurredAt: now.toISOString(), payload: { ownerId: 'owner-1', customerName: 'ACME', totalCents: 3_250, currency: 'EUR' } },
    ]);
    expect(invoice.pullEvents()).toEqual([]);
  });

  it('needs between one and MAX_LINES lines', () => {
    expect(() => issue([])).toThrow(expect.objectContaining({ code: 'INVOICE_EMPTY' }));
    expect(() => issue(Array.from({ length: MAX_LINES + 1 }, () => line(1)))).toThrow(expect.objectContaining({ code: 'INVOICE_TOO_LONG' }));
  });

  it('keeps one currency across lines', () => {
    expect(() => issue([line(1, 1, 'EUR'), line(1, 1, 'USD')])).toThrow(expect.objectContaining({ code: 'CURRENCY_MISMATCH' }));
  });

  it('bounds line quantities', () => {
    expect(() => line(100, 0)).toThrow(expect.objectContaining({ code: 'INVALID_QUANTITY' }));
    expect(() => line(100, 1.5)).toThrow(expect.objectContaining({ code: 'INVALID_QUANTITY' }));
  });

  it('voids only an open invoice', () => {
    const invoice = issue([line(100)]);
    invoice.pullEvents();
    const later = new Date('2030-01-02T00:00:00Z');
    invoice.void(later);
    expect(invoice.status).toBe('void');
    expect(invoice.voidedAt).toEqual(later);
    expect(invoice.pullEvents().map((event) => event.name)).toEqual([INVOICE_VOIDED]);
    expect(() => invoice.void(later)).toThrow(expect.objectContaining({ code: 'INVOICE_NOT_OPEN' }));
  });
});
