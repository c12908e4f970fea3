import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { EventPublisher } from '../../../../shared/application/ports/event-publisher.js';
import type { IdGenerator } from '../../../../shared/application/ports/id-generator.js';
import type { UnitOfWork } from '../../../../shared/application/ports/unit-of-work.js';
import { requireAuthenticated, type Principal } from '../../../../shared/application/principal.js';
import { Invoice } from '../../domain/entities/invoice.js';
import { InvoiceLine } from '../../domain/value-objects/invoice-line.js';
import { Money } from '../../domain/value-objects/money.js';
import { toInvoiceDto, type InvoiceDto } from '../dtos/invoice.dto.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';

export interface IssueInvoiceInput {
  customerName: string;
  currency: string;
  lines: { description: string; quantity: number; unitPriceCents: number }[];
}

export class IssueInvoice {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly events: EventPublisher,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal | null, input: IssueInvoiceInput): Promise<InvoiceDto> {
    const caller = requireAuthenticated(principal);
    const invoice = Invoice.issue({
      id: this.ids.next(),
      ownerId: caller.userId,
      customerName: input.customerName,
      lines: input.lines.map((line) =>
        InvoiceLine.create(line.description, line.quantity, Money.of(line.unitPriceCents, input.currency)),
      ),
      now: this.clock.now(),
    });
    // The invoice row, its lines and its events are written together or not at all.
    await this.unitOfWork.transaction(async () => {
      await this.invoices.insert(invoice);
      await this.events.publish(invoice.pullEvents());
    });
    return toInvoiceDto(invoice);
  }
}
