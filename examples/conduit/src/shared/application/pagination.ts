import { ValidationError } from '../domain/domain-error.js';

/** The spec's offset/limit paging, or keyset paging from an opaque cursor (stable under inserts). */
export type PageRequest =
  | { kind: 'offset'; limit: number; offset: number }
  | { kind: 'keyset'; limit: number; after: KeysetPosition | undefined };

/** Lists are ordered newest first by (createdAt, id); the pair is unique, so the order is total. */
export interface KeysetPosition {
  createdAt: Date;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.createdAt.toISOString()}|${position.id}`, 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Exactly what encodeCursor writes: a four-digit year keeps the date inside PostgreSQL's timestamptz range.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A cursor comes back from the client, so it is input like any other: its parts are checked to be
 * exactly what encodeCursor produces (a real instant, a uuid) before they reach a query, where a
 * forged one would otherwise fail the statement instead of the request.
 */
export function decodeCursor(cursor: string): KeysetPosition {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [iso, id] = parts;
  if (parts.length !== 2 || !iso || !id || !ISO_INSTANT.test(iso) || !UUID.test(id)) throw new ValidationError('cursor is invalid');
  const createdAt = new Date(iso);
  // Rejects impossible dates (2026-02-30) that the pattern lets through.
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) throw new ValidationError('cursor is invalid');
  return { createdAt, id };
}
