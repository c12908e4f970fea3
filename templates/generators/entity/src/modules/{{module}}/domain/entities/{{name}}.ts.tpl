import { DomainRuleError, ValidationError } from '../../../../shared/domain/errors.js';

export type {{Name}}Status = 'active' | 'archived';

export interface {{Name}}State {
  id: string;
  title: string;
  status: {{Name}}Status;
  createdAt: Date;
}

/** An entity has identity and a lifecycle; its methods are the only way its state changes. */
export class {{Name}} {
  private constructor(private state: {{Name}}State) {}

  static create(input: { id: string; title: string; now: Date }): {{Name}} {
    return new {{Name}}({ id: input.id, title: {{Name}}.validTitle(input.title), status: 'active', createdAt: input.now });
  }

  static restore(state: {{Name}}State): {{Name}} {
    return new {{Name}}(state);
  }

  get id(): string {
    return this.state.id;
  }
  get title(): string {
    return this.state.title;
  }
  get status(): {{Name}}Status {
    return this.state.status;
  }
  get createdAt(): Date {
    return this.state.createdAt;
  }

  rename(title: string): void {
    if (this.state.status === 'archived') throw new DomainRuleError('{{NAME}}_ARCHIVED', 'An archived {{name}} cannot change');
    this.state = { ...this.state, title: {{Name}}.validTitle(title) };
  }

  archive(): void {
    this.state = { ...this.state, status: 'archived' };
  }

  private static validTitle(raw: string): string {
    const title = raw.trim();
    if (title.length === 0 || title.length > 200) throw new ValidationError('INVALID_{{NAME}}_TITLE', 'Title must be 1 to 200 characters');
    return title;
  }
}
