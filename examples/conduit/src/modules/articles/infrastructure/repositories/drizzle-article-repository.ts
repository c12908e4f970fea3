import { eq } from 'drizzle-orm';
import { ConflictError } from '../../../../shared/domain/domain-error.js';
import type { DrizzleUnitOfWork } from '../../../../shared/infrastructure/db/database.js';
import { uniqueViolation } from '../../../../shared/infrastructure/db/pg-errors.js';
import { Article } from '../../domain/entities/article.js';
import type { ArticleRepository } from '../../application/ports/article-repository.js';
import { articles } from '../db/schema.js';

export class DrizzleArticleRepository implements ArticleRepository {
  constructor(private readonly database: DrizzleUnitOfWork) {}

  async findBySlug(slug: string): Promise<Article | undefined> {
    const [row] = await this.database.current().select().from(articles).where(eq(articles.slug, slug)).limit(1);
    return row ? Article.restore(row) : undefined;
  }

  async add(article: Article): Promise<void> {
    await this.translateConflicts(() => this.database.current().insert(articles).values(article.snapshot()));
  }

  async save(article: Article): Promise<void> {
    const { id, ...fields } = article.snapshot();
    await this.translateConflicts(() => this.database.current().update(articles).set(fields).where(eq(articles.id, id)));
  }

  async remove(article: Article): Promise<void> {
    await this.database.current().delete(articles).where(eq(articles.id, article.id));
  }

  private async translateConflicts(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (uniqueViolation(error)) throw new ConflictError('an article with this title already exists; change the title');
      throw error;
    }
  }
}
