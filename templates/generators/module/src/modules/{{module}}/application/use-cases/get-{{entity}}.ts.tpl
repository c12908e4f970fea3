import { hasRole, requireAuthenticated, type Principal } from '../../../../shared/application/principal.js';
import { NotFoundError } from '../../../../shared/domain/errors.js';
import { to{{Entity}}Dto, type {{Entity}}Dto } from '../dtos/{{entity}}.dto.js';
import type { {{Entity}}Repository } from '../ports/{{entity}}-repository.js';

export class Get{{Entity}} {
  constructor(private readonly {{camelEntity}}Repository: {{Entity}}Repository) {}

  async execute(principal: Principal | null, id: string): Promise<{{Entity}}Dto> {
    const caller = requireAuthenticated(principal);
    const {{camelEntity}} = await this.{{camelEntity}}Repository.findById(id);
    // 404 for someone else's {{entity}}: do not confirm that the id exists.
    if (!{{camelEntity}} || ({{camelEntity}}.ownerId !== caller.userId && !hasRole(caller, 'admin'))) {
      throw new NotFoundError('{{ENTITY}}_NOT_FOUND', '{{Entity}} not found');
    }
    return to{{Entity}}Dto({{camelEntity}});
  }
}
