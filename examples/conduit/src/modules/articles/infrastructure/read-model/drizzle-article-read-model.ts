import { sql, type SQL } from 'drizzle-orm';
import type { KeysetPosition, PageRequest } from '../../../../shared/application/pagination.js';
import { rowsOf, type DrizzleUnitOfWork } from '../../../../shared/infrastructure/db/database.js';
import type { CommentDto } from '../../application/dtos/article.dto.js';
import type { ArticleFilter, ArticlePage, ArticleReadModel, ArticleView, ViewerSetsRows } from '../../application/ports/article-read-model.js';
import { toArticle, toComment, toSummary, type ArticleRow, type CommentRow, type SummaryRow } from './article-rows.js';

// favorited/following are false here: pages are shared by every viewer, who overlays their own flags.
const SUMMARY_COLUMNS = sql.raw(
  'v.article_id, v.author_id, v.slug, v.title, v.description, v.tag_list, v.created_at, v.updated_at, v.favorites_count, v.author_username, v.author_bio, v.author_image, false AS favorited, false AS following',
);

function filterConditions(filter: ArticleFilter): SQL[] {
  const conditions: SQL[] = [];
  // `@>` rather than `= ANY` so the GIN index on tag_list is used.
  if (filter.tag !== undefined) conditions.push(sql`v.tag_list @> ARRAY[${filter.tag}]::text[]`);
  if (filter.author !== undefined) conditions.push(sql`v.author_id = (SELECT id FROM users WHERE username = ${filter.author})`);
  if (filter.favorited !== undefined) {
    conditions.push(
      sql`v.article_id IN (SELECT fa.article_id FROM favorites fa JOIN users fu ON fu.id = fa.user_id WHERE fu.username = ${filter.favorited})`,
    );
  }
  return conditions;
}

function keysetCondition(after: KeysetPosition): SQL {
  return sql`(v.created_at, v.article_id) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`;
}

function where(conditions: SQL[]): SQL {
  return conditions.length === 0 ? sql`` : sql`WHERE ${sql.join(conditions, sql` AND `)}`;
}

/** Stable order on (created_at, id): offsets never skip or repeat rows with equal timestamps. */
function pageClause(page: PageRequest): SQL {
  const order = sql`ORDER BY v.created_at DESC, v.article_id DESC LIMIT ${page.limit}`;
  return page.kind === 'offset' ? sql`${order} OFFSET ${page.offset}` : order;
}

export class DrizzleArticleReadModel implements ArticleReadModel {
  constructor(private readonly database: DrizzleUnitOfWork) {}

  async list(filter: ArticleFilter, page: PageRequest): Promise<ArticlePage> {
    const conditions = filterConditions(filter);
    const pageConditions = page.kind === 'keyset' && page.after ? [...conditions, keysetCondition(page.after)] : conditions;
    const count = sql`SELECT count(*)::int FROM article_views v ${where(conditions)}`;
    return this.page(
      page,
      sql`SELECT ${SUMMARY_COLUMNS}, (${count}) AS total
          FROM article_views v ${where(pageConditions)} ${pageClause(page)}`,
      count,
    );
  }

  async feed(viewerId: string, page: PageRequest): Promise<ArticlePage> {
    const followed = sql`JOIN follows fo ON fo.followee_id = v.author_id AND fo.follower_id = ${viewerId}`;
    const conditions = page.kind === 'keyset' && page.after ? [keysetCondition(page.after)] : [];
    const count = sql`SELECT count(*)::int FROM article_views v ${followed}`;
    return this.page(
      page,
      sql`SELECT ${SUMMARY_COLUMNS}, (${count}) AS total
          FROM article_views v ${followed} ${where(conditions)} ${pageClause(page)}`,
      count,
    );
  }

  async findBySlug(slug: string): Promise<ArticleView | undefined> {
    const [row] = await this.rows<ArticleRow>(
      sql`SELECT ${SUMMARY_COLUMNS}, a.body
          FROM article_views v JOIN articles a ON a.id = v.article_id WHERE v.slug = ${slug} LIMIT 1`,
    );
    return row ? { articleId: row.article_id, authorId: row.author_id, article: toArticle(row) } : undefined;
  }

  async viewerFlags(viewerId: string, articleId: string, authorId: string): Promise<{ favorited: boolean; following: boolean }> {
    const [row] = await this.rows<{ favorited: boolean; following: boolean }>(
      sql`SELECT EXISTS (SELECT 1 FROM favorites WHERE user_id = ${viewerId} AND article_id = ${articleId}) AS favorited,
                 EXISTS (SELECT 1 FROM follows WHERE follower_id = ${viewerId} AND followee_id = ${authorId}) AS following`,
    );
    return { favorited: row?.favorited ?? false, following: row?.following ?? false };
  }

  async viewerSets(viewerId: string): Promise<ViewerSetsRows> {
    // One round trip, both on primary-key prefixes.
    const rows = await this.rows<{ kind: 'favorite' | 'follow'; id: string }>(
      sql`SELECT 'favorite' AS kind, article_id AS id FROM favorites WHERE user_id = ${viewerId}
          UNION ALL SELECT 'follow', followee_id FROM follows WHERE follower_id = ${viewerId}`,
    );
    const sets: ViewerSetsRows = { favoriteArticleIds: [], followedUserIds: [] };
    for (const row of rows) (row.kind === 'favorite' ? sets.favoriteArticleIds : sets.followedUserIds).push(row.id);
    return sets;
  }

  async popularTags(limit: number): Promise<string[]> {
    const rows = await this.rows<{ tag: string }>(
      sql`SELECT tag FROM tag_counts WHERE articles_count > 0 ORDER BY articles_count DESC, tag LIMIT ${limit}`,
    );
    return rows.map((row) => row.tag);
  }

  async comments(articleId: string, viewerId: string | undefined, limit: number): Promise<CommentDto[]> {
    const rows = await this.rows<CommentRow>(
      sql`${this.commentSelect(viewerId)} WHERE c.article_id = ${articleId} ORDER BY c.id DESC LIMIT ${limit}`,
    );
    return rows.map(toComment);
  }

  async comment(commentId: number, viewerId: string | undefined): Promise<CommentDto | undefined> {
    const [row] = await this.rows<CommentRow>(sql`${this.commentSelect(viewerId)} WHERE c.id = ${commentId}`);
    return row && toComment(row);
  }

  private commentSelect(viewerId: string | undefined): SQL {
    const following = viewerId
      ? sql`EXISTS (SELECT 1 FROM follows fo WHERE fo.follower_id = ${viewerId} AND fo.followee_id = c.author_id)`
      : sql`false`;
    return sql`SELECT c.id, c.body, c.created_at, c.updated_at, u.username, u.bio, u.image, ${following} AS following
               FROM comments c JOIN users u ON u.id = c.author_id`;
  }

  /**
   * The spec's articlesCount rides along the page as an uncorrelated sub-select (computed once per
   * query, not per row): one round trip instead of two. Only an empty page needs a second query.
   */
  private async page(page: PageRequest, rowsQuery: SQL, countQuery: SQL): Promise<ArticlePage> {
    const rows = await this.rows<SummaryRow & { total: number }>(rowsQuery);
    const total = rows[0]?.total ?? (await this.rows<{ count: number }>(countQuery))[0]?.count ?? 0;
    const lastRow = rows.length === page.limit ? rows.at(-1) : undefined;
    return {
      articles: rows.map(toSummary),
      refs: rows.map((row) => ({ articleId: row.article_id, authorId: row.author_id })),
      articlesCount: total,
      last: lastRow ? { createdAt: new Date(lastRow.created_at), id: lastRow.article_id } : undefined,
    };
  }

  private async rows<T>(query: SQL): Promise<T[]> {
    return rowsOf<T>(await this.database.current().execute(query));
  }
}
