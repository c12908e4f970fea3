import type { DetectedItem } from '../types.js';
import type { SourceText } from './source-text.js';

/** `logger: true`, `logger: { level }`, `logger: envToLogger[env]`; `logger: false` turns it off. */
const LOGGER_OPTION = /\blogger\s*:\s*([^,}\n]*)/g;
/** Fastify 5's `loggerInstance` hands Fastify a logger of the service's own choosing. */
const OWN_LOGGER = /\bloggerInstance\s*:/;

/**
 * Fastify logs through the Pino it ships with, so a Fastify service has a structured logger without
 * listing pino. The `logger` option of the files that create the instance says whether it is on;
 * a service that sets it only to `false` (or brings its own through `loggerInstance`) has none of Fastify's.
 */
export function fastifyLogger(fastifyEvidence: string, fastifySources: readonly SourceText[]): DetectedItem | null {
  let switchedOff: string | null = null;
  for (const { file, text } of fastifySources) {
    if (OWN_LOGGER.test(text)) return null;
    for (const [, value] of text.matchAll(LOGGER_OPTION)) {
      if (/^false\b/.test(value!.trim())) switchedOff = file;
      else return { name: 'Pino (Fastify built-in)', evidence: `logger option in ${file}` };
    }
  }
  return switchedOff ? null : { name: 'Pino (Fastify built-in)', evidence: `${fastifyEvidence} (Fastify logs through Pino)` };
}

/** Routes that declare a `schema` option: Fastify validates their input with Ajv against it. */
export function fastifySchemaValidation(routeSchemas: number): DetectedItem | null {
  if (routeSchemas === 0) return null;
  return { name: 'JSON Schema (Fastify route schemas)', evidence: `schema option on ${routeSchemas} route${routeSchemas === 1 ? '' : 's'}` };
}
