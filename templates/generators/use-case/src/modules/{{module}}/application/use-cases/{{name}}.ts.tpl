import type { Clock } from '../../../../shared/application/ports/clock.js';
import { requireAuthenticated, type Principal } from '../../../../shared/application/principal.js';
import { ValidationError } from '../../../../shared/domain/errors.js';

export interface {{Name}}Input {
  reference: string;
}

export interface {{Name}}Result {
  reference: string;
  requestedBy: string;
  requestedAt: string;
}

/**
 * The single entry point for this operation: it checks who may call it, applies the rules and
 * returns a DTO. Add the ports it needs (repositories, a UnitOfWork) to the constructor and wire
 * them in src/bootstrap/modules/{{module}}.ts.
 */
export class {{Name}} {
  constructor(private readonly clock: Clock) {}

  async execute(principal: Principal | null, input: {{Name}}Input): Promise<{{Name}}Result> {
    const caller = requireAuthenticated(principal);
    const reference = input.reference.trim();
    if (reference.length === 0) throw new ValidationError('INVALID_REFERENCE', 'A reference is required');
    return { reference, requestedBy: caller.userId, requestedAt: this.clock.now().toISOString() };
  }
}
