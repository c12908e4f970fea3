import type { DomainEvent } from '../../../../shared/domain/domain-event.js';

export const USER_REGISTERED = 'identity.user-registered';

export type UserRegistered = DomainEvent<typeof USER_REGISTERED, { email: string }>;
