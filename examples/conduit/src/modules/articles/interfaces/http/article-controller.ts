import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticated } from '../../../../shared/interfaces/http/authentication.js';
import { parseWith } from '../../../../shared/interfaces/http/validation.js';
import type { CreateArticle } from '../../application/use-cases/create-article.js';
import type { DeleteArticle } from '../../application/use-cases/delete-article.js';
import type { ToggleFavorite } from '../../application/use-cases/favorite-article.js';
import type { GetArticle } from '../../application/use-cases/get-article.js';
import type { GetFeed, ListArticles } from '../../application/use-cases/list-articles.js';
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
  constructor(private readonly useCases: ArticleUseCases) {}

  list = async (request: FastifyRequest, reply: FastifyReply) => {
    const { tag, author, favorited, ...paging } = parseWith(listQuery, request.query);
    const page = await this.useCases.listArticles.execute({ tag, author, favorited }, toPageRequest(paging), request.viewer);
    return sendJson(reply, renderPage(page));
  };

  feed = async (request: FastifyRequest, reply: FastifyReply) => {
    const { viewer } = authenticated(request);
    const page = await this.useCases.getFeed.execute(viewer, toPageRequest(parseWith(feedQuery, request.query)));
    return sendJson(reply, renderPage(page));
  };

  get = async (request: FastifyRequest, reply: FastifyReply) => {
    const { slug } = parseWith(slugParams, request.params);
    return sendJson(reply, renderArticle(await this.useCases.getArticle.execute(slug, request.viewer)));
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
