import { sql } from 'drizzle-orm';
import { rowsOf, type DrizzleUnitOfWork } from '../../../../shared/infrastructure/db/database.js';
import type { ProfileReader, ProfileRecord } from '../../application/ports/profile-reader.js';

interface ProfileRow {
  id: string;
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

/** Profiles are a read of the users table plus one indexed EXISTS on follows for the viewer. */
export class DrizzleProfileReader implements ProfileReader {
  constructor(private readonly database: DrizzleUnitOfWork) {}

  async findByUsername(username: string, viewerId: string | undefined): Promise<ProfileRecord | undefined> {
    const following = viewerId
      ? sql`EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = ${viewerId} AND f.followee_id = u.id)`
      : sql`false`;
    const result = await this.database
      .current()
      .execute(sql`SELECT u.id, u.username, u.bio, u.image, ${following} AS following FROM users u WHERE u.username = ${username} LIMIT 1`);
    const [row] = rowsOf<ProfileRow>(result);
    if (!row) return undefined;
    return { userId: row.id, profile: { username: row.username, bio: row.bio, image: row.image, following: row.following } };
  }
}
