import type { Article } from '../../src/modules/articles/domain/entities/article.js';
import { Article as ArticleEntity } from '../../src/modules/articles/domain/entities/article.js';
import type { Comment } from '../../src/modules/articles/domain/entities/comment.js';
import type { ArticleRepository } from '../../src/modules/articles/application/ports/article-repository.js';
import type { CommentRepository } from '../../src/modules/articles/application/ports/comment-repository.js';
import type { FavoriteRepository } from '../../src/modules/articles/application/ports/favorite-repository.js';
import type { Follow } from '../../src/modules/profiles/domain/entities/follow.js';
import type { FollowRepository } from '../../src/modules/profiles/application/ports/follow-repository.js';
import type { ProfileReader } from '../../src/modules/profiles/application/ports/profile-reader.js';

/** In-memory write side for the articles and profiles use cases. */
export class InMemoryArticles implements ArticleRepository {
  readonly rows = new Map<string, ReturnType<Article['snapshot']>>();
  async findBySlug(slug: string) {
    const row = [...this.rows.values()].find((candidate) => candidate.slug === slug);
    return row && ArticleEntity.restore(row);
  }
  async add(article: Article) {
    this.rows.set(article.id, article.snapshot());
  }
  async save(article: Article) {
    this.rows.set(article.id, article.snapshot());
  }
  async remove(article: Article) {
    this.rows.delete(article.id);
  }
}

export class InMemoryFavorites implements FavoriteRepository {
  readonly pairs = new Set<string>();
  async add(userId: string, articleId: string) {
    const key = `${userId}/${articleId}`;
    if (this.pairs.has(key)) return false;
    this.pairs.add(key);
    return true;
  }
  async remove(userId: string, articleId: string) {
    return this.pairs.delete(`${userId}/${articleId}`);
  }
}

export class InMemoryComments implements CommentRepository {
  readonly rows = new Map<number, Comment>();
  private sequence = 0;
  async nextId() {
    this.sequence += 1;
    return this.sequence;
  }
  async add(comment: Comment) {
    this.rows.set(comment.id, comment);
  }
  async findById(id: number) {
    return this.rows.get(id);
  }
  async remove(comment: Comment) {
    this.rows.delete(comment.id);
  }
}

export class InMemoryProfiles implements ProfileReader, FollowRepository {
  readonly follows = new Set<string>();
  constructor(private readonly users: Record<string, string>) {}
  async findByUsername(username: string, viewerId: string | undefined) {
    const userId = this.users[username];
    if (!userId) return undefined;
    const following = viewerId !== undefined && this.follows.has(`${viewerId}/${userId}`);
    return { userId, profile: { username, bio: null, image: null, following } };
  }
  async add(follow: Follow) {
    this.follows.add(`${follow.followerId}/${follow.followeeId}`);
  }
  async remove(followerId: string, followeeId: string) {
    this.follows.delete(`${followerId}/${followeeId}`);
  }
}
