import type { Clock } from '../../../../shared/application/ports/clock.js';
import type { IdGenerator } from '../../../../shared/application/ports/id-generator.js';
import type { UnitOfWork } from '../../../../shared/application/ports/unit-of-work.js';
import { requireAuthenticated, type Principal } from '../../../../shared/application/principal.js';
import { {{Entity}} } from '../../domain/entities/{{entity}}.js';
import { to{{Entity}}Dto, type {{Entity}}Dto } from '../dtos/{{entity}}.dto.js';
import type { {{Entity}}Repository } from '../ports/{{entity}}-repository.js';

export interface Create{{Entity}}Input {
  name: string;
}

export class Create{{Entity}} {
  constructor(
    private readonly {{camelEntity}}Repository: {{Entity}}Repository,
    private readonly unitOfWork: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal | null, input: Create{{Entity}}Input): Promise<{{Entity}}Dto> {
    const caller = requireAuthenticated(principal);
    const {{camelEntity}} = {{Entity}}.create({ id: this.ids.next(), ownerId: caller.userId, name: input.name, createdAt: this.clock.now() });
    await this.unitOfWork.transaction(() => this.{{camelEntity}}Repository.insert({{camelEntity}}));
    return to{{Entity}}Dto({{camelEntity}});
  }
}
