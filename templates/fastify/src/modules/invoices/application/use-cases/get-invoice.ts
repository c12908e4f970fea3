import type { Cache } from '../../../../shared/application/ports/cache.js';
import { hasRole, requireAuthenticated, type Principal } from '../../../../shared/application/principal.js';
import { NotFoundError } from '../../../../shared/domain/errors.js';
import { toInvoiceDto, type InvoiceDto } from '../dtos/invoice.dto.js';
import { invoiceCacheKey } from '../invoice-cache.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';

/**
 * Cache-aside read: invoices are read far more often than they change. The TTL bounds staleness if
 * an invalidation is ever missed; writers (VoidInvoice) delete the key explicitly.
 */
export class GetInvoice {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly cache: Cache,
    private readonly ttlSeconds: number,
  ) {}

  async execute(principal: Principal | null, invoiceId: string): Promise<InvoiceDto> {
    const caller = requireAuthenticated(principal);
    const key = invoiceCacheKey(invoiceId);
    let dto = await this.cache.get<InvoiceDto>(key);
    if (!dto) {
      const invoice = await this.invoices.findById(invoiceId);
      if (!invoice) throw new NotFoundError('INVOICE_NOT_FOUND', 'Invoice not found');
      dto = toInvoiceDto(invoice);
      await this.cache.set(key, dto, this.ttlSeconds);
    }
    // Checked on every read, cached or not. 404 rather than 403: do not confirm that the id exists.
    if (dto.ownerId !== caller.userId && !hasRole(caller, 'admin')) {
      throw new NotFoundError('INVOICE_NOT_FOUND', 'Invoice not found');
    }
    return dto;
  }
}
