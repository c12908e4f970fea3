import { parseArgs } from 'node:util';
import { StrataError, VERSION } from '@strata/core';
import { UsageError, type Command, type CommandIo } from './command.js';
import { COMMANDS } from './commands/index.js';
import { commandHelp, generalHelp } from './help.js';

function toParseArgsOptions(command: Command): Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  return options;
}

/** Runs one CLI invocation and returns its exit code: 0 clean, 1 findings at or above the threshold, 2 usage or config error. */
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
    io.stderr.write(`strata: unknown command "${name}". Run \`strata --help\` for the list.\n`);
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

function reportFailure(error: unknown, command: Command, io: CommandIo): number {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    io.stderr.write(`strata ${command.name}: ${(error as Error).message}\nRun \`strata ${command.name} --help\` for usage.\n`);
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
