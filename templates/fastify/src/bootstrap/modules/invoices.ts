import { notifyInvoiceIssued } from '../../modules/invoices/application/event-handlers/notify-invoice-issued.js';
// strata:cqrs:on
import { projectInvoiceStats } from '../../modules/invoices/application/event-handlers/project-invoice-stats.js';
import { GetInvoiceStats } from '../../modules/invoices/application/use-cases/get-invoice-stats.js';
import { INVOICE_VOIDED } from '../../modules/invoices/domain/events/invoice-events.js';
// strata:cqrs:end
import { GetInvoice } from '../../modules/invoices/application/use-cases/get-invoice.js';
import { IssueInvoice } from '../../modules/invoices/application/use-cases/issue-invoice.js';
import { ListInvoices } from '../../modules/invoices/application/use-cases/list-invoices.js';
import { VoidInvoice } from '../../modules/invoices/application/use-cases/void-invoice.js';
import { INVOICE_ISSUED } from '../../modules/invoices/domain/events/invoice-events.js';
import { LogInvoiceNotifier } from '../../modules/invoices/infrastructure/notifications/log-invoice-notifier.js';
import { DrizzleInvoiceRepository } from '../../modules/invoices/infrastructure/repositories/drizzle-invoice-repository.js';
// strata:cqrs:on
import { DrizzleInvoiceStatsReadModel } from '../../modules/invoices/infrastructure/repositories/drizzle-invoice-stats-read-model.js';
import { invoiceStatsRoutes } from '../../modules/invoices/interfaces/http/stats-routes.js';
// strata:cqrs:end
import { invoiceRoutes } from '../../modules/invoices/interfaces/http/routes.js';
import type { Kernel, ModuleWiring } from '../kernel.js';
// strata:imports

export function wireInvoices(kernel: Kernel): ModuleWiring {
  const { config, db, clock, ids, cache, events } = kernel;
  const invoices = new DrizzleInvoiceRepository(db);
  // strata:repositories
  kernel.eventHandlers.on(INVOICE_ISSUED, notifyInvoiceIssued(new LogInvoiceNotifier(kernel.logger)));
  const routes = invoiceRoutes({
    issueInvoice: new IssueInvoice(invoices, db, events, ids, clock),
    getInvoice: new GetInvoice(invoices, cache, config.INVOICE_CACHE_TTL_SECONDS),
    listInvoices: new ListInvoices(invoices),
    voidInvoice: new VoidInvoice(invoices, db, cache, events, clock),
  });
  // strata:cqrs:on
  const stats = new DrizzleInvoiceStatsReadModel(db);
  for (const event of [INVOICE_ISSUED, INVOICE_VOIDED]) kernel.eventHandlers.on(event, projectInvoiceStats(stats));
  routes.push(...invoiceStatsRoutes(new GetInvoiceStats(stats)));
  // strata:cqrs:end
  // strata:use-cases
  // strata:routes
  return { routes };
}
