import { z } from 'zod';
import type { Baseline } from './baseline.js';

export const baselineSchema: z.ZodType<Baseline> = z.object({
  version: z.literal(1),
  findings: z.array(z.object({ fingerprint: z.string(), ruleId: z.string(), file: z.string(), message: z.string() })),
});
