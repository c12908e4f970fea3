import { ValidationError } from '../../../../shared/domain/errors.js';
import type { Money } from './money.js';

export const MAX_QUANTITY = 10_000;
export const MAX_UNIT_PRICE_CENTS = 1_000_000_000;

export class InvoiceLine {
  private constructor(
    readonly description: string,
    readonly quantity: number,
    readonly unitPrice: Money,
  ) {}

  static create(description: string, quantity: number, unitPrice: Money): InvoiceLine {
    const text = description.trim();
    if (text.length === 0 || text.length > 200) {
      throw new ValidationError('INVALID_LINE_DESCRIPTION', 'Line description must be 1 to 200 characters');
    }
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
      throw new ValidationError('INVALID_QUANTITY', `Quantity must be an integer from 1 to ${MAX_QUANTITY}`);
    }
    // Caps keep any invoice total within a safe integer (50 lines × 10^4 × 10^9 < 2^53).
    if (unitPrice.amountCents > MAX_UNIT_PRICE_CENTS) {
      throw new ValidationError('INVALID_UNIT_PRICE', 'Unit price is too large');
    }
    return new InvoiceLine(text, quantity, unitPrice);
  }

  get total(): Money {
    return this.unitPrice.times(this.quantity);
  }
}
