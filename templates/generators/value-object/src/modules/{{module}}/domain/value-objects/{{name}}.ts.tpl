import { ValidationError } from '../../../../shared/domain/errors.js';

/**
 * A value object: immutable, compared by value, valid by construction. Create one where a rule
 * applies to a value (format, range, normalisation), not for every primitive.
 */
export class {{Name}} {
  private constructor(readonly value: string) {}

  static create(raw: string): {{Name}} {
    const value = raw.trim();
    if (value.length === 0 || value.length > 100) {
      throw new ValidationError('INVALID_{{NAME}}', '{{Name}} must be 1 to 100 characters');
    }
    return new {{Name}}(value);
  }

  equals(other: {{Name}}): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }
}
