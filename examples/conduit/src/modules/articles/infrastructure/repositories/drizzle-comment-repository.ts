import { eq, sql } from 'drizzle-orm';
import { rowsOf, type DrizzleUnitOfWork } from '../../../../shared/infrastructure/db/database.js';
import { Comment } from '../../domain/entities/comment.js';
import type { CommentRepository } from '../../application/ports/comment-repository.js';
import { comments } from '../db/schema.js';

export class DrizzleCommentRepository implements CommentRepository {
  constructor(private readonly database: DrizzleUnitOfWork) {}

  async nextId(): Promise<number> {
    const [row] = rowsOf<{ id: number }>(await this.database.current().execute(sql`SELECT nextval('comments_id_seq')::int AS id`));
    if (!row) throw new Error('comments_id_seq returned no value');
    return row.id;
  }

  async add(comment: Comment): Promise<void> {
    await this.database.current().insert(comments).values(comment.snapshot());
  }

  async findById(id: number): Promise<Comment | undefined> {
    const [row] = await this.database.current().select().from(comments).where(eq(comments.id, id)).limit(1);
    return row ? Comment.restore(row) : undefined;
  }

  async remove(comment: Comment): Promise<void> {
    await this.database.current().delete(comments).where(eq(comments.id, comment.id));
  }
}
