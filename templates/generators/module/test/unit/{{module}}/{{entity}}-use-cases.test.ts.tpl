import { describe, expect, it } from 'vitest';
import type { {{Entity}}Repository } from '../../../src/modules/{{module}}/application/ports/{{entity}}-repository.js';
import { Create{{Entity}} } from '../../../src/modules/{{module}}/application/use-cases/create-{{entity}}.js';
import { Get{{Entity}} } from '../../../src/modules/{{module}}/application/use-cases/get-{{entity}}.js';
import type { {{Entity}} } from '../../../src/modules/{{module}}/domain/entities/{{entity}}.js';
import { PassThroughUnitOfWork, SequentialIds } from '../../support/fakes.js';
import { FixedClock } from '../../support/fixed-clock.js';

class InMemory{{Entity}}Repository implements {{Entity}}Repository {
  readonly rows = new Map<string, {{Entity}}>();
  async insert({{camelEntity}}: {{Entity}}) {
    this.rows.set({{camelEntity}}.id, {{camelEntity}});
  }
  async findById(id: string) {
    return this.rows.get(id) ?? null;
  }
  async listPage(query: { ownerId: string; limit: number }) {
    return [...this.rows.values()].filter((row) => row.ownerId === query.ownerId).slice(0, query.limit);
  }
}

describe('{{module}} use cases', () => {
  const owner = { userId: 'owner', roles: ['member' as const] };

  it('creates a {{entity}} owned by the caller, stamped by the clock', async () => {
    const repository = new InMemory{{Entity}}Repository();
    const create = new Create{{Entity}}(repository, new PassThroughUnitOfWork(), new SequentialIds(), new FixedClock());
    const dto = await create.execute(owner, { name: '  First  ' });
    expect(dto).toMatchObject({ ownerId: 'owner', name: 'First', createdAt: '2030-01-01T00:00:00.000Z' });
    expect(repository.rows.size).toBe(1);
  });

  it('rejects an anonymous caller and an empty name', async () => {
    const create = new Create{{Entity}}(new InMemory{{Entity}}Repository(), new PassThroughUnitOfWork(), new SequentialIds(), new FixedClock());
    await expect(create.execute(null, { name: 'x' })).rejects.toMatchObject({ code: 'AUTH_REQUIRED' });
    await expect(create.execute(owner, { name: '   ' })).rejects.toMatchObject({ code: 'INVALID_{{ENTITY}}_NAME' });
  });

  it('hides another owner\u2019s {{entity}}', async () => {
    const repository = new InMemory{{Entity}}Repository();
    const { id } = await new Create{{Entity}}(repository, new PassThroughUnitOfWork(), new SequentialIds(), new FixedClock()).execute(owner, { name: 'Mine' });
    await expect(new Get{{Entity}}(repository).execute({ userId: 'someone-else', roles: ['member'] }, id)).rejects.toMatchObject({ code: '{{ENTITY}}_NOT_FOUND' });
  });
});
