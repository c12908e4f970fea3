import { AggregateRoot } from '../../../../shared/domain/domain-event.js';
import { DomainRuleError, ValidationError } from '../../../../shared/domain/errors.js';
import { INVOICE_ISSUED, INVOICE_VOIDED, type InvoiceEventPayload } from '../events/invoice-events.js';
import type { InvoiceLine } from '../value-objects/invoice-line.js';
import { Money } from '../value-objects/money.js';

export const MAX_LINES = 50;

export type InvoiceStatus = 'open' | 'void';

export interface InvoiceState {
  id: string;
  ownerId: string;
  customerName: string;
  lines: readonly InvoiceLine[];
  status: InvoiceStatus;
  createdAt: Date;
  voidedAt: Date | null;
}

/**
 * The aggregate guards its invariants: at least one line, one currency across lines, a bounded
 * number of lines, and only an open invoice can be voided. Nothing outside changes its state.
 */
export class Invoice extends AggregateRoot {
  private constructor(private state: InvoiceState) {
    super();
  }

  static issue(input: { id: string; ownerId: string; customerName: string; lines: readonly InvoiceLine[]; now: Date }): Invoice {
    const customerName = input.customerName.trim();
    if (customerName.length === 0 || customerName.length > 200) {
      throw new ValidationError('INVALID_CUSTOMER', 'Customer name must be 1 to 200 characters');
    }
    if (input.lines.length === 0) throw new DomainRuleError('INVOICE_EMPTY', 'An invoice needs at least one line');
    if (input.lines.length > MAX_LINES) {
      throw new DomainRuleError('INVOICE_TOO_LONG', `An invoice has at most ${MAX_LINES} lines`);
    }
    const currency = input.lines[0]!.unitPrice.currency;
    if (input.lines.some((line) => line.unitPrice.currency !== currency)) {
      throw new DomainRuleError('CURRENCY_MISMATCH', 'All lines of an invoice must use one currency');
    }
    const invoice = new Invoice({ ...input, customerName, status: 'open', createdAt: input.now, voidedAt: null });
    invoice.record({ name: INVOICE_ISSUED, aggregateId: input.id, occurredAt: input.now.toISOString(), payload: invoice.eventPayload() });
    return invoice;
  }

  static restore(state: InvoiceState): Invoice {
    return new Invoice(state);
  }

  get id(): string {
    return this.state.id;
  }
  get ownerId(): string {
    return this.state.ownerId;
  }
  get customerName(): string {
    return this.state.customerName;
  }
  get lines(): readonly InvoiceLine[] {
    return this.state.lines;
  }
  get status(): InvoiceStatus {
    return this.state.status;
  }
  get createdAt(): Date {
    return this.state.createdAt;
  }
  get voidedAt(): Date | null {
    return this.state.voidedAt;
  }

  get total(): Money {
    const currency = this.state.lines[0]!.unitPrice.currency;
    return this.state.lines.reduce((sum, line) => sum.add(line.total), Money.zero(currency));
  }

  void(now: Date): void {
    if (this.state.status !== 'open') {
      throw new DomainRuleError('INVOICE_NOT_OPEN', `Invoice is ${this.state.status} and cannot be voided`);
    }
    this.state = { ...this.state, status: 'void', voidedAt: now };
    this.record({ name: INVOICE_VOIDED, aggregateId: this.id, occurredAt: now.toISOString(), payload: this.eventPayload() });
  }

  private eventPayload(): InvoiceEventPayload {
    const total = this.total;
    return { ownerId: this.ownerId, customerName: this.customerName, totalCents: total.amountCents, currency: total.currency };
  }
}
