import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, type Page } from '../../../../shared/application/pagination.js';
import { hasRole, requireAuthenticated, type Principal } from '../../../../shared/application/principal.js';
import { ForbiddenError } from '../../../../shared/domain/errors.js';
import { toInvoiceSummaryDto, type InvoiceSummaryDto } from '../dtos/invoice.dto.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';

export interface ListInvoicesInput {
  limit: number;
  cursor?: string | undefined;
  /** Administrators may list any owner's invoices, or all of them. */
  ownerId?: string | undefined;
}

export class ListInvoices {
  constructor(private readonly invoices: InvoiceRepository) {}

  async execute(principal: Principal | null, input: ListInvoicesInput): Promise<Page<InvoiceSummaryDto>> {
    const caller = requireAuthenticated(principal);
    const isAdmin = hasRole(caller, 'admin');
    if (input.ownerId && input.ownerId !== caller.userId && !isAdmin) {
      throw new ForbiddenError('FORBIDDEN', "Only administrators can list other users' invoices");
    }
    const limit = Math.min(Math.max(input.limit, 1), MAX_PAGE_SIZE);
    const ownerId = isAdmin ? input.ownerId : caller.userId;
    // One extra row tells whether another page exists without a COUNT query.
    const rows = await this.invoices.listPage({
      limit: limit + 1,
      ...(ownerId ? { ownerId } : {}),
      ...(input.cursor ? { after: decodeCursor(input.cursor) } : {}),
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(toInvoiceSummaryDto),
      nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }
}
