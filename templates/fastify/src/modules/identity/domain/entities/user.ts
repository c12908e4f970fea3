import { AggregateRoot } from '../../../../shared/domain/domain-event.js';
import type { Role } from '../../../../shared/domain/role.js';
import { USER_REGISTERED, type UserRegistered } from '../events/user-registered.js';
import type { Email } from '../value-objects/email.js';

export interface UserState {
  id: string;
  email: Email;
  passwordHash: string;
  role: Role;
  createdAt: Date;
}

export class User extends AggregateRoot {
  private constructor(private state: UserState) {
    super();
  }

  static register(state: UserState): User {
    const user = new User(state);
    const event: UserRegistered = {
      name: USER_REGISTERED,
      aggregateId: state.id,
      occurredAt: state.createdAt.toISOString(),
      payload: { email: state.email.value },
    };
    user.record(event);
    return user;
  }

  static restore(state: UserState): User {
    return new User(state);
  }

  get id(): string {
    return this.state.id;
  }
  get email(): Email {
    return this.state.email;
  }
  get passwordHash(): string {
    return this.state.passwordHash;
  }
  get role(): Role {
    return this.state.role;
  }
  get createdAt(): Date {
    return this.state.createdAt;
  }

  changeRole(role: Role): void {
    this.state = { ...this.state, role };
  }

  changePasswordHash(passwordHash: string): void {
    this.state = { ...this.state, passwordHash };
  }
}
