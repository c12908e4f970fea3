import { htmlGraphReport, type HtmlGraphOptions } from '../reporters/html/index.js';
import type { AnalysisResult, GraphView } from '../types.js';

export type GraphFormat = 'ascii' | 'mermaid' | 'dot' | 'json' | 'html';
export const GRAPH_FORMATS: readonly GraphFormat[] = ['ascii', 'mermaid', 'dot', 'json', 'html'];

function ascii(view: GraphView): string {
  if (view.nodes.length === 0) return 'No modules match.\n';
  const lines: string[] = [];
  for (const node of view.nodes) {
    lines.push(`${node.id}${node.layer && view.level === 'file' ? ` [${node.layer}]` : ''} (${node.files} file${node.files === 1 ? '' : 's'})`);
    const outgoing = view.edges.filter((edge) => edge.from === node.id);
    outgoing.forEach((edge, index) => {
      const branch = index === outgoing.length - 1 ? '└' : '├';
      const arrow = edge.allowed ? '──►' : '─✗►';
      lines.push(`  ${branch}${arrow} ${edge.to} (${edge.count})${edge.allowed ? '' : '  not allowed'}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

function identifiers(view: GraphView): Map<string, string> {
  return new Map(view.nodes.map((node, index) => [node.id, `n${index}`]));
}

function mermaid(view: GraphView): string {
  const ids = identifiers(view);
  const lines = ['flowchart LR'];
  for (const node of view.nodes) lines.push(`  ${ids.get(node.id)}["${node.id.replace(/"/g, '#quot;')} (${node.files})"]`);
  const violations: number[] = [];
  view.edges.forEach((edge, index) => {
    lines.push(`  ${ids.get(edge.from)} -->|${edge.count}| ${ids.get(edge.to)}`);
    if (!edge.allowed) violations.push(index);
  });
  if (violations.length) lines.push(`  linkStyle ${violations.join(',')} stroke:#d33,stroke-width:2px`);
  return `${lines.join('\n')}\n`;
}

function dot(view: GraphView): string {
  const quote = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const lines = ['digraph strata {', '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];'];
  for (const node of view.nodes) lines.push(`  ${quote(node.id)} [label=${quote(`${node.id}\n${node.files} file${node.files === 1 ? '' : 's'}`)}];`);
  for (const edge of view.edges) {
    const style = edge.allowed ? '' : ', color="#d33", fontcolor="#d33", penwidth=2';
    lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)} [label="${edge.count}"${style}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The interactive page needs the file-level graph behind the view, so html also takes the result. */
export interface HtmlGraphSource extends Omit<HtmlGraphOptions, 'level'> {
  result: AnalysisResult;
}

export function formatGraph(view: GraphView, format: GraphFormat, html?: HtmlGraphSource): string {
  if (format === 'html') {
    if (!html) throw new TypeError('formatGraph: the html format needs the analysis result');
    const { result, ...options } = html;
    return htmlGraphReport(result, { ...options, level: view.level });
  }
  if (format === 'mermaid') return mermaid(view);
  if (format === 'dot') return dot(view);
  if (format === 'json') return `${JSON.stringify(view, null, 2)}\n`;
  return ascii(view);
}
