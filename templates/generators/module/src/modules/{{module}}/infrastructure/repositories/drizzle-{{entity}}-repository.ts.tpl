import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Cursor } from '../../../../shared/application/pagination.js';
import type { DrizzleContext } from '../../../../shared/infrastructure/db/drizzle-context.js';
import type { {{Entity}}Repository } from '../../application/ports/{{entity}}-repository.js';
import { {{Entity}} } from '../../domain/entities/{{entity}}.js';
import { {{camelEntity}}Table } from '../db/schema.js';

export class Drizzle{{Entity}}Repository implements {{Entity}}Repository {
  constructor(private readonly context: DrizzleContext) {}

  async insert({{camelEntity}}: {{Entity}}): Promise<void> {
    await this.context.executor.insert({{camelEntity}}Table).values({
      id: {{camelEntity}}.id,
      ownerId: {{camelEntity}}.ownerId,
      name: {{camelEntity}}.name,
      createdAt: {{camelEntity}}.createdAt,
    });
  }

  async findById(id: string): Promise<{{Entity}} | null> {
    const [row] = await this.context.executor.select().from({{camelEntity}}Table).where(eq({{camelEntity}}Table.id, id)).limit(1);
    return row ? {{Entity}}.restore(row) : null;
  }

  async listPage(query: { ownerId: string; limit: number; after?: Cursor }): Promise<{{Entity}}[]> {
    const conditions: SQL[] = [eq({{camelEntity}}Table.ownerId, query.ownerId)];
    if (query.after) {
      conditions.push(
        sql`(${ {{camelEntity}}Table.createdAt }, ${ {{camelEntity}}Table.id }) < (${query.after.createdAt.toISOString()}::timestamptz, ${query.after.id}::uuid)`,
      );
    }
    const rows = await this.context.executor
      .select()
      .from({{camelEntity}}Table)
      .where(and(...conditions))
      .orderBy(desc({{camelEntity}}Table.createdAt), desc({{camelEntity}}Table.id))
      .limit(query.limit);
    return rows.map((row) => {{Entity}}.restore(row));
  }
}
