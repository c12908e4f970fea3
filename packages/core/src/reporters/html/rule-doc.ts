import { escapeHtml } from './markup.js';

/**
 * A rule's page (docs/rules/<id>.md) as HTML for the report, so that the doc travels with the file:
 * a link to the author's disk means nothing in a pull request. Only the Markdown the rule pages use:
 * headings, paragraphs, lists, tables, fenced code, inline code, emphasis and links. Every piece of
 * text is escaped before a tag is put around it, so a page can add no markup of its own.
 */

function inline(text: string): string {
  // Code spans first, kept aside so that their contents are never read as emphasis or links.
  const spans: string[] = [];
  const withoutCode = text.replace(/`([^`]+)`/g, (_, code: string) => `\u0000${spans.push(`<code>${escapeHtml(code)}</code>`) - 1}\u0000`);
  return escapeHtml(withoutCode)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_(.+?)_(?=[\s).,;:]|$)/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, href: string) =>
      // Web pages open as links; a sibling rule page (`no-circular.md`) is named, since it is not in this file.
      /^https?:\/\//.test(href) ? `<a href="${href}" rel="noopener noreferrer">${label}</a>` : label,
    )
    .replace(/\u0000(\d+)\u0000/g, (_, index: string) => spans[Number(index)]!);
}

const cells = (row: string): string[] => row.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim());

function table(rows: string[]): string {
  const [head, , ...body] = rows;
  const headCells = cells(head!);
  // The rule pages' facts table has an empty header row: leave the head out then.
  const thead = headCells.some(Boolean) ? `<thead><tr>${headCells.map((cell) => `<th scope="col">${inline(cell)}</th>`).join('')}</tr></thead>` : '';
  const tbody = body.map((row) => `<tr>${cells(row).map((cell, index) => (index === 0 ? `<th scope="row">${inline(cell)}</th>` : `<td>${inline(cell)}</td>`)).join('')}</tr>`).join('');
  return `<table>${thead}<tbody>${tbody}</tbody></table>`;
}

function list(items: string[], ordered: boolean): string {
  const tag = ordered ? 'ol' : 'ul';
  return `<${tag}>${items.map((item) => `<li>${inline(item)}</li>`).join('')}</${tag}>`;
}

/** The page without its first heading (the rule id, which the report already shows). */
export function ruleDocHtml(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let index = 0;
  const LIST_ITEM = /^\s*([-*]|\d+\.)\s+/;
  while (index < lines.length) {
    const line = lines[index]!;
    const fence = /^```(\w*)/.exec(line);
    if (fence) {
      const code: string[] = [];
      for (index++; index < lines.length && !lines[index]!.startsWith('```'); index++) code.push(lines[index]!);
      index++;
      out.push(`<pre class="doc-code"${fence[1] ? ` data-lang="${escapeHtml(fence[1])}"` : ''}><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      index++;
      const level = heading[1]!.length;
      if (level === 1) continue;
      // Inside a finding the page sits under h3 headings: its sections become h4 and lower.
      out.push(`<h${Math.min(6, level + 2)}>${inline(heading[2]!)}</h${Math.min(6, level + 2)}>`);
      continue;
    }
    if (line.trim().startsWith('|')) {
      const rows: string[] = [];
      for (; index < lines.length && lines[index]!.trim().startsWith('|'); index++) rows.push(lines[index]!);
      out.push(table(rows));
      continue;
    }
    if (LIST_ITEM.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      for (; index < lines.length && lines[index]!.trim() !== '' && !lines[index]!.startsWith('```'); index++) {
        const current = lines[index]!;
        // A line that does not open an item continues the one before it.
        if (LIST_ITEM.test(current) || items.length === 0) items.push(current.replace(LIST_ITEM, ''));
        else items[items.length - 1] += ` ${current.trim()}`;
      }
      out.push(list(items, ordered));
      continue;
    }
    if (line.trim() === '') {
      index++;
      continue;
    }
    const paragraph: string[] = [];
    for (; index < lines.length; index++) {
      const current = lines[index]!;
      if (current.trim() === '' || /^(#{1,6}\s|```|\s*\|)/.test(current) || LIST_ITEM.test(current)) break;
      paragraph.push(current.trim());
    }
    out.push(`<p>${inline(paragraph.join(' '))}</p>`);
  }
  return out.join('\n');
}
