import { DomainRuleError, ValidationError } from '../../../../shared/domain/errors.js';

const CURRENCY = /^[A-Z]{3}$/;

/** Integer minor units (cents): floating point cannot represent 0.10 exactly. */
export class Money {
  private constructor(
    readonly amountCents: number,
    readonly currency: string,
  ) {}

  static of(amountCents: number, currency: string): Money {
    if (!Number.isSafeInteger(amountCents) || amountCents < 0) {
      throw new ValidationError('INVALID_AMOUNT', 'Amount must be a non-negative integer number of cents');
    }
    if (!CURRENCY.test(currency)) throw new ValidationError('INVALID_CURRENCY', 'Currency must be an ISO 4217 code');
    return new Money(amountCents, currency);
  }

  static zero(currency: string): Money {
    return Money.of(0, currency);
  }

  add(other: Money): Money {
    if (other.currency !== this.currency) {
      throw new DomainRuleError('CURRENCY_MISMATCH', `Cannot add ${other.currency} to ${this.currency}`);
    }
    return Money.of(this.amountCents + other.amountCents, this.currency);
  }

  times(quantity: number): Money {
    return Money.of(this.amountCents * quantity, this.currency);
  }

  equals(other: Money): boolean {
    return this.amountCents === other.amountCents && this.currency === other.currency;
  }
}
