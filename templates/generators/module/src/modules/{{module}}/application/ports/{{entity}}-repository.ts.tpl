import type { Cursor } from '../../../../shared/application/pagination.js';
import type { {{Entity}} } from '../../domain/entities/{{entity}}.js';

export interface {{Entity}}Repository {
  insert({{camelEntity}}: {{Entity}}): Promise<void>;
  findById(id: string): Promise<{{Entity}} | null>;
  /** Newest first, ordered by (createdAt, id). */
  listPage(query: { ownerId: string; limit: number; after?: Cursor }): Promise<{{Entity}}[]>;
}
