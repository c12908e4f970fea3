import path from 'node:path';
import { FRAMEWORKS, generateProject, ScaffoldError, type DatabaseChoice, type Framework, type NewProjectResult } from '@strata/scaffold';
import { UsageError, type Command, type CommandIo } from '../command.js';

type Values = Record<string, string | boolean | string[] | undefined>;

interface Answers {
  dir: string;
  name: string;
  framework: Framework;
  database: DatabaseChoice;
  cqrs: boolean;
  queue: boolean;
}

const POSTGRES_URL = /^postgres(ql)?:\/\//;

export const newCommand: Command = {
  name: 'new',
  summary: 'Create a production-ready service that passes its own review',
  usage: 'strata new <dir> [--framework fastify|express] [--database pglite|<postgres-url>] [--cqrs] [--no-queue] [--yes] [--force]',
  options: {
    name: { type: 'string', short: 'n', description: 'Package and service name', defaultLabel: 'the folder name' },
    framework: { type: 'string', description: `HTTP framework: ${FRAMEWORKS.join(' or ')}`, defaultLabel: 'fastify' },
    database: { type: 'string', description: '"pglite" (embedded, no setup) or a postgres:// URL', defaultLabel: 'pglite' },
    cqrs: { type: 'boolean', description: 'Include a CQRS read model fed by domain events' },
    'no-cqrs': { type: 'boolean', description: 'Leave the CQRS read model out', defaultLabel: 'default' },
    queue: { type: 'boolean', description: 'Handle domain events on a job queue (BullMQ on Redis, in-process fallback)', defaultLabel: 'default' },
    'no-queue': { type: 'boolean', description: 'Handle domain events inline, without a queue' },
    yes: { type: 'boolean', short: 'y', description: 'Take the defaults for every question not given as a flag (for CI)' },
    force: { type: 'boolean', description: 'Write into a non-empty folder' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 1) throw new UsageError(`expected one directory, got ${positionals.length}`);
    const interactive = !values.yes && isInteractive(io);
    const answers = interactive ? await ask(values, positionals[0], io) : fromFlags(values, positionals[0]);
    let result: NewProjectResult;
    try {
      result = await generateProject({
        targetDir: path.resolve(io.cwd, answers.dir),
        name: answers.name,
        framework: answers.framework,
        database: answers.database,
        features: { cqrs: answers.cqrs, queue: answers.queue },
        force: values.force === true,
      });
    } catch (error) {
      if (error instanceof ScaffoldError) throw new UsageError(error.message);
      throw error;
    }
    io.stdout.write(summary(result, answers, io.cwd));
    return 0;
  },
};

/** Prompts need a terminal on both ends; piped or CI runs take flags and defaults. */
function isInteractive(io: CommandIo): boolean {
  return Boolean(io.stdout.isTTY && process.stdin.isTTY && !io.env.CI);
}

/** `--x` / `--no-x`: undefined when neither was given, so the caller applies its default or asks. */
function flagChoice(values: Values, on: string, off: string): boolean | undefined {
  if (values[on] && values[off]) throw new UsageError(`--${on} and --${off} contradict each other`);
  if (values[on]) return true;
  if (values[off]) return false;
  return undefined;
}

function parseFramework(raw: string): Framework {
  if (!(FRAMEWORKS as readonly string[]).includes(raw)) throw new UsageError(`--framework must be ${FRAMEWORKS.join(' or ')}, got "${raw}"`);
  return raw as Framework;
}

function parseDatabase(raw: string): DatabaseChoice {
  if (raw === 'pglite' || raw === 'embedded') return { kind: 'pglite' };
  if (POSTGRES_URL.test(raw)) return { kind: 'postgres', url: raw };
  throw new UsageError(`--database must be "pglite" or a postgres:// URL, got "${raw}"`);
}

function fromFlags(values: Values, dir: string | undefined): Answers {
  if (!dir) throw new UsageError('missing <dir>: where to create the service');
  return {
    dir,
    name: typeof values.name === 'string' ? values.name : path.basename(path.resolve(dir)),
    framework: parseFramework(typeof values.framework === 'string' ? values.framework : 'fastify'),
    database: parseDatabase(typeof values.database === 'string' ? values.database : 'pglite'),
    // CQRS is off by default: it pays off only when reads and writes need different shapes.
    cqrs: flagChoice(values, 'cqrs', 'no-cqrs') ?? false,
    queue: flagChoice(values, 'queue', 'no-queue') ?? true,
  };
}

type Prompts = typeof import('@clack/prompts');

/** Ctrl-C in a prompt (clack answers with its cancel symbol) ends the command as a usage outcome, not a crash. */
function orExit<T>(answer: T): Exclude<T, symbol> {
  if (typeof answer === 'symbol') throw new UsageError('cancelled');
  return answer as Exclude<T, symbol>;
}

/** Asks only what no flag answered, with the same defaults as --yes. */
async function ask(values: Values, dirArg: string | undefined, io: CommandIo): Promise<Answers> {
  // Loaded only for a person at a terminal: every other run (CI, --yes, review) skips its cost.
  const prompts: Prompts = await import('@clack/prompts');
  prompts.intro('strata new');
  const dir =
    dirArg ?? orExit(await prompts.text({ message: 'Where should the service go?', placeholder: 'my-service', validate: (v) => (v ? undefined : 'Required') }));
  const name =
    typeof values.name === 'string'
      ? values.name
      : orExit(await prompts.text({ message: 'Service name', initialValue: path.basename(path.resolve(io.cwd, dir)) }));
  const framework =
    typeof values.framework === 'string'
      ? parseFramework(values.framework)
      : orExit(
          await prompts.select<Framework>({
            message: 'HTTP framework',
            options: [
              { value: 'fastify', label: 'Fastify 5', hint: 'recommended' },
              { value: 'express', label: 'Express 5' },
            ],
          }),
        );
  let database: DatabaseChoice;
  if (typeof values.database === 'string') database = parseDatabase(values.database);
  else {
    const kind = orExit(
      await prompts.select<'pglite' | 'postgres'>({
        message: 'Database',
        options: [
          { value: 'pglite', label: 'Embedded PostgreSQL (PGlite)', hint: 'no setup; set DATABASE_URL later' },
          { value: 'postgres', label: 'PostgreSQL server', hint: 'asks for a URL' },
        ],
      }),
    );
    database =
      kind === 'pglite'
        ? { kind }
        : parseDatabase(
            orExit(
              await prompts.text({
                message: 'PostgreSQL URL',
                initialValue: 'postgres://postgres@127.0.0.1:5432/postgres',
                validate: (v) => (v && POSTGRES_URL.test(v) ? undefined : 'Expected postgres://...'),
              }),
            ),
          );
  }
  const cqrs =
    flagChoice(values, 'cqrs', 'no-cqrs') ??
    orExit(await prompts.confirm({ message: 'CQRS read model? (only when reads and writes need different shapes)', initialValue: false }));
  const queue =
    flagChoice(values, 'queue', 'no-queue') ??
    orExit(await prompts.confirm({ message: 'Job queue for domain events (BullMQ on Redis, in-process fallback)?', initialValue: true }));
  prompts.outro(`Writing ${name}`);
  return { dir, name, framework, database, cqrs, queue };
}

function summary(result: NewProjectResult, answers: Answers, cwd: string): string {
  const relative = path.relative(cwd, result.root) || '.';
  const database = answers.database.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL (DATABASE_URL in .env)';
  return [
    `Created ${result.name} in ${relative}: ${result.files.length} files`,
    `  ${answers.framework}, ${database}, CQRS ${answers.cqrs ? 'on' : 'off'}, queue ${answers.queue ? 'on' : 'off'}`,
    '',
    'Next steps:',
    ...(relative === '.' ? [] : [`  cd ${relative}`]),
    '  npm install',
    '  npm start              # http://localhost:3000/health/ready',
    '  npm test               # unit + integration tests on the embedded defaults',
    '  strata review .        # expect zero findings',
    '  strata add module <name>',
    '',
  ].join('\n');
}
