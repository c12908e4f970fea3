import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticated } from '../../../../shared/interfaces/http/authentication.js';
import { ParsedByUrl, parseWith } from '../../../../shared/interfaces/http/validation.js';
import type { CreateArticle } from '../../application/use-cases/create-article.js';
import type { DeleteArticle } from '../../application/use-cases/delete-article.js';
import type { ToggleFavorite } from '../../application/use-cases/favorite-article.js';
import type { GetArticle } from '../../application/use-cases/get-article.js';
import { listRequest, type GetFeed, type ListArticles, type ListRequest } from '../../application/use-cases/list-articles.js';
import type { ListTags } from '../../application/use-cases/list-tags.js';
import type { UpdateArticle } from '../../application/use-cases/update-article.js';
import { renderArticle, renderPage } from './article-json.js';
import { createArticleBody, feedQuery, listQuery, slugParams, toPageRequest, updateArticleBody } from './schemas.js';

export interface ArticleUseCases {
  createArticle: CreateArticle;
  updateArticle: UpdateArticle;
  deleteArticle: DeleteArticle;
  toggleFavorite: ToggleFavorite;
  getArticle: GetArticle;
  listArticles: ListArticles;
  getFeed: GetFeed;
  listTags: ListTags;
}

/** A body rendered already: Fastify sends a Buffer with a content type as it is, without serialising. */
function sendJson(reply: FastifyReply, body: Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body);
}

export class ArticleController {
  // The cached reads' inputs, which clients repeat verbatim, parsed once per URL (see ParsedByUrl).
  private readonly listQueries = new ParsedByUrl(listQuery);
  private readonly feedQueries = new ParsedByUrl(feedQuery);
  private readonly articleParams = new ParsedByUrl(slugParams);
  /** Per parsed query (one per URL, see ParsedByUrl), the list request with its cache key (see ListRequest). */
  private readonly listRequests = new WeakMap<object, ListRequest>();

  constructor(private readonly useCases: ArticleUseCases) {}

  // The cached reads answer synchronously when the read cache holds everything they need: no promise
  // between the request and its response (Fastify sends what a handler sent before returning undefined).
  list = (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> | undefined => {
    const query = this.listQueries.parse(request.url, request.query);
    let listed = this.listRequests.get(query);
    if (listed === undefined) {
      const { tag, author, favorited, ...paging } = query;
      listed = listRequest({ tag, author, favorited }, toPageRequest(paging));
      this.listRequests.set(query, listed);
    }
    const cached = this.useCases.listArticles.cachedNow(listed, request.viewer);
    if (cached !== undefined) {
      sendJson(reply, renderPage(cached));
      return undefined;
    }
    return this.useCases.listArticles.execute(listed, request.viewer).then((page) => sendJson(reply, renderPage(page)));
  };

  feed = async (request: FastifyRequest, reply: FastifyReply) => {
    const { viewer } = authenticated(request);
    const page = await this.useCases.getFeed.execute(viewer, toPageRequest(this.feedQueries.parse(request.url, request.query)));
    return sendJson(reply, renderPage(page));
  };

  get = (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> | undefined => {
    const { slug } = this.articleParams.parse(request.url, request.params);
    const cached = this.useCases.getArticle.cachedNow(slug, request.viewer);
    if (cached !== undefined) {
      sendJson(reply, renderArticle(cached));
      return undefined;
    }
    return this.useCases.getArticle.execute(slug, request.viewer).then((article) => sendJson(reply, renderArticle(article)));
  };

  create = async (request: FastifyRequest, reply: FastifyReply) => {
    const { viewer } = authenticated(request);
    const { article } = parseWith(createArticleBody, request.body);
    return reply.status(201).send({ article: await this.useCases.createArticle.execute(viewer, article) });
  };

  update = async (request: FastifyRequest) => {
    const { viewer } = authenticated(request);
    const { slug } = parseWith(slugParams, request.params);
    const { article } = parseWith(updateArticleBody, request.body);
    return { article: await this.useCases.updateArticle.execute(viewer, slug, article) };
  };

  remove = async (request: FastifyRequest, reply: FastifyReply) => {
    const { viewer } = authenticated(request);
    const { slug } = parseWith(slugParams, request.params);
    await this.useCases.deleteArticle.execute(viewer, slug);
    return reply.status(204).send();
  };

  favorite = async (request: FastifyRequest) => this.toggleFavorite(request, true);

  unfavorite = async (request: FastifyRequest) => this.toggleFavorite(request, false);

  tags = async () => ({ tags: await this.useCases.listTags.execute() });

  private async toggleFavorite(request: FastifyRequest, favorite: boolean) {
    const { viewer } = authenticated(request);
    const { slug } = parseWith(slugParams, request.params);
    return { article: await this.useCases.toggleFavorite.execute(viewer, slug, favorite) };
  }
}
