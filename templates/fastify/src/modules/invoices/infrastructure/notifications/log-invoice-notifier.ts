import type { Logger } from '../../../../shared/application/ports/logger.js';
import type { InvoiceNotifier } from '../../application/ports/invoice-notifier.js';
import type { InvoiceEventPayload } from '../../domain/events/invoice-events.js';

/**
 * The default delivery channel writes a structured log line. Replace it with an email or webhook
 * adapter in the composition root; the job and its retries stay as they are.
 */
export class LogInvoiceNotifier implements InvoiceNotifier {
  constructor(private readonly logger: Logger) {}

  async invoiceIssued(invoiceId: string, details: InvoiceEventPayload): Promise<void> {
    this.logger.info({ invoiceId, customer: details.customerName, totalCents: details.totalCents, currency: details.currency }, 'invoice issued notification');
  }
}
