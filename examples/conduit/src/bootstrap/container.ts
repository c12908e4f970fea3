import type { Config } from '../config/env.js';
import { ArticleViews } from '../modules/articles/application/article-views.js';
import { invalidateReadCache } from '../modules/articles/application/event-handlers/invalidate-read-cache.js';
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
import { ViewerOverlays } from '../modules/articles/application/viewer-overlay.js';
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
import { PurgeSpentRefreshTokens } from '../modules/users/application/use-cases/purge-spent-refresh-tokens.js';
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
import type { Clock } from '../shared/application/ports/clock.js';
import type { IdGenerator } from '../shared/application/ports/id-generator.js';
import type { InvalidationBus } from '../shared/application/ports/invalidation-bus.js';
import type { Logger } from '../shared/application/ports/logger.js';
import { ReadCache } from '../shared/application/read-cache.js';
import { loggableFailure } from '../shared/infrastructure/db/pg-errors.js';
import { DrizzleOutbox } from '../shared/infrastructure/events/drizzle-outbox.js';
import { DrizzleUnitOfWork, type Database } from '../shared/infrastructure/db/database.js';
import { OpenFeatureFlags } from '../shared/infrastructure/flags/openfeature-flags.js';
import type { TokenAuthenticator } from '../shared/interfaces/http/http-types.js';

export interface ContainerDependencies {
  config: Readonly<Config>;
  db: Database;
  /** Tells the other replicas' read caches what a write made stale. */
  invalidations: InvalidationBus;
  logger: Logger;
  clock: Clock;
  ids: IdGenerator;
}

export interface Container {
  controllers: { users: UserController; profiles: ProfileController; articles: ArticleController; comments: CommentController };
  authenticate: TokenAuthenticator;
  projection: DrizzleArticleProjection;
  unitOfWork: DrizzleUnitOfWork;
  /** Background duties the service schedules: the outbox relay and the refresh-token purge. */
  maintenance: { relayOutbox: () => Promise<number>; purgeSpentRefreshTokens: PurgeSpentRefreshTokens };
}

/** Spent refresh tokens stay this long for reuse detection, then are purged. */
const SPENT_REFRESH_TOKEN_RETENTION_DAYS = 7;

/** The composition root: the only place where concrete adapters are chosen and wired to use cases. */
export async function createContainer({ config, db, invalidations, logger, clock, ids }: ContainerDependencies): Promise<Container> {
  const unitOfWork = new DrizzleUnitOfWork(db);
  const bus = new DomainEventBus(unitOfWork, logger, new DrizzleOutbox(unitOfWork), loggableFailure);

  const users = new DrizzleUserRepository(unitOfWork);
  const hasher = new ScryptPasswordHasher();
  const accessTokens = new JoseAccessTokens(config.jwtSecret, config.ACCESS_TOKEN_TTL_SECONDS, clock);
  const opaqueTokens = new RandomOpaqueTokens(config.jwtSecret);
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
  const readCache = new ReadCache(clock, invalidations, new OpenFeatureFlags(config.featureFlags), {
    maxAgeMs: config.READ_CACHE_MAX_AGE_MS,
    maxEntries: config.READ_CACHE_MAX_ENTRIES,
  }, logger);
  const overlays = new ViewerOverlays(readCache, readModel);
  const views = new ArticleViews(readModel, readCache, overlays);
  // Order matters: handlers of a phase run in registration order, and the cached tag list must be
  // dropped only after tag counts moved, or a reader could refill it with the old ranking.
  projectArticleViews(bus, projection);
  invalidateReadCache(bus, readCache);

  return {
    unitOfWork,
    projection,
    maintenance: {
      relayOutbox: () => bus.relayDue(),
      purgeSpentRefreshTokens: new PurgeSpentRefreshTokens(refreshTokens, clock, SPENT_REFRESH_TOKEN_RETENTION_DAYS),
    },
    authenticate: { verify: (token) => authenticate.execute(token), remembered: (token) => authenticate.remembered(token) },
    controllers: {
      users: new UserController({
        registerUser: new RegisterUser(users, hasher, sessions, bus, ids, clock),
        logIn: new LogIn(users, hasher, sessions, unitOfWork, decoyHash),
        getCurrentUser: new GetCurrentUser(users),
        updateUser: new UpdateUser(users, hasher, refreshTokens, sessions, bus, clock),
        refreshSession: new RefreshSession(refreshTokens, users, opaqueTokens, sessions, unitOfWork, clock, config.REFRESH_REUSE_GRACE_SECONDS),
        logOut: new LogOut(refreshTokens, opaqueTokens, unitOfWork, clock),
      }),
      profiles: new ProfileController({
        getProfile: new GetProfile(profiles),
        followUser: new FollowUser(profiles, follows, clock, readCache),
        unfollowUser: new UnfollowUser(profiles, follows, readCache),
      }),
      articles: new ArticleController({
        createArticle: new CreateArticle(articles, views, bus, ids, clock),
        updateArticle: new UpdateArticle(articles, views, bus, clock),
        deleteArticle: new DeleteArticle(articles, bus, clock),
        toggleFavorite: new ToggleFavorite(articles, favorites, views, bus, clock),
        getArticle: new GetArticle(views),
        listArticles: new ListArticles(readModel, readCache, overlays),
        getFeed: new GetFeed(readModel, readCache, overlays),
        listTags: new ListTags(readModel, readCache),
      }),
      comments: new CommentController({
        addComment: new AddComment(articles, comments, readModel, bus, clock),
        deleteComment: new DeleteComment(articles, comments, bus, clock),
        listComments: new ListComments(readModel, views),
      }),
    },
  };
}
