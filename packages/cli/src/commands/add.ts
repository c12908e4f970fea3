import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { addToProject, GENERATOR_KINDS, ScaffoldError, type AddResult, type GeneratorKind } from '@strata/scaffold';
import { UsageError, type Command, type CommandIo } from '../command.js';

const COMPOSITION_ROOT = path.join('src', 'bootstrap', 'container.ts');

export const addCommand: Command = {
  name: 'add',
  summary: 'Add a module, entity, value object, use case, repository or route to a generated service',
  usage: `strata add <${GENERATOR_KINDS.join('|')}> <name> [--module <module>] [--force]`,
  options: {
    module: { type: 'string', short: 'm', description: 'Feature module to add to (every kind except module)' },
    entity: { type: 'string', description: 'For `add module`: the aggregate name', defaultLabel: 'singular of the module name' },
    method: { type: 'string', description: 'For `add route`: GET or POST', defaultLabel: 'POST' },
    path: { type: 'string', description: 'For `add route`: the URL path', defaultLabel: '/<module>/<name>' },
    dir: { type: 'string', description: 'Project root', defaultLabel: 'nearest folder above with src/bootstrap/container.ts' },
    force: { type: 'boolean', description: 'Overwrite files that already exist' },
  },
  async run({ values, positionals }, io) {
    const [kindArg, name, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    if (!kindArg || !(GENERATOR_KINDS as readonly string[]).includes(kindArg)) {
      throw new UsageError(`first argument must be one of ${GENERATOR_KINDS.join(', ')}`);
    }
    if (!name) throw new UsageError(`missing <name> for the ${kindArg}`);
    const kind = kindArg as GeneratorKind;
    const root = typeof values.dir === 'string' ? path.resolve(io.cwd, values.dir) : findProjectRoot(io.cwd);
    if (!root) throw new UsageError(`no ${COMPOSITION_ROOT} here or above: run inside a project made by \`strata new\``);
    const method = typeof values.method === 'string' ? values.method.toUpperCase() : undefined;
    if (method !== undefined && method !== 'GET' && method !== 'POST') throw new UsageError('--method must be GET or POST');

    let module = typeof values.module === 'string' ? values.module : undefined;
    if (!module && kind !== 'module') module = await askModule(root, kind, io);

    let result: AddResult;
    try {
      result = await addToProject({
        root,
        kind,
        name,
        ...(module ? { module } : {}),
        ...(typeof values.entity === 'string' ? { entity: values.entity } : {}),
        ...(method ? { method } : {}),
        ...(typeof values.path === 'string' ? { path: values.path } : {}),
        force: values.force === true,
      });
    } catch (error) {
      if (error instanceof ScaffoldError) throw new UsageError(error.message);
      throw error;
    }
    io.stdout.write(report(result));
    return 0;
  },
};

function findProjectRoot(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, COMPOSITION_ROOT))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** On a terminal, offer the existing modules; elsewhere the flag is required. */
async function askModule(root: string, kind: GeneratorKind, io: CommandIo): Promise<string> {
  // Loaded only when a person at a terminal has to choose.
  const prompts = await import('@clack/prompts');
  const modules = await readdir(path.join(root, 'src', 'modules')).catch(() => [] as string[]);
  if (!(io.stdout.isTTY && process.stdin.isTTY && !io.env.CI) || modules.length === 0) {
    throw new UsageError(`--module is required for ${kind} (modules: ${modules.join(', ') || 'none'})`);
  }
  const answer = await prompts.select<string>({ message: `Module for the ${kind}`, options: modules.map((value) => ({ value, label: value })) });
  if (prompts.isCancel(answer)) throw new UsageError('cancelled');
  return answer;
}

function report(result: AddResult): string {
  const lines = ['Wrote:', ...result.written.map((file) => `  ${file}`)];
  if (result.updated.length > 0) lines.push('Registered in:', ...result.updated.map((file) => `  ${file}`));
  lines.push('', 'Next: npm run typecheck && npm test', '');
  return lines.join('\n');
}
