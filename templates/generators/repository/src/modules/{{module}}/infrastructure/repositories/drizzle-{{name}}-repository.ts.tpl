import { eq } from 'drizzle-orm';
import type { DrizzleContext } from '../../../../shared/infrastructure/db/drizzle-context.js';
import type { {{Name}}Record, {{Name}}Repository } from '../../application/ports/{{name}}-repository.js';
import { {{camelName}}Table } from '../db/{{name}}-schema.js';

export class Drizzle{{Name}}Repository implements {{Name}}Repository {
  constructor(private readonly context: DrizzleContext) {}

  /** Insert or update by id, so callers need not know whether the record exists. */
  async save(record: {{Name}}Record): Promise<void> {
    await this.context.executor
      .insert({{camelName}}Table)
      .values(record)
      .onConflictDoUpdate({ target: {{camelName}}Table.id, set: { label: record.label } });
  }

  async findById(id: string): Promise<{{Name}}Record | null> {
    const [row] = await this.context.executor.select().from({{camelName}}Table).where(eq({{camelName}}Table.id, id)).limit(1);
    return row ?? null;
  }
}
