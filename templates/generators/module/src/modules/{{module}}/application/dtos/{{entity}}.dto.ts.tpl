import type { {{Entity}} } from '../../domain/entities/{{entity}}.js';

export interface {{Entity}}Dto {
  id: string;
  ownerId: string;
  name: string;
  createdAt: string;
}

export function to{{Entity}}Dto({{camelEntity}}: {{Entity}}): {{Entity}}Dto {
  return { id: {{camelEntity}}.id, ownerId: {{camelEntity}}.ownerId, name: {{camelEntity}}.name, createdAt: {{camelEntity}}.createdAt.toISOString() };
}
