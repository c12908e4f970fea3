import { isTestFile } from '../../layers/classify.js';
import type { ProjectModel } from '../../project/model.js';
import type { ProgramModels } from '../models.js';
import type { Value } from '../summary.js';

/** Where an ORM is told to make the database's schema match the code, instead of running migrations. */
export interface SchemaSync {
  library: 'sequelize' | 'typeorm' | 'prisma' | 'drizzle-kit';
  /** `force` (drop and recreate), `alter` (alter in place), `create` (Sequelize `sync()`: missing tables only), `synchronize` (TypeORM), `push` (Prisma, Drizzle Kit). */
  kind: 'force' | 'alter' | 'create' | 'synchronize' | 'push';
  file: string;
  line: number;
  column: number;
  /** The code or command as written, short. */
  text: string;
  /** Prisma's `--accept-data-loss`: the push drops what stands in its way. */
  dataLoss?: true;
}

/** One-off tools, seeds and test setups: a sync there resets a development or test database by design. */
const NOT_THE_APP = /(^|\/)(scripts?|tools|bin|seeds?|seeders?|fixtures|test-utils|testing)\/|(^|\/)[^/]*\b(seed|reset|test|spec|e2e)\b[^/]*$/i;
/** `synchronize: true` in TypeORM options written anywhere (a DataSource, `forRoot`, a factory's return, a config module). */
const SYNCHRONIZE_TRUE = /(^|[\s{,])["']?synchronize["']?\s*:\s*true\b/;
/** The push commands: Prisma's `db push`, Drizzle Kit's `push` (`push:pg` in older versions). */
const PUSH = /\bprisma\s+db\s+push\b|\bdrizzle-kit\s+push(:\w+)?\b/;
/** Scripts that run when the service starts or is deployed. */
const START_SCRIPT = /^(start|prestart|poststart|serve|deploy|predeploy|postdeploy|release|prerelease|postinstall|prod|production|launch|boot|start:(prod|production|server|api|app|docker|container))$/;

const isTrue = (value: Value | undefined) => value?.kind === 'boolean' && value.value;

/** Sequelize `sync({ force: true })` / `sync({ alter: true })` calls in the running application. */
function sequelizeSyncs(project: ProjectModel, models: ProgramModels): SchemaSync[] {
  if (!project.context.orms.some((item) => item.name === 'Sequelize')) return [];
  const found: SchemaSync[] = [];
  for (const call of models.everyCall) {
    const site = call.site;
    // The method name first: it rules out almost every call before the path tests run.
    if (site.callee?.path.at(-1) !== 'sync') continue;
    if (site.devOnly || isTestFile(call.file) || NOT_THE_APP.test(call.file)) continue;
    const options = site.args?.[0];
    // `sync()` with no options creates the missing tables and changes nothing else.
    if (!options) {
      found.push({ library: 'sequelize', kind: 'create', file: call.file, line: site.line, column: site.column, text: `${site.text}()` });
      continue;
    }
    if (options.kind !== 'object') continue;
    const kind = isTrue(options.properties.force) ? 'force' : isTrue(options.properties.alter) || options.properties.alter?.kind === 'object' ? 'alter' : null;
    if (kind) found.push({ library: 'sequelize', kind, file: call.file, line: site.line, column: site.column, text: `${site.text}({ ${kind}: true })` });
  }
  return found;
}

/** TypeORM `synchronize: true` in the application's code and its config files (`ormconfig.json`, `.env` `TYPEORM_SYNCHRONIZE=true`). */
function typeormSynchronize(project: ProjectModel): SchemaSync[] {
  if (!project.context.orms.some((item) => item.name === 'TypeORM')) return [];
  const found: SchemaSync[] = [];
  const files = [...project.files.keys()].filter((file) => !isTestFile(file) && !NOT_THE_APP.test(file));
  const configs = project.repo.files.filter((file) => /(^|\/)ormconfig(\.[\w.-]+)?$/.test(file) && !/\.(ts|js|mjs|cjs)$/.test(file));
  for (const file of [...files, ...configs]) {
    const text = project.repo.scan(file);
    if (!text || !/synchronize/.test(text)) continue;
    text.split('\n').forEach((line, index) => {
      const code = line.trimStart();
      if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return;
      const at = SYNCHRONIZE_TRUE.exec(line);
      if (at) found.push({ library: 'typeorm', kind: 'synchronize', file, line: index + 1, column: line.indexOf('synchronize') + (line[line.indexOf('synchronize') - 1] === '"' ? 0 : 1), text: 'synchronize: true' });
    });
  }
  for (const file of project.repo.envFiles) {
    const text = project.repo.text(file);
    text?.split('\n').forEach((line, index) => {
      if (/^\s*TYPEORM_SYNCHRONIZE\s*=\s*["']?true\b/i.test(line)) found.push({ library: 'typeorm', kind: 'synchronize', file, line: index + 1, column: 1, text: 'TYPEORM_SYNCHRONIZE=true' });
    });
  }
  return found;
}

/** Every script a start or deploy script runs (`npm run db:push` inside `start`), with the name it is reached by. */
function startCommands(project: ProjectModel): { text: string; file: string; line: number }[] {
  const commands: { text: string; file: string; line: number }[] = [];
  for (const { file, manifest } of project.manifests) {
    const scripts = (manifest.scripts as Record<string, unknown> | undefined) ?? {};
    const seen = new Set<string>();
    const expand = (name: string, depth: number): string[] => {
      const body = scripts[name];
      if (typeof body !== 'string' || seen.has(name) || depth > 4) return [];
      seen.add(name);
      const inner = [...body.matchAll(/\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?([\w:.-]+)/g)].flatMap((match) => expand(match[1]!, depth + 1));
      return [body, ...inner];
    };
    for (const name of Object.keys(scripts).filter((script) => START_SCRIPT.test(script))) {
      for (const text of expand(name, 0)) commands.push({ text, file, line: 1 });
    }
  }
  for (const dockerfile of project.repo.shippingDockerfiles) {
    const last = dockerfile.stages.at(-1);
    for (const run of last?.runs ?? []) commands.push({ text: run.command, file: dockerfile.file, line: run.line });
    if (dockerfile.command) {
      commands.push({ text: dockerfile.command.text, file: dockerfile.file, line: dockerfile.command.line });
      const script = project.repo.entrypointScript(dockerfile.command.text);
      if (script) commands.push({ text: script, file: dockerfile.file, line: dockerfile.command.line });
    }
  }
  for (const file of project.repo.filesNamed('Procfile')) {
    project.repo.text(file)?.split('\n').forEach((line, index) => {
      if (/^\s*(web|release)\s*:/.test(line)) commands.push({ text: line, file, line: index + 1 });
    });
  }
  return commands;
}

/** `prisma db push` or `drizzle-kit push` run when the service starts or deploys. */
function pushesAtStart(project: ProjectModel): SchemaSync[] {
  const found: SchemaSync[] = [];
  for (const command of startCommands(project)) {
    const push = PUSH.exec(command.text);
    if (!push) continue;
    const library = push[0].startsWith('prisma') ? 'prisma' : 'drizzle-kit';
    if (found.some((entry) => entry.file === command.file && entry.library === library)) continue;
    found.push({ library, kind: 'push', file: command.file, line: command.line, column: 1, text: push[0], ...(/--accept-data-loss\b/.test(command.text) ? { dataLoss: true as const } : {}) });
  }
  return found;
}

/** Every place the application makes its schema by synchronising instead of migrating. Mongoose has no schema in the database and is never one. */
export function schemaSyncs(project: ProjectModel, models: ProgramModels): SchemaSync[] {
  return [...sequelizeSyncs(project, models), ...typeormSynchronize(project), ...pushesAtStart(project)];
}

/** SQL ORMs and query builders whose schema lives in the database. */
const SQL_ORMS = new Set(['TypeORM', 'Sequelize', 'Prisma', 'Drizzle', 'Knex', 'MikroORM', 'Objection', 'Kysely']);
/** Migration tools run from scripts. */
const MIGRATION_COMMAND = /prisma\s+migrate|typeorm(-ts-node-\w+)?\s+migration:|migration:(run|generate|create)|sequelize(-cli)?\s+db:migrate|knex\s+migrate|drizzle-kit\s+(generate|migrate|up)|node-pg-migrate|db-migrate|umzug|mikro-orm(-esm)?\s+migration|graphile-migrate|dbmate|flyway|liquibase|atlas\s+migrate|kysely-migrat|postgrator|ley\b|\bmigrate\b/i;
/** Files and folders of migrations (`migrations/`, `prisma/migrations/`, `db/migrate/`, `1700000000000-AddUsers.ts`). */
const MIGRATION_PATH = /(^|\/)(migrations?|migrate)\/|(^|\/)[^/]*migration[^/]*\.(ts|js|mjs|cjs|sql)$/i;
/** Migrations run by the application itself (`migrationsRun: true`, `umzug.up()`, `migrate(db, { migrationsFolder })`). */
const MIGRATIONS_IN_CODE = /migrationsRun|migrationsFolder|new\s+Umzug|\.migrate\.latest\(|runMigrations\(/;

/** The SQL ORMs the service uses with nothing in the repository that migrates their schema (no folder, no script, no call). */
export function unmigratedOrms(project: ProjectModel): string[] {
  const orms = project.context.orms.map((item) => item.name).filter((name) => SQL_ORMS.has(name));
  if (!orms.length) return [];
  // Prisma on MongoDB has no migrations to run: `db push` is its only way.
  const databases = project.context.databases.map((item) => item.name);
  if (databases.length && databases.every((name) => /mongo/i.test(name))) return [];
  const { repo } = project;
  if (repo.files.some((file) => MIGRATION_PATH.test(file))) return [];
  if (project.manifests.some(({ manifest }) => Object.values((manifest.scripts as Record<string, unknown> | undefined) ?? {}).some((body) => typeof body === 'string' && MIGRATION_COMMAND.test(body)))) return [];
  if ([...project.files.keys()].some((file) => MIGRATIONS_IN_CODE.test(repo.scan(file) ?? ''))) return [];
  return orms;
}
