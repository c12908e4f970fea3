import type { Comment } from '../../domain/entities/comment.js';

export interface CommentRepository {
  /** Comment ids are integers (the spec's type), drawn from a database sequence before the insert. */
  nextId(): Promise<number>;
  add(comment: Comment): Promise<void>;
  findById(id: number): Promise<Comment | undefined>;
  remove(comment: Comment): Promise<void>;
}
