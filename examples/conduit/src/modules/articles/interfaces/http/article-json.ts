import type { PersonalisedArticle } from '../../application/article-views.js';
import type { ArticleSummaryDto } from '../../application/dtos/article.dto.js';
import type { PersonalisedPage, SharedPage } from '../../application/use-cases/list-articles.js';
import type { Overlay } from '../../application/viewer-overlay.js';

/**
 * Response bodies for the cached reads, rendered from shared pages without serialising them again:
 * each shared article becomes three UTF-8 fragments around its two per-viewer booleans, encoded
 * once per cached object and remembered beside it (WeakMaps: they go when the cache drops the page).
 * A signed-in page then costs one Buffer.concat (a copy of ~8 KB); an anonymous page nothing, its
 * whole body being encoded once per cached page; a single article nothing either, as its body is
 * remembered for each of the four combinations of its two flags the first time one is asked for.
 */
type Fragments = readonly [beforeFavorited: Buffer, beforeFollowing: Buffer, end: Buffer];

const fragmentsByArticle = new WeakMap<ArticleSummaryDto, Fragments>();
const anonymousBodies = new WeakMap<object, Buffer>();
/** Per cached article view: its body for [favorited][following], each rendered when first asked for. */
const articleBodies = new WeakMap<object, (Buffer | undefined)[]>();
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const COMMA = Buffer.from(',');
const PAGE_START = Buffer.from('{"articles":[');
const ARTICLE_START = Buffer.from('{"article":');
const ARTICLE_END = Buffer.from('}');

function fragments(article: ArticleSummaryDto): Fragments {
  let cached = fragmentsByArticle.get(article);
  if (!cached) {
    // Same keys and order as the DTO; `favorited` and `following` are cut out and put back per viewer.
    const { favorited: _favorited, favoritesCount, author, ...head } = article;
    const { following: _following, ...profile } = author;
    cached = [
      Buffer.from(`${JSON.stringify(head).slice(0, -1)},"favorited":`),
      Buffer.from(`,"favoritesCount":${JSON.stringify(favoritesCount)},"author":${JSON.stringify(profile).slice(0, -1)},"following":`),
      Buffer.from('}}'),
    ];
    fragmentsByArticle.set(article, cached);
  }
  return cached;
}

function pushArticle(parts: Buffer[], article: ArticleSummaryDto, favorited: boolean, following: boolean): void {
  const [beforeFavorited, beforeFollowing, end] = fragments(article);
  parts.push(beforeFavorited, favorited ? TRUE : FALSE, beforeFollowing, following ? TRUE : FALSE, end);
}

function pageJson(page: SharedPage, overlay: Overlay | undefined): Buffer {
  const parts: Buffer[] = [PAGE_START];
  for (let index = 0; index < page.articles.length; index++) {
    if (index > 0) parts.push(COMMA);
    pushArticle(parts, page.articles[index] as ArticleSummaryDto, overlay?.favorited[index] ?? false, overlay?.following[index] ?? false);
  }
  parts.push(Buffer.from(`],"articlesCount":${JSON.stringify(page.articlesCount)},"nextCursor":${JSON.stringify(page.nextCursor)}}`));
  return Buffer.concat(parts);
}

function articleJson(article: ArticleSummaryDto, favorited: boolean, following: boolean): Buffer {
  const parts: Buffer[] = [ARTICLE_START];
  pushArticle(parts, article, favorited, following);
  parts.push(ARTICLE_END);
  return Buffer.concat(parts);
}

function remembered(key: object, render: () => Buffer): Buffer {
  let body = anonymousBodies.get(key);
  if (body === undefined) {
    body = render();
    anonymousBodies.set(key, body);
  }
  return body;
}

/** `{"articles":[…],"articlesCount":n,"nextCursor":…}` for this viewer, as UTF-8. */
export function renderPage({ page, overlay }: PersonalisedPage): Buffer {
  return overlay ? pageJson(page, overlay) : remembered(page, () => pageJson(page, undefined));
}

/** `{"article":{…}}` for this viewer, as UTF-8. */
export function renderArticle({ view, overlay }: PersonalisedArticle): Buffer {
  const favorited = overlay?.favorited[0] ?? false;
  const following = overlay?.following[0] ?? false;
  let bodies = articleBodies.get(view);
  if (bodies === undefined) {
    bodies = [undefined, undefined, undefined, undefined];
    articleBodies.set(view, bodies);
  }
  const variant = (favorited ? 2 : 0) + (following ? 1 : 0);
  let body = bodies[variant];
  if (body === undefined) {
    body = articleJson(view.article, favorited, following);
    bodies[variant] = body;
  }
  return body;
}
