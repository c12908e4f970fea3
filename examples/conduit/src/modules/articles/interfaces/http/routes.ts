import type { FastifyInstance } from 'fastify';
import type { AuthenticationHooks } from '../../../../shared/interfaces/http/authentication.js';
import type { ArticleController } from './article-controller.js';
import type { CommentController } from './comment-controller.js';

export function registerArticleRoutes(
  app: FastifyInstance,
  articles: ArticleController,
  comments: CommentController,
  auth: AuthenticationHooks,
): void {
  const optional = { preHandler: auth.optionalViewer };
  const required = { preHandler: auth.requireViewer };
  app.get('/api/articles', optional, articles.list);
  app.get('/api/articles/feed', required, articles.feed);
  app.post('/api/articles', required, articles.create);
  app.get('/api/articles/:slug', optional, articles.get);
  app.put('/api/articles/:slug', required, articles.update);
  app.delete('/api/articles/:slug', required, articles.remove);
  app.post('/api/articles/:slug/favorite', required, articles.favorite);
  app.delete('/api/articles/:slug/favorite', required, articles.unfavorite);
  app.get('/api/articles/:slug/comments', optional, comments.list);
  app.post('/api/articles/:slug/comments', required, comments.add);
  app.delete('/api/articles/:slug/comments/:id', required, comments.remove);
  app.get('/api/tags', articles.tags);
}
