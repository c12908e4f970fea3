import { requireAuthenticated, type Principal } from '../../../../shared/application/principal.js';
import type { InvoiceStatsDto } from '../dtos/invoice-stats.dto.js';
import type { InvoiceStatsReadModel } from '../ports/invoice-stats-read-model.js';

/** Reads the projection only; it may lag the write model by the time the event job takes. */
export class GetInvoiceStats {
  constructor(private readonly readModel: InvoiceStatsReadModel) {}

  async execute(principal: Principal | null): Promise<InvoiceStatsDto[]> {
    const caller = requireAuthenticated(principal);
    return this.readModel.forOwner(caller.userId);
  }
}
