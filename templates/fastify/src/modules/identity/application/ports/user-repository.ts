import type { User } from '../../domain/entities/user.js';
import type { Email } from '../../domain/value-objects/email.js';

export interface UserRepository {
  findById(id: string): Promise<User | null>;
  findByEmail(email: Email): Promise<User | null>;
  /** Throws ConflictError when the email is already taken (enforced by a unique index). */
  insert(user: User): Promise<void>;
  update(user: User): Promise<void>;
}
