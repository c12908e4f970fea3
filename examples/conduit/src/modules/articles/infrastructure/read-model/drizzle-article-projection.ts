import { sql } from 'drizzle-orm';
import type { DrizzleUnitOfWork } from '../../../../shared/infrastructure/db/database.js';
import type { ArticleProjection } from '../../application/ports/article-projection.js';

const VIEW_COLUMNS = sql.raw(
  'article_id, slug, title, description, tag_list, created_at, updated_at, favorites_count, author_id, author_username, author_bio, author_image',
);

/**
 * Maintains the read model with set-based SQL that copies from the write tables, so the projection
 * never trusts event payloads for data and cannot drift from what was committed.
 */
export class DrizzleArticleProjection implements ArticleProjection {
  constructor(private readonly database: DrizzleUnitOfWork) {}

  async articlePublished(articleId: string): Promise<void> {
    await this.database.current().execute(sql`INSERT INTO article_views (${VIEW_COLUMNS})
      SELECT a.id, a.slug, a.title, a.description, a.tag_list, a.created_at, a.updated_at, 0, u.id, u.username, u.bio, u.image
      FROM articles a JOIN users u ON u.id = a.author_id WHERE a.id = ${articleId}`);
  }

  async articleEdited(articleId: string): Promise<void> {
    await this.database.current().execute(sql`UPDATE article_views v
      SET slug = a.slug, title = a.title, description = a.description, updated_at = a.updated_at
      FROM articles a WHERE a.id = v.article_id AND v.article_id = ${articleId}`);
  }

  async articleDeleted(articleId: string): Promise<void> {
    await this.database.current().execute(sql`DELETE FROM article_views WHERE article_id = ${articleId}`);
  }

  async tagsCounted(tags: readonly string[], delta: 1 | -1): Promise<void> {
    if (tags.length === 0) return;
    const list = sql`ARRAY[${sql.join(tags.map((tag) => sql`${tag}`), sql`, `)}]::text[]`;
    const db = this.database.current();
    await db.execute(sql`INSERT INTO tag_counts (tag, articles_count) SELECT unnest(${list}), ${delta}
      ON CONFLICT (tag) DO UPDATE SET articles_count = tag_counts.articles_count + EXCLUDED.articles_count`);
    if (delta < 0) await db.execute(sql`DELETE FROM tag_counts WHERE tag = ANY(${list}) AND articles_count <= 0`);
  }

  async favoritesChanged(articleId: string, delta: 1 | -1): Promise<void> {
    // Relative update: concurrent favorites serialise on the row lock instead of losing increments.
    await this.database.current().execute(sql`UPDATE article_views SET favorites_count = favorites_count + ${delta} WHERE article_id = ${articleId}`);
  }

  async authorChanged(author: { userId: string; username: string; bio: string | null; image: string | null }): Promise<void> {
    await this.database.current().execute(sql`UPDATE article_views
      SET author_username = ${author.username}, author_bio = ${author.bio}, author_image = ${author.image}
      WHERE author_id = ${author.userId}`);
  }

  async rebuild(): Promise<void> {
    const db = this.database.current();
    await db.execute(sql`TRUNCATE article_views, tag_counts`);
    await db.execute(sql`INSERT INTO article_views (${VIEW_COLUMNS})
      SELECT a.id, a.slug, a.title, a.description, a.tag_list, a.created_at, a.updated_at,
             (SELECT count(*) FROM favorites f WHERE f.article_id = a.id), u.id, u.username, u.bio, u.image
      FROM articles a JOIN users u ON u.id = a.author_id`);
    await db.execute(sql`INSERT INTO tag_counts (tag, articles_count)
      SELECT t.tag, count(*) FROM articles a CROSS JOIN LATERAL unnest(a.tag_list) AS t(tag) GROUP BY t.tag`);
  }
}
