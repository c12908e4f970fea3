import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Drizzle{{Name}}Repository } from '../../src/modules/{{module}}/infrastructure/repositories/drizzle-{{name}}-repository.js';
import { DrizzleContext } from '../../src/shared/infrastructure/db/drizzle-context.js';
import { testDatabase } from '../support/database.js';

describe('Drizzle{{Name}}Repository', () => {
  let repository: Drizzle{{Name}}Repository;

  beforeAll(async () => {
    repository = new Drizzle{{Name}}Repository(new DrizzleContext((await testDatabase()).db));
  });

  it('saves, updates and finds a record by id', async () => {
    const record = { id: randomUUID(), label: 'first', createdAt: new Date('2030-01-01T00:00:00Z') };
    await repository.save(record);
    await repository.save({ ...record, label: 'second' });
    expect(await repository.findById(record.id)).toEqual({ ...record, label: 'second' });
    expect(await repository.findById(randomUUID())).toBeNull();
  });
});
