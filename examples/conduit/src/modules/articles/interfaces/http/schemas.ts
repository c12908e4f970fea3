import { z } from 'zod';
import { decodeCursor, type PageRequest } from '../../../../shared/application/pagination.js';
import { ValidationError } from '../../../../shared/domain/domain-error.js';

const text = (max: number) => z.string().max(max);

export const createArticleBody = z.object({
  article: z.object({
    title: text(200),
    description: text(500),
    body: text(100_000),
    tagList: z.array(text(64)).max(20).optional(),
  }),
});

export const updateArticleBody = z.object({
  article: z.object({ title: text(200).optional(), description: text(500).optional(), body: text(100_000).optional() }),
});

export const commentBody = z.object({ comment: z.object({ body: text(10_000) }) });

export const slugParams = z.object({ slug: z.string().min(1).max(200) });
export const commentParams = slugParams.extend({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const paging = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).optional(),
  /** Beyond the spec: keyset paging; an empty cursor starts from the newest article. */
  cursor: z.string().max(200).optional(),
};

export const listQuery = z.object({ tag: text(64).optional(), author: text(64).optional(), favorited: text(64).optional(), ...paging });
export const feedQuery = z.object(paging);

export function toPageRequest(query: { limit: number; offset?: number | undefined; cursor?: string | undefined }): PageRequest {
  if (query.cursor === undefined) return { kind: 'offset', limit: query.limit, offset: query.offset ?? 0 };
  if (query.offset !== undefined) throw new ValidationError('use either offset or cursor, not both');
  return { kind: 'keyset', limit: query.limit, after: query.cursor === '' ? undefined : decodeCursor(query.cursor) };
}
