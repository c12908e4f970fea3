import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createBaseline, exitCodeFor, readBaseline, writeBaseline } from '@strata/core/api';
import { UsageError, type Command, type CommandIo } from '../command.js';
import { ANALYSIS_OPTIONS, choice, emit, prepare, reportFormat, runAnalysis, SEVERITY_CHOICES, stringOption, type PreparedRun } from './analysis-options.js';
import { gateFailure } from './gate-summary.js';

export const DEFAULT_BASELINE = 'strata-baseline.json';

export const checkCommand: Command = {
  name: 'check',
  summary: 'The review as a CI gate: config, severity threshold, baseline of known findings, SARIF',
  usage: [
    'strata check [dir] [--fail-on error|warn|info|none] [--baseline file] [--update-baseline] [--format sarif --output file]',
    '',
    `Baseline: <dir>/${DEFAULT_BASELINE} by default. \`strata check <dir>\` reads it when it exists (only findings`,
    'not in it fail the gate) and `--update-baseline` writes every current finding there. An explicit',
    '`--baseline <file>` is relative to the current directory; `baseline` in the config, to <dir>.',
  ].join('\n'),
  options: {
    ...ANALYSIS_OPTIONS,
    'fail-on': { type: 'string', description: 'Lowest severity that fails the gate: error, warn, info, none', defaultLabel: 'config failOn, else error' },
    baseline: { type: 'string', short: 'b', description: 'Baseline file of known findings, relative to the current directory', defaultLabel: `<dir>/${DEFAULT_BASELINE} when it exists` },
    'update-baseline': { type: 'boolean', description: 'Write every current finding to the baseline file and exit 0' },
  },
  async run({ values, positionals }, io) {
    const flag = stringOption(values, 'fail-on');
    const failOnFlag = choice(flag, SEVERITY_CHOICES, 'fail-on');
    reportFormat(values);
    const prepared = await prepare(values, positionals, io);
    const failOn = failOnFlag ?? prepared.config.failOn;
    const baseline = locateBaseline(stringOption(values, 'baseline'), prepared, io);
    if (values['update-baseline']) {
      const result = await runAnalysis(prepared, values, io);
      await mkdir(path.dirname(baseline.file), { recursive: true });
      await writeBaseline(baseline.file, createBaseline(result.findings));
      io.stderr.write(`Baseline of ${result.findings.length} finding(s) written to ${shown(baseline.file, io)}\n`);
      return 0;
    }
    if (!existsSync(baseline.file) && baseline.source !== 'default') {
      const create = `strata check ${positionals[0] ?? '.'} ${baseline.source === 'flag' ? `--baseline ${stringOption(values, 'baseline')} ` : ''}--update-baseline`;
      throw new UsageError(`baseline file not found: ${shown(baseline.file, io)} (${baseline.source === 'flag' ? 'relative to the current directory' : 'from the config, relative to <dir>'}); create it there with \`${create}\``);
    }
    const known = existsSync(baseline.file) ? await readBaseline(baseline.file) : undefined;
    const result = await runAnalysis(prepared, values, io, known);
    await emit(result, values, io);
    const code = exitCodeFor(result.findings, failOn);
    if (code !== 0 && failOn !== 'none') io.stderr.write(`${gateFailure(result, failOn, flag ? '--fail-on' : 'config')}\n`);
    return code;
  },
};

interface BaselineLocation {
  file: string;
  /** An explicit file that must exist, or the default that is read only when present. */
  source: 'flag' | 'config' | 'default';
}

/** The one baseline rule: --baseline is relative to the cwd, the config's to <dir>, the default is <dir>/strata-baseline.json. */
function locateBaseline(flag: string | undefined, prepared: PreparedRun, io: CommandIo): BaselineLocation {
  if (flag) return { file: path.resolve(io.cwd, flag), source: 'flag' };
  if (prepared.config.baseline) return { file: path.resolve(prepared.root, prepared.config.baseline), source: 'config' };
  return { file: path.join(prepared.root, DEFAULT_BASELINE), source: 'default' };
}

function shown(file: string, io: CommandIo): string {
  return path.relative(io.cwd, file) || file;
}
