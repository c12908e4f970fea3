import { created, ok, type RouteDefinition } from '../../../../shared/interfaces/http/http-types.js';
import { parseWith } from '../../../../shared/interfaces/http/validation.js';
import type { Create{{Entity}} } from '../../application/use-cases/create-{{entity}}.js';
import type { Get{{Entity}} } from '../../application/use-cases/get-{{entity}}.js';
import type { List{{EntityPlural}} } from '../../application/use-cases/list-{{entityPlural}}.js';
import { create{{Entity}}Schema, list{{EntityPlural}}QuerySchema, {{camelEntity}}IdParamsSchema } from './schemas.js';

export interface {{Module}}UseCases {
  create{{Entity}}: Create{{Entity}};
  get{{Entity}}: Get{{Entity}};
  list{{EntityPlural}}: List{{EntityPlural}};
}

export function {{camelModule}}Routes(useCases: {{Module}}UseCases): RouteDefinition[] {
  return [
    {
      method: 'POST',
      path: '/{{module}}',
      handler: async (req) => created(await useCases.create{{Entity}}.execute(req.principal, parseWith(create{{Entity}}Schema, req.body))),
    },
    {
      method: 'GET',
      path: '/{{module}}',
      handler: async (req) => ok(await useCases.list{{EntityPlural}}.execute(req.principal, parseWith(list{{EntityPlural}}QuerySchema, req.query))),
    },
    {
      method: 'GET',
      path: '/{{module}}/:id',
      handler: async (req) => ok(await useCases.get{{Entity}}.execute(req.principal, parseWith({{camelEntity}}IdParamsSchema, req.params).id)),
    },
  ];
}
