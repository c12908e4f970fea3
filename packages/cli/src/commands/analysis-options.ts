import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  analyze,
  htmlReporter,
  jsonReportPieces,
  loadConfig,
  markdownReporter,
  prettyReporter,
  type AnalysisResult,
  type Baseline,
  type Reporter,
  type StrataConfig,
  StrataError,
} from '@strata/core/api';
import { UsageError, type CommandIo, type OptionSpec } from '../command.js';
import { closest } from '../suggest.js';
import { htmlReporterInputs } from './html-inputs.js';

/** A reporter as the CLI writes it: the text, or pieces of it in order (see writeOutput). */
type Renderer = (...args: Parameters<Reporter>) => string | readonly string[];

/**
 * Each format's reporter. SARIF's is loaded only when chosen: it lists the whole rule catalogue, and a
 * run that reuses the last result otherwise never loads the rules at all. JSON goes out in pieces,
 * each encoded on its own (see jsonReportPieces): the same bytes as jsonReporter's text.
 */
export const REPORTERS: Record<string, () => Renderer | Promise<Renderer>> = {
  pretty: () => prettyReporter,
  json: () => jsonReportPieces,
  sarif: async () => (await import('@strata/core/reporters/sarif')).sarifReporter,
  markdown: () => markdownReporter,
  html: () => htmlReporter,
};
export const SEVERITY_CHOICES = ['error', 'warn', 'info', 'none'] as const;

export const ANALYSIS_OPTIONS: Record<string, OptionSpec> = {
  format: { type: 'string', short: 'f', description: `Output format: ${Object.keys(REPORTERS).join(', ')}`, defaultLabel: 'pretty' },
  output: { type: 'string', short: 'o', description: 'Write the report to this file instead of standard output' },
  config: { type: 'string', short: 'c', description: 'Config file (default: strata.config.{json,mjs,js,ts} or the "strata" key of package.json)' },
  profile: { type: 'string', description: 'recommended | strict-clean | legacy (overrides the config)' },
  'no-cache': { type: 'boolean', description: 'Analyse every file again instead of reusing unchanged results' },
  'cache-dir': { type: 'string', description: 'Where the per-file cache lives', defaultLabel: '$XDG_CACHE_HOME/strata' },
  verbose: { type: 'boolean', description: 'List every occurrence, not the first few per rule' },
  quiet: { type: 'boolean', short: 'q', description: 'No progress messages on stderr' },
};

export function stringOption(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function choice<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) {
    const likely = closest(value, allowed);
    throw new UsageError(`--${option} must be one of ${allowed.join(', ')} (got "${value}"${likely ? `; did you mean ${likely}?` : ''})`);
  }
  return value as T;
}

export interface PreparedRun {
  root: string;
  config: StrataConfig;
}

/** Resolves the root and the config, applying command-line overrides on top of the file. */
export async function prepare(values: Record<string, unknown>, positionals: string[], io: CommandIo): Promise<PreparedRun> {
  if (positionals.length > 1) throw new UsageError(`expected one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  const root = path.resolve(io.cwd, positionals[0] ?? '.');
  const stat = await fs.stat(root).catch(() => null);
  if (!stat) throw new UsageError(`no such directory: ${positionals[0] ?? '.'}`);
  if (!stat.isDirectory()) throw new UsageError(`not a directory: ${positionals[0]} (strata analyses a folder)`);
  const { config } = await loadConfig(root, stringOption(values, 'config'));
  const profile = choice(stringOption(values, 'profile'), ['recommended', 'strict-clean', 'legacy'] as const, 'profile');
  return { root, config: profile ? Object.freeze({ ...config, profile }) : config };
}

export async function runAnalysis(prepared: PreparedRun, values: Record<string, unknown>, io: CommandIo, baseline?: Baseline): Promise<AnalysisResult> {
  const progress = values.quiet ? undefined : startProgress(`Analysing ${prepared.root} …`, io);
  const cacheDir = stringOption(values, 'cache-dir');
  try {
    return await analyze({
      root: prepared.root,
      config: prepared.config,
      cache: values['no-cache'] ? false : (cacheDir ?? true),
      ...(baseline ? { baseline } : {}),
    });
  } finally {
    progress?.stop();
  }
}

/** How long a run must last before it earns a progress line; STRATA_PROGRESS_DELAY_MS overrides it. */
const PROGRESS_DELAY_MS = 400;

/**
 * A progress line on stderr, only on a terminal and only once the run has lasted a moment: a quick
 * run or a piped/CI one prints nothing. With NO_COLOR the line is plain text left in place; otherwise
 * it is erased when the run ends.
 */
function startProgress(message: string, io: CommandIo): { stop(): void } | undefined {
  if (!io.stderr.isTTY) return undefined;
  const plain = Boolean(io.env.NO_COLOR);
  const delay = Number(io.env.STRATA_PROGRESS_DELAY_MS ?? PROGRESS_DELAY_MS);
  let shown = false;
  const timer = setTimeout(() => {
    shown = true;
    io.stderr.write(plain ? `${message}\n` : message);
  }, delay);
  // The timer must never keep a finished process alive.
  timer.unref();
  return {
    stop() {
      clearTimeout(timer);
      if (shown && !plain) io.stderr.write('\r\u001b[2K');
    },
  };
}

/**
 * The report format asked for, checked. Commands call it before the analysis, so that a mistyped
 * `--format` fails at once instead of after a review of the whole repository.
 */
export function reportFormat(values: Record<string, unknown>): string {
  return choice(stringOption(values, 'format') ?? 'pretty', Object.keys(REPORTERS), 'format')!;
}

/** Renders with the chosen reporter and writes to --output or stdout. */
export async function emit(result: AnalysisResult, values: Record<string, unknown>, io: CommandIo): Promise<void> {
  const format = reportFormat(values);
  const output = stringOption(values, 'output');
  const color = !output && format === 'pretty' && Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
  const inputs = format === 'html' ? await htmlReporterInputs(result) : {};
  const render = await REPORTERS[format]!();
  const text = render(result, { color, verbose: Boolean(values.verbose), ...inputs });
  await writeOutput(text, output, io);
  if (output && !values.quiet) io.stderr.write(`Report written to ${output}\n`);
}

/** Writes to the --output file (creating its folder) or, without one, to stdout: one text, or pieces of one in order. */
export async function writeOutput(text: string | readonly string[], output: string | undefined, io: CommandIo): Promise<void> {
  const pieces = typeof text === 'string' ? [text] : text;
  try {
    if (!output) {
      for (const piece of pieces) io.stdout.write(piece);
      return;
    }
    const target = path.resolve(io.cwd, output);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, Buffer.concat(pieces.map((piece) => Buffer.from(piece))));
  } catch (error) {
    // A reader that closed the pipe (`| head`) took what it wanted: not a failure.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
    // A full disk or a folder that cannot be written: one line naming where, never a stack trace.
    throw new StrataError('OUTPUT_UNWRITABLE', `could not write the report to ${output ?? 'standard output'}: ${(error as Error).message}`);
  }
}
