import { z } from 'zod';

export const issueInvoiceSchema = z.object({
  customerName: z.string().min(1).max(200),
  currency: z.string().length(3),
  lines: z
    .array(
      z.object({
        description: z.string().min(1).max(200),
        quantity: z.number().int().positive(),
        unitPriceCents: z.number().int().nonnegative(),
      }),
    )
    .min(1)
    .max(50),
});

export const invoiceIdParamsSchema = z.object({ id: z.uuid() });

export const listInvoicesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
  ownerId: z.uuid().optional(),
});
