import { parseArgs } from 'node:util';
import { StrataError, VERSION } from '@strata/core/api';
import { UsageError, type Command, type CommandIo } from './command.js';
import { COMMANDS } from './commands/index.js';
import { commandHelp, generalHelp } from './help.js';
import { didYouMean } from './suggest.js';

function toParseArgsOptions(command: Command): Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  return options;
}

/** Runs one CLI invocation and returns its exit code: 0 clean, 1 findings at or above the threshold, 2 usage or config error. */
/** Whether `name` is one of the commands (the launcher keeps a code cache per command, and none for anything else). */
export function isCommand(name: string | undefined): boolean {
  return COMMANDS.some((command) => command.name === name);
}

export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(generalHelp(COMMANDS));
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr.write(`strata: ${unknownCommand(name)}\n`);
    return 2;
  }
  try {
    const parsed = parseArgs({ args: [...rest], options: toParseArgsOptions(command), allowPositionals: true, strict: true });
    if (parsed.values.help) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    return await command.run({ values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals }, io);
  } catch (error) {
    return reportFailure(error, command, io);
  }
}

/** Before a command only --help and --version exist; a mistyped command or flag gets the nearest real one. */
function unknownCommand(name: string): string {
  if (name.startsWith('-')) return `unknown option ${name}${didYouMean(name, TOOL_FLAGS, 'options follow the command: strata <command> [options]')}`;
  return `unknown command "${name}"${didYouMean(name, COMMANDS.map((command) => command.name), 'run `strata --help` for the list')}`;
}

const TOOL_FLAGS = ['--help', '--version', '-h', '-v'];

/** node:util's messages for unknown options run to several sentences; ours is one line naming the likely flag. */
function usageMessage(error: Error & { code?: string }, command: Command): string {
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return error.message;
  const flag = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const known = ['--help', ...Object.keys(command.options).map((option) => `--${option}`)];
  return `unknown option ${flag}${didYouMean(flag.split('=')[0]!, known, `run \`strata ${command.name} --help\` for the options`)}`;
}

function reportFailure(error: unknown, command: Command, io: CommandIo): number {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    io.stderr.write(`strata ${command.name}: ${usageMessage(error as Error, command)}\n`);
    return 2;
  }
  if (error instanceof StrataError) {
    io.stderr.write(`strata ${command.name}: ${error.message} [${error.code}]\n`);
    return 2;
  }
  // An unexpected failure is still one line; STRATA_DEBUG=1 shows the stack for a bug report.
  const detail = io.env.STRATA_DEBUG ? `\n${(error as Error).stack ?? ''}` : ' (set STRATA_DEBUG=1 for details)';
  io.stderr.write(`strata ${command.name}: internal error: ${(error as Error).message ?? String(error)}${detail}\n`);
  return 2;
}
