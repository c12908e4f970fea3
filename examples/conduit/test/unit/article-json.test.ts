import { describe, expect, it } from 'vitest';
import type { ArticleView } from '../../src/modules/articles/application/ports/article-read-model.js';
import { renderArticle } from '../../src/modules/articles/interfaces/http/article-json.js';

function view(slug: string): ArticleView {
  return {
    articleId: `id-${slug}`,
    authorId: 'author-1',
    article: {
      slug,
      title: 'Quotes " and \\ backslashes \u2603',
      description: 'line\nbreak',
      body: 'A body',
      tagList: ['a', 'b'],
      createdAt: '2026-11-30T10:00:00.000Z',
      updatedAt: '2026-11-30T10:00:00.000Z',
      favorited: false,
      favoritesCount: 3,
      author: { username: 'writer', bio: null, image: null, following: false },
    },
  };
}

describe('single article bodies, remembered per combination of the viewer flags', () => {
  it('answers each viewer with its own flags, in any order and again, as a serialiser would', () => {
    const shared = view('one');
    const expected = (favorited: boolean, following: boolean) => ({
      article: { ...shared.article, favorited, author: { ...shared.article.author, following } },
    });
    // Anonymous first, then every combination, then all of them again in another order.
    const asked: [boolean, boolean, boolean][] = [
      [false, false, false],
      [true, true, false],
      [true, false, true],
      [true, true, true],
      [true, false, false],
      [true, true, false],
      [false, false, false],
      [true, false, true],
    ];
    for (const [signedIn, favorited, following] of asked) {
      const overlay = signedIn ? { favorited: [favorited], following: [following] } : undefined;
      expect(JSON.parse(renderArticle({ view: shared, overlay }).toString('utf8')), `${signedIn} ${favorited} ${following}`).toEqual(expected(favorited, following));
    }
  });

  it('keeps the bodies of different cached views apart', () => {
    const first = view('first');
    const second = view('second');
    const overlay = { favorited: [true], following: [false] };
    expect(JSON.parse(renderArticle({ view: first, overlay }).toString('utf8')).article.slug).toBe('first');
    expect(JSON.parse(renderArticle({ view: second, overlay }).toString('utf8')).article.slug).toBe('second');
  });
});
