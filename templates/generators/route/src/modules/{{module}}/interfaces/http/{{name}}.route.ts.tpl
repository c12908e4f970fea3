import { z } from 'zod';
import { ok, type RouteDefinition } from '../../../../shared/interfaces/http/http-types.js';
import { parseWith } from '../../../../shared/interfaces/http/validation.js';
import type { {{Name}} } from '../../application/use-cases/{{name}}.js';

const {{camelName}}Schema = z.object({ reference: z.string().min(1).max(200) });

/** Thin: validate the {{input}}, call the use case, return its DTO. */
export function {{camelName}}Route(useCase: {{Name}}): RouteDefinition {
  return {
    method: '{{method}}',
    path: '{{path}}',
    handler: async (req) => ok(await useCase.execute(req.principal, parseWith({{camelName}}Schema, req.{{input}}))),
  };
}
