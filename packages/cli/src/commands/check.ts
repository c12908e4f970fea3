import path from 'node:path';
import { createBaseline, exitCodeFor, readBaseline, writeBaseline } from '@strata/core';
import type { Command } from '../command.js';
import { ANALYSIS_OPTIONS, choice, emit, prepare, runAnalysis, SEVERITY_CHOICES, stringOption } from './analysis-options.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'The review as a CI gate: config, severity threshold, baseline of known findings, SARIF',
  usage: 'strata check [dir] [--fail-on error|warn|info|none] [--baseline file] [--update-baseline] [--format sarif --output file]',
  options: {
    ...ANALYSIS_OPTIONS,
    'fail-on': { type: 'string', description: 'Lowest severity that fails the gate: error, warn, info, none', defaultLabel: 'config failOn, else error' },
    baseline: { type: 'string', short: 'b', description: 'Baseline file of known findings: only new findings fail the gate', defaultLabel: 'config baseline' },
    'update-baseline': { type: 'boolean', description: 'Write every current finding to the baseline file and exit 0' },
  },
  async run({ values, positionals }, io) {
    const prepared = await prepare(values, positionals, io);
    const failOn = choice(stringOption(values, 'fail-on'), SEVERITY_CHOICES, 'fail-on') ?? prepared.config.failOn;
    const baselineOption = stringOption(values, 'baseline') ?? prepared.config.baseline;
    const baselineFile = baselineOption ? path.resolve(values.baseline ? io.cwd : prepared.root, baselineOption) : undefined;
    if (values['update-baseline']) {
      const target = baselineFile ?? path.join(prepared.root, 'strata-baseline.json');
      const result = await runAnalysis(prepared, values, io);
      await writeBaseline(target, createBaseline(result.findings));
      io.stderr.write(`Baseline of ${result.findings.length} finding(s) written to ${path.relative(io.cwd, target) || target}\n`);
      return 0;
    }
    const baseline = baselineFile ? await readBaseline(baselineFile) : undefined;
    const result = await runAnalysis(prepared, values, io, baseline);
    await emit(result, values, io);
    return exitCodeFor(result.findings, failOn);
  },
};
