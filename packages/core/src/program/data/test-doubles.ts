import path from 'node:path';
import type { ProjectModel } from '../../project/model.js';
import { isDataAccessModule } from './adapters.js';

/** What a test replaces, as its syntax says (collected by a file visitor in test files). */
export type TestDouble =
  /** `jest.mock('typeorm')`, `vi.mock('../models/user')`. */
  | { kind: 'module'; specifier: string }
  /** `jest.spyOn(User, 'findOne')`, `sinon.stub(User, 'findOne')`, `sinon.mock(User)`: `name` is the root identifier. */
  | { kind: 'object'; name: string; method: string | null }
  /** `getRepositoryToken(User)`, `getModelToken(Cat.name)`: an ORM repository or model provided by the test. */
  | { kind: 'token'; name: string }
  /** `mockDeep<PrismaClient>()`, `createMock<Repository<User>>()`: a typed fake of an ORM type. */
  | { kind: 'typed'; name: string };

/** NestJS integrations whose injection tokens name an ORM repository, model or connection. */
const TOKEN_PACKAGES = new Set(['@nestjs/typeorm', '@nestjs/mongoose', '@nestjs/sequelize', '@mikro-orm/nestjs']);
/** Query and persistence methods of ORM models, repositories and clients. */
const QUERY_METHOD = /^(find\w*|get(One|Many|RawMany|RawOne)|create\w*|save|insert\w*|update\w*|upsert|delete\w*|remove|destroy|count\w*|aggregate|exists|query|exec|execute|\$queryRaw\w*|\$executeRaw\w*|\$transaction|transaction|populate|lean|where|select|createQueryBuilder|bulkCreate|increment|decrement|merge|preload|softDelete|restore)$/;
/** A module of the project named for data access behind a port: faking it is what the guidance asks. */
const PORT_ADAPTER = /(repositor(y|ies)|dao|gateway|adapter|store)[^/]*$/i;
const EXTENSIONS = ['', '.ts', '.js', '.mts', '.mjs', '.cts', '.cjs', '/index.ts', '/index.js'];

/** The project file a relative specifier of `from` names (`../models/user` → `src/models/user.ts`). */
function projectFile(project: ProjectModel, from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier)).replace(/\.[cm]?js$/, '');
  return EXTENSIONS.map((extension) => `${base}${extension}`).find((candidate) => project.files.has(candidate)) ?? null;
}

/** Whether a project file is an ORM model or client module: it imports a data-access package and is not a repository adapter. */
function isModelModule(project: ProjectModel, file: string): boolean {
  if (PORT_ADAPTER.test(file)) return false;
  return (project.files.get(file)?.imports ?? []).some((entry) => !entry.specifier.startsWith('.') && isDataAccessModule(entry.specifier));
}

/** What a specifier names, if it is ORM code: a data-access package, or a project module that defines models or the client. */
function ormModule(project: ProjectModel, file: string, specifier: string): string | null {
  if (isDataAccessModule(specifier)) return specifier;
  const target = projectFile(project, file, specifier);
  return target && isModelModule(project, target) ? target : null;
}

/**
 * What ORM internals a test double replaces, as a phrase for a finding (`the typeorm module`,
 * `User.findOne (src/models/user.ts)`), or null when it fakes something else: a port, a
 * repository adapter of the project, a service. `importOf` says where a name of the test file is
 * imported or required from.
 */
export function ormDoubleOf(project: ProjectModel, file: string, double: TestDouble, importOf: (name: string) => string | null): string | null {
  switch (double.kind) {
    case 'module': {
      const module = ormModule(project, file, double.specifier);
      return module ? `the module \`${double.specifier}\`${module === double.specifier ? '' : ` (${module})`}` : null;
    }
    case 'object': {
      if (double.method && !QUERY_METHOD.test(double.method)) return null;
      const specifier = importOf(double.name);
      const module = specifier ? ormModule(project, file, specifier) : null;
      return module ? `\`${double.name}${double.method ? `.${double.method}` : ''}\` (${module})` : null;
    }
    case 'token': {
      const specifier = importOf(double.name);
      return specifier && TOKEN_PACKAGES.has(specifier) ? `\`${double.name}(…)\` (${specifier})` : null;
    }
    case 'typed': {
      const specifier = importOf(double.name);
      return specifier && isDataAccessModule(specifier) ? `a fake \`${double.name}\` (${specifier})` : null;
    }
  }
}
