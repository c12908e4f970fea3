import { ValidationError } from '../domain/errors.js';

/**
 * Keyset pagination: the cursor is the (createdAt, id) of the last row seen. Ordering on both
 * columns keeps pages stable when rows share a timestamp, and the query stays an index range scan
 * however deep the client pages, unlike OFFSET.
 */
export interface Cursor {
  readonly createdAt: Date;
  readonly id: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export const MAX_PAGE_SIZE = 100;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');
}

/** Exactly what encodeCursor writes: anything else was forged or corrupted. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A cursor is client input: its contents are checked here, so a forged one (a non-uuid id, a date
 * PostgreSQL cannot hold) is a 400, not a database error.
 */
export function decodeCursor(raw: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      const createdAt = new Date(parsed[0]);
      if (ISO_INSTANT.test(parsed[0]) && !Number.isNaN(createdAt.getTime()) && UUID.test(parsed[1])) return { createdAt, id: parsed[1] };
    }
  } catch {
    // fall through: any decoding failure is the client's malformed cursor
  }
  throw new ValidationError('INVALID_CURSOR', 'The pagination cursor is malformed');
}
