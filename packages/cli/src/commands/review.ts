import { exitCodeFor } from '@strata/core/api';
import type { Command } from '../command.js';
import { ANALYSIS_OPTIONS, choice, emit, prepare, reportFormat, runAnalysis, SEVERITY_CHOICES, stringOption } from './analysis-options.js';

export const reviewCommand: Command = {
  name: 'review',
  summary: 'Review a backend repository: context, layers, dependency direction, findings with what/why/fix',
  usage: 'strata review [dir] [--format pretty|json|sarif|markdown|html] [--output file]',
  options: {
    ...ANALYSIS_OPTIONS,
    'fail-on': { type: 'string', description: 'Exit with 1 when a finding is at or above this severity: error, warn, info, none', defaultLabel: 'none' },
  },
  async run({ values, positionals }, io) {
    const failOn = choice(stringOption(values, 'fail-on') ?? 'none', SEVERITY_CHOICES, 'fail-on')!;
    reportFormat(values);
    const prepared = await prepare(values, positionals, io);
    const result = await runAnalysis(prepared, values, io);
    await emit(result, values, io);
    return exitCodeFor(result.findings, failOn);
  },
};
