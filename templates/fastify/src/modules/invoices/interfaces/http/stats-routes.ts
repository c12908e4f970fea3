import { ok, type RouteDefinition } from '../../../../shared/interfaces/http/http-types.js';
import type { GetInvoiceStats } from '../../application/use-cases/get-invoice-stats.js';

/** The CQRS read side gets its own route table: it can be served (or scaled) apart from writes. */
export function invoiceStatsRoutes(getInvoiceStats: GetInvoiceStats): RouteDefinition[] {
  return [{ method: 'GET', path: '/invoice-stats', handler: async (req) => ok(await getInvoiceStats.execute(req.principal)) }];
}
