import type { Cache } from '../../../../shared/application/ports/cache.js';
import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { EventPublisher } from '../../../../shared/application/ports/event-publisher.js';
import type { UnitOfWork } from '../../../../shared/application/ports/unit-of-work.js';
import { hasRole, requireAuthenticated, type Principal } from '../../../../shared/application/principal.js';
import { ConflictError, NotFoundError } from '../../../../shared/domain/errors.js';
import { toInvoiceDto, type InvoiceDto } from '../dtos/invoice.dto.js';
import { invoiceCacheKey } from '../invoice-cache.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';

export class VoidInvoice {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly cache: Cache,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal | null, invoiceId: string): Promise<InvoiceDto> {
    const caller = requireAuthenticated(principal);
    const invoice = await this.unitOfWork.transaction(async () => {
      const found = await this.invoices.findById(invoiceId);
      if (!found || (found.ownerId !== caller.userId && !hasRole(caller, 'admin'))) {
        throw new NotFoundError('INVOICE_NOT_FOUND', 'Invoice not found');
      }
      const previous = found.status;
      found.void(this.clock.now());
      if (!(await this.invoices.updateStatus(found, previous))) {
        throw new ConflictError('INVOICE_CHANGED', 'Invoice was changed concurrently; retry');
      }
      await this.events.publish(found.pullEvents());
      return found;
    });
    // Invalidate after commit: deleting earlier would let a concurrent read re-cache the old state.
    await this.cache.delete(invoiceCacheKey(invoiceId));
    return toInvoiceDto(invoice);
  }
}
