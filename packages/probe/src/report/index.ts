import { htmlReport } from './html.js';
import { markdownReport } from './markdown.js';
import { textReport } from './text.js';
import type { ProbeFormat } from '../formats.js';
import type { ProbeReport } from './types.js';


/** Renders the report; pure, like every reporter. */
export function formatProbeReport(report: ProbeReport, format: ProbeFormat, options: { color: boolean } = { color: false }): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'markdown':
      return markdownReport(report);
    case 'html':
      return htmlReport(report);
    case 'text':
      return textReport(report, options);
  }
}
