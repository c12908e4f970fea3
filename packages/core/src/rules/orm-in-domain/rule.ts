import { ormMarkOf } from '../../program/data/orm-classes.js';
import type { Rule } from '../types.js';

export const ormInDomain: Rule = {
  meta: {
    id: 'orm-in-domain',
    category: 'persistence',
    severity: 'warn',
    title: 'Domain entities carry no ORM mapping',
    why: 'A domain entity decorated for an ORM or extending its model class is shaped by its table: invariants give way to nullable columns and public setters the ORM needs, lazy relations make a property access a query, tests of business rules need the ORM loaded, and changing the schema or the ORM means rewriting the domain.',
    fix: 'Keep the domain entity a plain class that guards its invariants; map it in the infrastructure layer to a persistence model (an ORM entity or schema in `infrastructure/persistence/`), with a mapper the repository adapter uses both ways.',
    models: ['program'],
    appliesTo: { shapes: ['clean', 'nestjs'] },
  },
  check({ models, project, report }) {
    for (const file of models.programFiles) {
      if (project.layers.layerOf(file) !== 'domain') continue;
      for (const cls of models.linker.summary(file)?.classes ?? []) {
        const mark = ormMarkOf(models.linker, file, cls);
        if (!mark) continue;
        report({
          file,
          line: cls.line,
          column: cls.column,
          message: `Domain class \`${cls.name}\` is mapped by ${mark.library} (${mark.how}): the business entity is its table's shape, and the domain cannot run without the ORM.`,
          anchor: `${cls.name}:${mark.library}`,
        });
      }
    }
  },
};
