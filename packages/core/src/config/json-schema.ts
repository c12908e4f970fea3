import { z } from 'zod';
import { configSchema } from './schema.js';

/** The JSON Schema editors use to validate strata.config.json; committed as packages/core/schema.json. */
export function configJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(configSchema, { io: 'input' }), title: 'Strata configuration' };
}
