import { ValidationError } from '../../../../shared/domain/errors.js';

export interface {{Entity}}State {
  id: string;
  ownerId: string;
  name: string;
  createdAt: Date;
}

/** Invariants live here, not in controllers or repositories: a {{Entity}} cannot exist without a valid name. */
export class {{Entity}} {
  private constructor(private readonly state: {{Entity}}State) {}

  static create(state: {{Entity}}State): {{Entity}} {
    const name = state.name.trim();
    if (name.length === 0 || name.length > 200) {
      throw new ValidationError('INVALID_{{ENTITY}}_NAME', '{{Entity}} name must be 1 to 200 characters');
    }
    return new {{Entity}}({ ...state, name });
  }

  /** Rehydrates a stored {{entity}}; the data was validated when it was created. */
  static restore(state: {{Entity}}State): {{Entity}} {
    return new {{Entity}}(state);
  }

  get id(): string {
    return this.state.id;
  }
  get ownerId(): string {
    return this.state.ownerId;
  }
  get name(): string {
    return this.state.name;
  }
  get createdAt(): Date {
    return this.state.createdAt;
  }
}
