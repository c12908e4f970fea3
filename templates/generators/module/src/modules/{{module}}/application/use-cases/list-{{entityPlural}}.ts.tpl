import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, type Page } from '../../../../shared/application/pagination.js';
import { requireAuthenticated, type Principal } from '../../../../shared/application/principal.js';
import { to{{Entity}}Dto, type {{Entity}}Dto } from '../dtos/{{entity}}.dto.js';
import type { {{Entity}}Repository } from '../ports/{{entity}}-repository.js';

export class List{{EntityPlural}} {
  constructor(private readonly {{camelEntity}}Repository: {{Entity}}Repository) {}

  async execute(principal: Principal | null, input: { limit: number; cursor?: string | undefined }): Promise<Page<{{Entity}}Dto>> {
    const caller = requireAuthenticated(principal);
    const limit = Math.min(Math.max(input.limit, 1), MAX_PAGE_SIZE);
    const rows = await this.{{camelEntity}}Repository.listPage({
      ownerId: caller.userId,
      limit: limit + 1,
      ...(input.cursor ? { after: decodeCursor(input.cursor) } : {}),
    });
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(to{{Entity}}Dto),
      nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }
}
