import type { DomainEvent } from '../../../../shared/domain/domain-event.js';
import type { UserProfileChanged, UserRegistered } from '../events/user-events.js';
import { normalizeEmail } from '../value-objects/email.js';
import { validateUsername } from '../value-objects/username.js';

export interface UserState {
  id: string;
  email: string;
  username: string;
  passwordHash: string;
  bio: string | null;
  image: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProfileChanges {
  email?: string;
  username?: string;
  bio?: string | null;
  image?: string | null;
}

/** The account aggregate: identity, credentials and the public profile fields. */
export class User {
  private readonly pending: Array<UserRegistered | UserProfileChanged> = [];

  private constructor(private state: UserState) {}

  static register(input: { id: string; email: string; username: string; passwordHash: string; now: Date }): User {
    const user = new User({
      id: input.id,
      email: normalizeEmail(input.email),
      username: validateUsername(input.username),
      passwordHash: input.passwordHash,
      bio: null,
      image: null,
      createdAt: input.now,
      updatedAt: input.now,
    });
    user.pending.push({ type: 'users.registered', occurredAt: input.now, userId: input.id });
    return user;
  }

  static restore(state: UserState): User {
    return new User({ ...state });
  }

  get id(): string {
    return this.state.id;
  }

  get email(): string {
    return this.state.email;
  }

  get username(): string {
    return this.state.username;
  }

  get passwordHash(): string {
    return this.state.passwordHash;
  }

  snapshot(): Readonly<UserState> {
    return { ...this.state };
  }

  update(changes: ProfileChanges, now: Date): void {
    const next: UserState = { ...this.state, updatedAt: now };
    if (changes.email !== undefined) next.email = normalizeEmail(changes.email);
    if (changes.username !== undefined) next.username = validateUsername(changes.username);
    // An empty string clears the field, as RealWorld clients send "" from emptied forms.
    if (changes.bio !== undefined) next.bio = changes.bio === '' ? null : changes.bio;
    if (changes.image !== undefined) next.image = changes.image === '' ? null : changes.image;
    const profileChanged =
      next.username !== this.state.username || next.bio !== this.state.bio || next.image !== this.state.image;
    this.state = next;
    if (profileChanged) {
      this.pending.push({
        type: 'users.profile-changed',
        occurredAt: now,
        userId: next.id,
        username: next.username,
        bio: next.bio,
        image: next.image,
      });
    }
  }

  changePasswordHash(passwordHash: string, now: Date): void {
    this.state = { ...this.state, passwordHash, updatedAt: now };
  }

  pullEvents(): DomainEvent[] {
    return this.pending.splice(0);
  }
}
