import type { PersonalisedArticle } from '../../application/article-views.js';
import type { ArticleSummaryDto } from '../../application/dtos/article.dto.js';
import type { PersonalisedPage, SharedPage } from '../../application/use-cases/list-articles.js';
import type { Overlay } from '../../application/viewer-overlay.js';

/**
 * Response bodies for the cached reads, rendered from shared pages without serialising them again:
 * each shared article becomes three JSON fragments around its two per-viewer booleans, computed
 * once per cached object and remembered beside it (WeakMaps: they go when the cache drops the page).
 * A request then costs a string concatenation, or nothing at all for anonymous readers.
 */
type Fragments = readonly [beforeFavorited: string, beforeFollowing: string, end: string];

const fragmentsByArticle = new WeakMap<ArticleSummaryDto, Fragments>();
const anonymousBodies = new WeakMap<object, string>();

function fragments(article: ArticleSummaryDto): Fragments {
  let cached = fragmentsByArticle.get(article);
  if (!cached) {
    // Same keys and order as the DTO; `favorited` and `following` are cut out and put back per viewer.
    const { favorited: _favorited, favoritesCount, author, ...head } = article;
    const { following: _following, ...profile } = author;
    cached = [
      `${JSON.stringify(head).slice(0, -1)},"favorited":`,
      `,"favoritesCount":${JSON.stringify(favoritesCount)},"author":${JSON.stringify(profile).slice(0, -1)},"following":`,
      '}}',
    ];
    fragmentsByArticle.set(article, cached);
  }
  return cached;
}

function articleJson(article: ArticleSummaryDto, favorited: boolean, following: boolean): string {
  const [beforeFavorited, beforeFollowing, end] = fragments(article);
  return `${beforeFavorited}${favorited}${beforeFollowing}${following}${end}`;
}

function pageJson(page: SharedPage, overlay: Overlay | undefined): string {
  let rows = '';
  for (let index = 0; index < page.articles.length; index++) {
    const article = page.articles[index] as ArticleSummaryDto;
    rows += `${index === 0 ? '' : ','}${articleJson(article, overlay?.favorited[index] ?? false, overlay?.following[index] ?? false)}`;
  }
  return `{"articles":[${rows}],"articlesCount":${JSON.stringify(page.articlesCount)},"nextCursor":${JSON.stringify(page.nextCursor)}}`;
}

function remembered(key: object, render: () => string): string {
  let body = anonymousBodies.get(key);
  if (body === undefined) {
    body = render();
    anonymousBodies.set(key, body);
  }
  return body;
}

/** `{"articles":[…],"articlesCount":n,"nextCursor":…}` for this viewer. */
export function renderPage({ page, overlay }: PersonalisedPage): string {
  return overlay ? pageJson(page, overlay) : remembered(page, () => pageJson(page, undefined));
}

/** `{"article":{…}}` for this viewer. */
export function renderArticle({ view, overlay }: PersonalisedArticle): string {
  const body = (favorited: boolean, following: boolean) => `{"article":${articleJson(view.article, favorited, following)}}`;
  return overlay ? body(overlay.favorited[0] ?? false, overlay.following[0] ?? false) : remembered(view, () => body(false, false));
}
