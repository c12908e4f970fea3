/**
 * Whether the services a suite needs are configured. `npm test` runs on the embedded defaults
 * (PGlite, in-memory cache and queue) and leaves such a suite out, saying which and why, never
 * silently; `npm run test:ci` sets DATABASE_URL and REDIS_URL, so there it runs, and fails when
 * the services do not answer.
 */
export function servicesConfigured(suite: string, needs: Record<string, string | null | undefined>): boolean {
  const missing = Object.keys(needs).filter((name) => !needs[name]);
  if (missing.length > 0) console.info(`Not run here: ${suite} (needs ${missing.join(' and ')}; \`npm run test:ci\` runs it).`);
  return missing.length === 0;
}
