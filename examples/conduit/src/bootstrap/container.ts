import type { Config } from '../config/env.js';
import { ArticleCache } from '../modules/articles/application/article-cache.js';
import { ArticleViews } from '../modules/articles/application/article-views.js';
import { invalidateArticleCache } from '../modules/articles/application/event-handlers/invalidate-article-cache.js';
import { projectArticleViews } from '../modules/articles/application/event-handlers/project-article-views.js';
import { AddComment } from '../modules/articles/application/use-cases/add-comment.js';
import { CreateArticle } from '../modules/articles/application/use-cases/create-article.js';
import { DeleteArticle } from '../modules/articles/application/use-cases/delete-article.js';
import { DeleteComment } from '../modules/articles/application/use-cases/delete-comment.js';
import { ToggleFavorite } from '../modules/articles/application/use-cases/favorite-article.js';
import { GetArticle } from '../modules/articles/application/use-cases/get-article.js';
import { GetFeed, ListArticles } from '../modules/articles/application/use-cases/list-articles.js';
import { ListComments } from '../modules/articles/application/use-cases/list-comments.js';
import { ListTags } from '../modules/articles/application/use-cases/list-tags.js';
import { UpdateArticle } from '../modules/articles/application/use-cases/update-article.js';
import { DrizzleArticleProjection } from '../modules/articles/infrastructure/read-model/drizzle-article-projection.js';
import { DrizzleArticleReadModel } from '../modules/articles/infrastructure/read-model/drizzle-article-read-model.js';
import { DrizzleArticleRepository } from '../modules/articles/infrastructure/repositories/drizzle-article-repository.js';
import { DrizzleCommentRepository } from '../modules/articles/infrastructure/repositories/drizzle-comment-repository.js';
import { DrizzleFavoriteRepository } from '../modules/articles/infrastructure/repositories/drizzle-favorite-repository.js';
import { ArticleController } from '../modules/articles/interfaces/http/article-controller.js';
import { CommentController } from '../modules/articles/interfaces/http/comment-controller.js';
import { FollowUser } from '../modules/profiles/application/use-cases/follow-user.js';
import { GetProfile } from '../modules/profiles/application/use-cases/get-profile.js';
import { UnfollowUser } from '../modules/profiles/application/use-cases/unfollow-user.js';
import { DrizzleFollowRepository } from '../modules/profiles/infrastructure/repositories/drizzle-follow-repository.js';
import { DrizzleProfileReader } from '../modules/profiles/infrastructure/repositories/drizzle-profile-reader.js';
import { ProfileController } from '../modules/profiles/interfaces/http/controller.js';
import { SessionIssuer } from '../modules/users/application/session-issuer.js';
import { Authenticate } from '../modules/users/application/use-cases/authenticate.js';
import { GetCurrentUser } from '../modules/users/application/use-cases/get-current-user.js';
import { LogIn } from '../modules/users/application/use-cases/log-in.js';
import { LogOut } from '../modules/users/application/use-cases/log-out.js';
import { RefreshSession } from '../modules/users/application/use-cases/refresh-session.js';
import { RegisterUser } from '../modules/users/application/use-cases/register-user.js';
import { UpdateUser } from '../modules/users/application/use-cases/update-user.js';
import { DrizzleRefreshTokenRepository } from '../modules/users/infrastructure/repositories/drizzle-refresh-token-repository.js';
import { DrizzleUserRepository } from '../modules/users/infrastructure/repositories/drizzle-user-repository.js';
import { JoseAccessTokens } from '../modules/users/infrastructure/security/jose-access-tokens.js';
import { RandomOpaqueTokens } from '../modules/users/infrastructure/security/random-opaque-tokens.js';
import { ScryptPasswordHasher } from '../modules/users/infrastructure/security/scrypt-password-hasher.js';
import { UserController } from '../modules/users/interfaces/http/controller.js';
import { DomainEventBus } from '../shared/application/events/domain-events.js';
import type { Cache } from '../shared/application/ports/cache.js';
import type { Clock } from '../shared/application/ports/clock.js';
import type { IdGenerator } from '../shared/application/ports/id-generator.js';
import type { Logger } from '../shared/application/ports/logger.js';
import { DrizzleUnitOfWork, type Database } from '../shared/infrastructure/db/database.js';
import { OpenFeatureFlags } from '../shared/infrastructure/flags/openfeature-flags.js';
import type { TokenAuthenticator } from '../shared/interfaces/http/http-types.js';

export interface ContainerDependencies {
  config: Readonly<Config>;
  db: Database;
  cache: Cache;
  logger: Logger;
  clock: Clock;
  ids: IdGenerator;
}

export interface Container {
  controllers: { users: UserController; profiles: ProfileController; articles: ArticleController; comments: CommentController };
  authenticate: TokenAuthenticator;
  projection: DrizzleArticleProjection;
  unitOfWork: DrizzleUnitOfWork;
}

/** The composition root: the only place where concrete adapters are chosen and wired to use cases. */
export async function createContainer({ config, db, cache, logger, clock, ids }: ContainerDependencies): Promise<Container> {
  const unitOfWork = new DrizzleUnitOfWork(db);
  const bus = new DomainEventBus(unitOfWork, logger);

  const users = new DrizzleUserRepository(unitOfWork);
  const hasher = new ScryptPasswordHasher();
  const accessTokens = new JoseAccessTokens(config.jwtSecret, config.ACCESS_TOKEN_TTL_SECONDS, clock);
  const opaqueTokens = new RandomOpaqueTokens();
  const refreshTokens = new DrizzleRefreshTokenRepository(unitOfWork);
  const sessions = new SessionIssuer(accessTokens, opaqueTokens, refreshTokens, ids, clock, config.REFRESH_TOKEN_TTL_DAYS);
  const decoyHash = await hasher.hash(opaqueTokens.generate());
  const authenticate = new Authenticate(accessTokens);

  const profiles = new DrizzleProfileReader(unitOfWork);
  const follows = new DrizzleFollowRepository(unitOfWork);

  const articles = new DrizzleArticleRepository(unitOfWork);
  const comments = new DrizzleCommentRepository(unitOfWork);
  const favorites = new DrizzleFavoriteRepository(unitOfWork);
  const readModel = new DrizzleArticleReadModel(unitOfWork);
  const projection = new DrizzleArticleProjection(unitOfWork);
  const articleCache = new ArticleCache(cache, new OpenFeatureFlags(config.featureFlags), {
    articleTtlSeconds: config.ARTICLE_CACHE_TTL_SECONDS,
    tagsTtlSeconds: config.TAGS_CACHE_TTL_SECONDS,
  });
  const views = new ArticleViews(readModel, articleCache);
  // Order matters: handlers of a phase run in registration order, and the cached tag list must be
  // dropped only after tag counts moved, or a reader could refill it with the old ranking.
  projectArticleViews(bus, projection);
  invalidateArticleCache(bus, articleCache, readModel);

  return {
    unitOfWork,
    projection,
    authenticate: (token) => authenticate.execute(token),
    controllers: {
      users: new UserController({
        registerUser: new RegisterUser(users, hasher, sessions, bus, ids, clock),
        logIn: new LogIn(users, hasher, sessions, unitOfWork, decoyHash),
        getCurrentUser: new GetCurrentUser(users),
        updateUser: new UpdateUser(users, hasher, bus, clock),
        refreshSession: new RefreshSession(refreshTokens, users, opaqueTokens, sessions, unitOfWork, clock),
        logOut: new LogOut(refreshTokens, opaqueTokens, unitOfWork, clock),
      }),
      profiles: new ProfileController({
        getProfile: new GetProfile(profiles),
        followUser: new FollowUser(profiles, follows, clock),
        unfollowUser: new UnfollowUser(profiles, follows),
      }),
      articles: new ArticleController({
        createArticle: new CreateArticle(articles, views, bus, ids, clock),
        updateArticle: new UpdateArticle(articles, views, bus, clock),
        deleteArticle: new DeleteArticle(articles, bus, clock),
        toggleFavorite: new ToggleFavorite(articles, favorites, views, bus, clock),
        getArticle: new GetArticle(views),
        listArticles: new ListArticles(readModel),
        getFeed: new GetFeed(readModel),
        listTags: new ListTags(readModel, articleCache),
      }),
      comments: new CommentController({
        addComment: new AddComment(articles, comments, readModel, bus, clock),
        deleteComment: new DeleteComment(articles, comments, bus, clock),
        listComments: new ListComments(readModel, articleCache),
      }),
    },
  };
}
