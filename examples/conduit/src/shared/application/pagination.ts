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

export function decodeCursor(cursor: string): KeysetPosition {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) throw new ValidationError('cursor is invalid');
  return { createdAt, id };
}
