import { deployableServices } from '../../program/http/deployable.js';
import { schemaSyncs, unmigratedOrms, type SchemaSync } from '../../program/data/schema-sync.js';
import type { ProjectFinding, Rule } from '../types.js';

const CONSEQUENCE: Record<SchemaSync['kind'], string> = {
  force: 'drops and recreates every table at each start: all data is lost',
  create: 'creates the missing tables at start',
  alter: 'alters the tables to match the models at each start: a renamed or removed field drops its column and its data',
  synchronize: 'alters the schema to match the entities whenever the app connects: a renamed or removed column is dropped with its data',
  push: 'makes the database match the schema file with no migration history: nothing reviewed says what changed, and a change that needs data moved cannot be written',
};

const LIBRARY: Record<SchemaSync['library'], string> = { sequelize: 'Sequelize', typeorm: 'TypeORM', prisma: 'Prisma', 'drizzle-kit': 'Drizzle Kit' };

function syncFinding(first: SchemaSync, others: number): ProjectFinding {
  const push = first.kind === 'push';
  return {
    // Pushing refuses destructive changes unless told to accept the loss: drift, not yet lost data.
    ...(push && !first.dataLoss ? { severity: 'warn' as const } : {}),
    file: first.file,
    line: first.line,
    column: first.column,
    message: `\`${first.text}\`${push ? ' runs when the service starts or deploys' : ''} (${LIBRARY[first.library]}): ${CONSEQUENCE[first.kind]}${first.dataLoss ? ', and `--accept-data-loss` drops whatever stands in the way' : ''}.${others ? ` ${others} more place${others === 1 ? '' : 's'} do${others === 1 ? 'es' : ''} the same.` : ''}`,
    anchor: `schema-sync:${first.library}:${first.kind}`,
  };
}

export const noMigrations: Rule = {
  meta: {
    id: 'no-migrations',
    category: 'persistence',
    severity: 'error',
    title: 'The schema changes through migrations in source control, not by synchronising at start',
    why: 'Schema sync makes the database match the code as it is now: a renamed field becomes a dropped column, `force` drops every table, and nothing records what changed or lets a change move data. Migrations are reviewed, ordered, repeatable on every environment and can carry data along.',
    fix: 'Generate migrations (`prisma migrate dev`, `typeorm migration:generate`, `sequelize-cli migration:generate`, `drizzle-kit generate`), commit them, and apply them as a deploy step (`prisma migrate deploy`, `migration:run`); turn `synchronize`, `sync({ alter })` and `db push` off outside local experiments.',
    models: ['program', 'http'],
  },
  check({ project, models, report }) {
    if (!deployableServices(project, models).length) return;
    const all = schemaSyncs(project, models);
    // A plain `sync()` only creates what is missing: a finding only where nothing else migrates (below).
    const syncs = all.filter((sync) => sync.kind !== 'create');
    const groups = new Map<string, SchemaSync[]>();
    for (const sync of syncs) groups.set(`${sync.library}:${sync.kind}`, [...(groups.get(`${sync.library}:${sync.kind}`) ?? []), sync]);
    for (const [first, ...others] of groups.values()) report(syncFinding(first!, others.length));
    if (syncs.length) return;
    const orms = unmigratedOrms(project);
    if (!orms.length) return;
    const creates = all.find((sync) => sync.kind === 'create');
    const client = models.data.clients().find((candidate) => orms.some((orm) => orm.toLowerCase() === candidate.library.toLowerCase()));
    const at = creates ?? (client ? { file: client.file, line: client.site.line, column: client.site.column } : { file: 'package.json', line: 1, column: 1 });
    report({
      severity: 'warn',
      file: at.file,
      line: at.line,
      column: at.column,
      message: creates
        ? `\`${creates.text}\` creates the tables at start and the repository holds no migrations: a later change to a model never reaches a database that already has its table (sync() alters nothing), and the schema's history is nowhere.`
        : `The service uses ${orms.join(' and ')} and the repository holds no migrations (no migrations folder, no migration command in a script, none run in code): the schema's history is nowhere, and each environment's database is whatever was done to it by hand.`,
      anchor: 'no-migrations',
    });
  },
};
