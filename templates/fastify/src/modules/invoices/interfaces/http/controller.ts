import { created, ok, type RouteHandler } from '../../../../shared/interfaces/http/http-types.js';
import { parseWith } from '../../../../shared/interfaces/http/validation.js';
import type { GetInvoice } from '../../application/use-cases/get-invoice.js';
import type { IssueInvoice } from '../../application/use-cases/issue-invoice.js';
import type { ListInvoices } from '../../application/use-cases/list-invoices.js';
import type { VoidInvoice } from '../../application/use-cases/void-invoice.js';
import { invoiceIdParamsSchema, issueInvoiceSchema, listInvoicesQuerySchema } from './schemas.js';

export interface InvoiceUseCases {
  issueInvoice: IssueInvoice;
  getInvoice: GetInvoice;
  listInvoices: ListInvoices;
  voidInvoice: VoidInvoice;
}

export type InvoiceController = Record<'issue' | 'get' | 'list' | 'void', RouteHandler>;

export function invoiceController(useCases: InvoiceUseCases): InvoiceController {
  return {
    issue: async (req) => created(await useCases.issueInvoice.execute(req.principal, parseWith(issueInvoiceSchema, req.body))),
    get: async (req) => ok(await useCases.getInvoice.execute(req.principal, parseWith(invoiceIdParamsSchema, req.params).id)),
    list: async (req) => ok(await useCases.listInvoices.execute(req.principal, parseWith(listInvoicesQuerySchema, req.query))),
    void: async (req) => ok(await useCases.voidInvoice.execute(req.principal, parseWith(invoiceIdParamsSchema, req.params).id)),
  };
}
