import { z } from 'zod';

export const create{{Entity}}Schema = z.object({ name: z.string().min(1).max(200) });
export const {{camelEntity}}IdParamsSchema = z.object({ id: z.uuid() });
export const list{{EntityPlural}}QuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
