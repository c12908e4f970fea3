/** One place for the cache key, so the reader and the invalidating writers cannot drift apart. */
export const invoiceCacheKey = (invoiceId: string): string => `invoices:${invoiceId}`;
