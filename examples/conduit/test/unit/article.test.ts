import { describe, expect, it } from 'vitest';
import { Article } from '../../src/modules/articles/domain/entities/article.js';
import { Comment } from '../../src/modules/articles/domain/entities/comment.js';
import { ForbiddenError, ValidationError } from '../../src/shared/domain/domain-error.js';

const now = new Date('2026-01-15T10:00:00.000Z');
const later = new Date('2026-01-15T11:00:00.000Z');
const id = '0a1b2c3d-0000-4000-8000-000000000001';

function draft(overrides: Partial<Parameters<typeof Article.publish>[0]> = {}) {
  return Article.publish({ id, authorId: 'author', title: 'How to Train Your Dragon!', description: 'Ever wonder how?', body: 'Carefully.', tagList: [' training', 'dragons', 'training', ''], now, ...overrides });
}

describe('Article aggregate', () => {
  it('derives a URL-safe slug from the title plus an id fragment, and sorts and de-duplicates tags', () => {
    const article = draft();
    expect(article.slug).toBe('how-to-train-your-dragon-0a1b2c3d');
    expect(article.snapshot().tagList).toEqual(['dragons', 'training']);
    expect(article.pullEvents()).toEqual([{ type: 'articles.published', occurredAt: now, articleId: id, tagList: ['dragons', 'training'] }]);
  });

  it('rejects blank required fields and too many tags', () => {
    expect(() => draft({ title: '   ' })).toThrow(new ValidationError("title can't be blank"));
    expect(() => draft({ tagList: Array.from({ length: 11 }, (_, index) => `t${index}`) })).toThrow(ValidationError);
  });

  it('lets only its author edit it, and a new title moves the slug', () => {
    const article = draft();
    article.pullEvents();
    expect(() => article.edit('someone-else', { body: 'x' }, later)).toThrow(ForbiddenError);
    article.edit('author', { title: 'Did you train your dragon?' }, later);
    expect(article.slug).toBe('did-you-train-your-dragon-0a1b2c3d');
    expect(article.snapshot().updatedAt).toEqual(later);
    expect(article.pullEvents()).toEqual([
      { type: 'articles.edited', occurredAt: later, articleId: id, previousSlug: 'how-to-train-your-dragon-0a1b2c3d', slug: 'did-you-train-your-dragon-0a1b2c3d' },
    ]);
  });

  it('lets only its author delete it', () => {
    const article = draft();
    expect(() => article.delete('someone-else', later)).toThrow(ForbiddenError);
    article.delete('author', later);
    expect(article.pullEvents().map((event) => event.type)).toEqual(['articles.published', 'articles.deleted']);
  });
});

describe('Comment', () => {
  it('needs a body and can be deleted by its author only', () => {
    expect(() => Comment.write({ id: 1, articleId: id, authorId: 'a', body: ' ', now })).toThrow(ValidationError);
    const comment = Comment.write({ id: 1, articleId: id, authorId: 'a', body: 'Nice', now });
    expect(() => comment.delete('b', later)).toThrow(ForbiddenError);
    comment.delete('a', later);
    expect(comment.pullEvents().map((event) => event.type)).toEqual(['articles.comment-added', 'articles.comment-deleted']);
  });
});
