import { ValidationError } from '../../../../shared/domain/errors.js';

// Deliberately permissive: the only real proof of an address is a delivered message.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class Email {
  private constructor(readonly value: string) {}

  /** Normalised to lower case so `Ann@x.io` and `ann@x.io` cannot register twice. */
  static create(raw: string): Email {
    const value = raw.trim().toLowerCase();
    if (value.length > 254 || !EMAIL.test(value)) throw new ValidationError('INVALID_EMAIL', 'Email address is invalid');
    return new Email(value);
  }

  equals(other: Email): boolean {
    return this.value === other.value;
  }
}
