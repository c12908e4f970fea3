import type { Writable } from 'node:stream';

/** Where a command writes and what it runs in; injected so tests run commands in-process. */
export interface CommandIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export type OptionSpec = {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  description: string;
  /** Shown in --help; the value itself is applied by the command. */
  defaultLabel?: string;
};

/** One `strata <name>` sub-command. Exit codes: 0 clean, 1 findings at or above the threshold, 2 usage or config error. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  run(args: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }, io: CommandIo): Promise<number>;
}

/** A usage mistake: reported as one line on stderr with exit code 2, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
