import type { DomainEvent } from '../../../../shared/domain/domain-event.js';

export interface UserRegistered extends DomainEvent {
  readonly type: 'users.registered';
  readonly userId: string;
}

/** Public profile fields changed; read models that copy them (article authors) must follow. */
export interface UserProfileChanged extends DomainEvent {
  readonly type: 'users.profile-changed';
  readonly userId: string;
  readonly username: string;
  readonly bio: string | null;
  readonly image: string | null;
}
