-- Write side: the aggregates' tables.
CREATE TABLE users (
  id            uuid PRIMARY KEY,
  email         text NOT NULL,
  username      text NOT NULL,
  password_hash text NOT NULL,
  bio           text,
  image         text,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  CONSTRAINT users_email_key UNIQUE (email),
  CONSTRAINT users_username_key UNIQUE (username)
);

CREATE TABLE refresh_tokens (
  id          uuid PRIMARY KEY,
  family_id   uuid NOT NULL,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash  text NOT NULL,
  expires_at  timestamptz NOT NULL,
  created_at  timestamptz NOT NULL,
  rotated_at  timestamptz,
  revoked_at  timestamptz,
  CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

CREATE TABLE follows (
  follower_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  followee_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX follows_followee_idx ON follows (followee_id);

CREATE TABLE articles (
  id          uuid PRIMARY KEY,
  slug        text NOT NULL,
  title       text NOT NULL,
  description text NOT NULL,
  body        text NOT NULL,
  tag_list    text[] NOT NULL DEFAULT '{}',
  author_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  CONSTRAINT articles_slug_key UNIQUE (slug)
);
CREATE INDEX articles_author_idx ON articles (author_id);

CREATE TABLE comments (
  id          integer PRIMARY KEY,
  article_id  uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  author_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  body        text NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
-- Ids come from this sequence before the insert (the repository's nextId), so the domain creates complete comments.
CREATE SEQUENCE comments_id_seq AS integer OWNED BY comments.id;
CREATE INDEX comments_article_idx ON comments (article_id, id DESC);

CREATE TABLE favorites (
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, article_id)
);
CREATE INDEX favorites_article_idx ON favorites (article_id);

-- Read side: shaped for the list, feed and single-article queries, maintained by projections.
-- No foreign keys on purpose: it is derived data and can be truncated and rebuilt at any time.
-- No body either: lists never return it, and keeping rows narrow keeps list counts and scans cheap;
-- the single-article read takes the body from articles by primary key.
CREATE TABLE article_views (
  article_id      uuid PRIMARY KEY,
  slug            text NOT NULL,
  title           text NOT NULL,
  description     text NOT NULL,
  tag_list        text[] NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  favorites_count integer NOT NULL DEFAULT 0 CHECK (favorites_count >= 0),
  author_id       uuid NOT NULL,
  author_username text NOT NULL,
  author_bio      text,
  author_image    text,
  CONSTRAINT article_views_slug_key UNIQUE (slug)
);
CREATE INDEX article_views_recent_idx ON article_views (created_at DESC, article_id DESC);
CREATE INDEX article_views_author_recent_idx ON article_views (author_id, created_at DESC, article_id DESC);
CREATE INDEX article_views_tags_idx ON article_views USING gin (tag_list);

CREATE TABLE tag_counts (
  tag            text PRIMARY KEY,
  articles_count integer NOT NULL
);
CREATE INDEX tag_counts_popular_idx ON tag_counts (articles_count DESC, tag);
