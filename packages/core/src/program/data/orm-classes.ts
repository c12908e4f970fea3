import type { ProgramLinker } from '../link.js';
import type { ClassInfo, Decorator } from '../summary.js';

/** How a class is tied to an ORM: the library and what ties it (`@Entity()`, `extends Model`). */
export interface OrmMark {
  library: string;
  how: string;
}

/**
 * Packages whose decorators map a class or its fields to storage: TypeORM, MikroORM,
 * sequelize-typescript, NestJS Mongoose and Typegoose, Objection's and Deepkit's decorators.
 */
const DECORATING_PACKAGES = new Set(['typeorm', '@mikro-orm/core', '@mikro-orm/decorators', 'sequelize-typescript', '@nestjs/mongoose', '@typegoose/typegoose', '@deepkit/type']);

/** Base classes that make a class a persisted model: its instances load and save themselves. */
const BASE_CLASSES: Record<string, ReadonlySet<string>> = {
  sequelize: new Set(['Model']),
  'sequelize-typescript': new Set(['Model']),
  typeorm: new Set(['BaseEntity']),
  objection: new Set(['Model']),
  '@mikro-orm/core': new Set(['BaseEntity']),
  mongoose: new Set(['Document']),
  bookshelf: new Set(['Model']),
};

const fromOrm = (decorator: Decorator) => (decorator.from && DECORATING_PACKAGES.has(decorator.from) ? decorator.from : null);

/** What ties a class to an ORM, or null: a class decorator, a field decorator, or the base class it extends. */
export function ormMarkOf(linker: ProgramLinker, file: string, cls: ClassInfo): OrmMark | null {
  const onClass = cls.decorators.find(fromOrm);
  if (onClass) return { library: onClass.from!, how: `@${onClass.name}()` };
  for (const [field, decorators] of Object.entries(cls.fields ?? {})) {
    const onField = decorators.find(fromOrm);
    if (onField) return { library: onField.from!, how: `@${onField.name}() on \`${field}\`` };
  }
  if (!cls.superClass) return null;
  const base = linker.resolveRef(file, cls.superClass);
  const entity = base?.entity;
  if (entity?.kind !== 'external' || base!.rest.length) return null;
  const name = entity.path.filter((step) => step !== 'default').join('.');
  return BASE_CLASSES[entity.module]?.has(name) ? { library: entity.module, how: `extends ${name}` } : null;
}
