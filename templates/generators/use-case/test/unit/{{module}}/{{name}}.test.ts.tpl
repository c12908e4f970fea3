import { describe, expect, it } from 'vitest';
import { {{Name}} } from '../../../src/modules/{{module}}/application/use-cases/{{name}}.js';
import { FixedClock } from '../../support/fixed-clock.js';

describe('{{Name}}', () => {
  const useCase = new {{Name}}(new FixedClock());

  it('runs for an authenticated caller at the clock\u2019s time', async () => {
    await expect(useCase.execute({ userId: 'u1', roles: ['member'] }, { reference: ' R-1 ' })).resolves.toEqual({
      reference: 'R-1',
      requestedBy: 'u1',
      requestedAt: '2030-01-01T00:00:00.000Z',
    });
  });

  it('refuses anonymous callers and empty input', async () => {
    await expect(useCase.execute(null, { reference: 'R-1' })).rejects.toMatchObject({ code: 'AUTH_REQUIRED' });
    await expect(useCase.execute({ userId: 'u1', roles: ['member'] }, { reference: ' ' })).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
  });
});
