/** Drizzle wraps driver errors; the SQLSTATE sits on the error or on its cause, for pg and PGlite alike. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if ((current as Error & { code?: unknown }).code === '23505') return true;
  }
  return false;
}
