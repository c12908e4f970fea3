// Bulk seed for the benchmark: plain set-based SQL into the write tables, then one read-model
// rebuild. Going through the use cases would spend minutes hashing thousands of passwords.
import type { MigrationConnection } from '../../src/shared/infrastructure/db/migrator.js';

export interface SeedSize {
  users: number;
  articles: number;
  comments: number;
  favorites: number;
  followsPerUser: number;
}

export const SEED_SIZE: SeedSize = { users: 2_000, articles: 5_000, comments: 25_000, favorites: 30_000, followsPerUser: 20 };

const TAGS = Array.from({ length: 40 }, (_, index) => `tag${String(index).padStart(2, '0')}`);

/** Every seeded user has the same password hash (computed once by the real hasher), so any of them can log in. */
export async function seed(connection: MigrationConnection, passwordHash: string, size: SeedSize = SEED_SIZE): Promise<void> {
  const tags = `ARRAY[${TAGS.map((tag) => `'${tag}'`).join(',')}]`;
  await connection.transaction(async (session) => {
    await session.exec(`
      INSERT INTO users (id, email, username, password_hash, bio, image, created_at, updated_at)
      SELECT gen_random_uuid(), 'user' || g || '@bench.test', 'user' || g, '${passwordHash}',
             'Bio of user ' || g, 'https://example.test/avatars/' || g || '.png', now(), now()
      FROM generate_series(1::bigint, ${size.users}) AS g;

      CREATE TEMP TABLE seed_users AS SELECT id, row_number() OVER (ORDER BY username) AS n FROM users;

      INSERT INTO articles (id, slug, title, description, body, tag_list, author_id, created_at, updated_at)
      SELECT gen_random_uuid(), 'seeded-article-' || g, 'Seeded article ' || g,
             'A description of seeded article number ' || g,
             repeat('Paragraph of body text for a realistic article size. ', 40),
             ARRAY(SELECT DISTINCT (${tags})[1 + ((g * k) % ${TAGS.length})] FROM generate_series(1::bigint, 1 + g % 4) AS k ORDER BY 1),
             u.id, now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval
      FROM generate_series(1::bigint, ${size.articles}) AS g
      JOIN seed_users u ON u.n = 1 + ((g * 7919) % ${size.users});

      CREATE TEMP TABLE seed_articles AS SELECT id, row_number() OVER (ORDER BY slug) AS n FROM articles;

      INSERT INTO comments (id, article_id, author_id, body, created_at, updated_at)
      SELECT nextval('comments_id_seq'), a.id, u.id, 'Comment ' || g || ' with a few words of text.', now(), now()
      FROM generate_series(1::bigint, ${size.comments}) AS g
      JOIN seed_articles a ON a.n = 1 + ((g * 104729) % ${size.articles})
      JOIN seed_users u ON u.n = 1 + ((g * 31) % ${size.users});

      INSERT INTO favorites (user_id, article_id, created_at)
      SELECT u.id, a.id, now()
      FROM generate_series(1::bigint, ${size.favorites}) AS g
      JOIN seed_users u ON u.n = 1 + (g % ${size.users})
      JOIN seed_articles a ON a.n = 1 + ((g * 613 + g / ${size.users}) % ${size.articles})
      ON CONFLICT DO NOTHING;

      INSERT INTO follows (follower_id, followee_id, created_at)
      SELECT f.id, t.id, now()
      FROM seed_users f
      CROSS JOIN generate_series(1::bigint, ${size.followsPerUser}) AS k
      JOIN seed_users t ON t.n = 1 + ((f.n + k * 97) % ${size.users})
      WHERE t.id <> f.id
      ON CONFLICT DO NOTHING;

      DROP TABLE seed_users;
      DROP TABLE seed_articles;
    `);
  });
}
