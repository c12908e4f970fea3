import type { AnalysisResult, GraphLevel } from '../../types.js';
import type { Reporter, ReporterOptions } from '../types.js';
import { buildReportData } from './data.js';
import { renderPage, type Section } from './layout.js';

/**
 * One self-contained page: the data embedded as JSON, the stylesheet and the script inline, nothing
 * fetched (its Content-Security-Policy forbids it), so it opens from file:// and can be attached to
 * a pull request.
 */
export const htmlReporter: Reporter = (result, options = {}) => {
  const sections: Section[] = ['overview', 'findings', ...(result.routes ? (['routes'] as const) : []), 'layers', 'modules', 'cycles', 'unlayered'];
  return renderPage(result, {
    title: 'Strata review',
    sections,
    data: buildReportData(result, { readSource: options.readSource, docsBase: options.docsBase, ruleDoc: options.ruleDoc, level: 'module' }),
  });
};

export interface HtmlGraphOptions extends Pick<ReporterOptions, 'docsBase' | 'readSource' | 'ruleDoc'> {
  level: GraphLevel;
  /** Only files under this folder. */
  focus?: string;
}

/** `strata graph --format html`: the diagrams without the findings list. */
export function htmlGraphReport(result: AnalysisResult, options: HtmlGraphOptions): string {
  return renderPage(result, {
    title: `Strata dependency graph${options.focus ? ` · ${options.focus}` : ''}`,
    sections: ['layers', 'modules', 'cycles', 'unlayered'],
    data: buildReportData(result, options),
  });
}

