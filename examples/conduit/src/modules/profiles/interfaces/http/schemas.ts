import { z } from 'zod';

export const profileParams = z.object({ username: z.string().min(1).max(64) });
