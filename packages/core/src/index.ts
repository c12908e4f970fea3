// The public API of @strata/core: analysis returns data, never prints.
export * from './api.js';
export { RULES } from './rules/index.js';
export { sarifReporter } from './reporters/sarif.js';
