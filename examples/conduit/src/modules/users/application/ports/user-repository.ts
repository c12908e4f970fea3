import type { User } from '../../domain/entities/user.js';

/** Persistence of the User aggregate. `add`/`save` throw ConflictError when email or username is taken. */
export interface UserRepository {
  findById(id: string): Promise<User | undefined>;
  findByEmail(email: string): Promise<User | undefined>;
  add(user: User): Promise<void>;
  save(user: User): Promise<void>;
}
