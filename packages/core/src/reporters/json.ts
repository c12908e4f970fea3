import type { Reporter } from './types.js';

/** The whole result, schema-versioned (`schemaVersion`); docs/json-schema.md documents every field. */
export const jsonReporter: Reporter = (result) => `${JSON.stringify(result, null, 2)}\n`;
