// `@strata/core/config`: the config schema for tools and editors. Kept out of the main entry so
// that a run without a config file never loads Zod.
export { configJsonSchema } from './json-schema.js';
export { configSchema, type StrataConfig, type StrataConfigInput } from './schema.js';
export { validateConfig } from './validate.js';
export { DEFAULT_CONFIG } from './defaults.js';
