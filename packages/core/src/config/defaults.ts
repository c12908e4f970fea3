import type { StrataConfig } from './schema.js';

/** The configuration when there is none: equal to the schema's defaults, which a test checks. */
export const DEFAULT_CONFIG: StrataConfig = Object.freeze({
  profile: 'recommended',
  failOn: 'error',
  ignore: [],
  rules: {},
  ruleOptions: {},
  layers: {},
  scope: {},
});
