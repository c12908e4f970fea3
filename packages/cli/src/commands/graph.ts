import { buildGraphView, formatGraph, GRAPH_FORMATS } from '@strata/core/api';
import type { Command } from '../command.js';
import { ANALYSIS_OPTIONS, choice, prepare, runAnalysis, stringOption, writeOutput } from './analysis-options.js';

const LEVELS = ['layer', 'module', 'file'] as const;

export const graphCommand: Command = {
  name: 'graph',
  summary: 'Draw the dependency flow between layers, modules (folders) or files',
  usage: 'strata graph [dir] [--level layer|module|file] [--format ascii|mermaid|dot|json|html] [--focus folder]',
  options: {
    level: { type: 'string', short: 'l', description: 'layer, module (folder) or file', defaultLabel: 'layer' },
    format: { type: 'string', short: 'f', description: `Output format: ${GRAPH_FORMATS.join(', ')}`, defaultLabel: 'ascii' },
    focus: { type: 'string', description: 'Only files under this folder (relative to dir)' },
    output: ANALYSIS_OPTIONS.output!,
    config: ANALYSIS_OPTIONS.config!,
    'no-cache': ANALYSIS_OPTIONS['no-cache']!,
    'cache-dir': ANALYSIS_OPTIONS['cache-dir']!,
    quiet: ANALYSIS_OPTIONS.quiet!,
  },
  async run({ values, positionals }, io) {
    const level = choice(stringOption(values, 'level') ?? 'layer', LEVELS, 'level')!;
    const format = choice(stringOption(values, 'format') ?? 'ascii', GRAPH_FORMATS, 'format')!;
    const prepared = await prepare(values, positionals, io);
    const result = await runAnalysis(prepared, values, io);
    const focus = stringOption(values, 'focus');
    const text = formatGraph(buildGraphView(result, { level, ...(focus ? { focus } : {}) }), format, { result, ...(focus ? { focus } : {}) });
    await writeOutput(text, stringOption(values, 'output'), io);
    return 0;
  },
};
