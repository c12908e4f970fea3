import { Create{{Entity}} } from '../../modules/{{module}}/application/use-cases/create-{{entity}}.js';
import { Get{{Entity}} } from '../../modules/{{module}}/application/use-cases/get-{{entity}}.js';
import { List{{EntityPlural}} } from '../../modules/{{module}}/application/use-cases/list-{{entityPlural}}.js';
import { Drizzle{{Entity}}Repository } from '../../modules/{{module}}/infrastructure/repositories/drizzle-{{entity}}-repository.js';
import { {{camelModule}}Routes } from '../../modules/{{module}}/interfaces/http/routes.js';
import type { Kernel, ModuleWiring } from '../kernel.js';
// strata:imports

export function wire{{Module}}(kernel: Kernel): ModuleWiring {
  const { db, clock, ids } = kernel;
  const {{camelEntity}}Repository = new Drizzle{{Entity}}Repository(db);
  // strata:repositories
  // strata:use-cases
  const routes = {{camelModule}}Routes({
    create{{Entity}}: new Create{{Entity}}({{camelEntity}}Repository, db, ids, clock),
    get{{Entity}}: new Get{{Entity}}({{camelEntity}}Repository),
    list{{EntityPlural}}: new List{{EntityPlural}}({{camelEntity}}Repository),
  });
  // strata:routes
  return { routes };
}
