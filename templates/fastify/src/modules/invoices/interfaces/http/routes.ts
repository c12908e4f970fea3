import type { RouteDefinition } from '../../../../shared/interfaces/http/http-types.js';
import { invoiceController, type InvoiceUseCases } from './controller.js';

export function invoiceRoutes(useCases: InvoiceUseCases): RouteDefinition[] {
  const controller = invoiceController(useCases);
  return [
    { method: 'POST', path: '/invoices', handler: controller.issue },
    { method: 'GET', path: '/invoices', handler: controller.list },
    { method: 'GET', path: '/invoices/:id', handler: controller.get },
    { method: 'POST', path: '/invoices/:id/void', handler: controller.void },
  ];
}
