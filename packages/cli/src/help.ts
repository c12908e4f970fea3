import { VERSION } from '@strata/core/api';
import type { Command } from './command.js';

export function generalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `strata ${VERSION}: a senior Node.js backend architect for Express, Fastify and NestJS repositories`,
    '',
    'Usage: strata <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    '  -h, --help     Show this help; after a command, the options of that command',
    '  -v, --version  Print the version',
    '',
    'Exit codes: 0 clean, 1 findings at or above the threshold, 2 usage or configuration error.',
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const rows = Object.entries(command.options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ' <value>' : ''}`;
    return [flag, `${spec.description}${spec.defaultLabel ? ` (default: ${spec.defaultLabel})` : ''}`] as const;
  });
  rows.push(['-h, --help', 'Show this help']);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [`${command.summary}`, '', `Usage: ${command.usage}`, '', 'Options:', ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`), ''].join('\n');
}
