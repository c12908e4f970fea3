import type { LayerSummary } from '../types.js';
import type { Style } from './style.js';

/** The summary lists layers outer to inner, the order the diagram stacks them in. */
function ordered(summary: LayerSummary): LayerSummary['layers'] {
  return summary.layers.filter((layer) => layer.files > 0);
}

/**
 * The layer flow as ASCII: the layers as a stack of boxes with their sizes, then every
 * layer-to-layer dependency with its import count; arrows against the allowed direction are
 * marked with ✗ so the violations stand out.
 */
export function renderLayerDiagram(summary: LayerSummary, style: Style, verbose = false): string[] {
  const layers = ordered(summary);
  if (layers.length === 0) return ['  No files fall into a known layer.'];
  const labels = layers.map((layer) => `${layer.name} (${layer.files})`);
  const width = Math.max(...labels.map((label) => label.length)) + 4;
  const lines: string[] = [];
  for (const label of labels) {
    lines.push(`  ┌${'─'.repeat(width)}┐`);
    lines.push(`  │ ${label.padEnd(width - 1)}│`);
    lines.push(`  └${'─'.repeat(width)}┘`);
  }
  const flows = [...summary.flows].sort((a, b) => Number(a.allowed) - Number(b.allowed) || b.count - a.count);
  if (flows.length) {
    lines.push('');
    const nameWidth = Math.max(...flows.map((flow) => flow.from.length));
    const targetWidth = Math.max(...flows.map((flow) => flow.to.length));
    for (const flow of flows) {
      const arrow = flow.allowed ? '───►' : '─✗─►';
      const row = `  ${flow.from.padStart(nameWidth)} ${arrow} ${flow.to.padEnd(targetWidth)} ${String(flow.count).padStart(5)} import${flow.count === 1 ? '' : 's'}`;
      lines.push(flow.allowed ? style.dim(row) : style.red(`${row}  not allowed`));
    }
  }
  if (summary.unclassified) lines.push('', style.dim(unclassifiedLine(summary, verbose)));
  return lines;
}

const FOLDERS_SHOWN = 5;

/** "12 files outside any layer, in scripts/ (7), src/lib/ (5)": where they are says why. */
function unclassifiedLine(summary: LayerSummary, verbose: boolean): string {
  const folders = summary.unclassifiedFolders;
  const shown = verbose ? folders : folders.slice(0, FOLDERS_SHOWN);
  const list = shown.map(({ folder, files }) => `${folder === '.' ? './' : `${folder}/`} (${files})`).join(', ');
  const rest = folders.length - shown.length;
  const more = rest > 0 ? `, and ${rest} more folder${rest === 1 ? '' : 's'} (--verbose lists all)` : '';
  return `  ${summary.unclassified} file${summary.unclassified === 1 ? '' : 's'} outside any layer, in ${list}${more}.`;
}
