import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleDocHtml } from '../src/reporters/html/rule-doc.js';

const docs = fileURLToPath(new URL('../../../docs/rules/', import.meta.url));

describe('a rule page embedded in the HTML report', () => {
  it('renders headings, facts table, lists, emphasis, inline and fenced code', () => {
    const html = ruleDocHtml(
      [
        '# no-circular',
        '',
        'Modules do **not** import each other in a _circle_.',
        '',
        '| | |',
        '|---|---|',
        '| Category | architecture |',
        '',
        '## Bad',
        '',
        '- one `a.ts`',
        '  continued',
        '- two',
        '',
        '1. first',
        '',
        '```ts',
        "import { b } from './b.js';",
        '```',
      ].join('\n'),
    );
    expect(html.split('\n')).toEqual([
      '<p>Modules do <strong>not</strong> import each other in a <em>circle</em>.</p>',
      '<table><tbody><tr><th scope="row">Category</th><td>architecture</td></tr></tbody></table>',
      '<h4>Bad</h4>',
      '<ul><li>one <code>a.ts</code> continued</li><li>two</li></ul>',
      '<ol><li>first</li></ol>',
      '<pre class="doc-code" data-lang="ts"><code>import { b } from &#39;./b.js&#39;;</code></pre>',
    ]);
  });

  it('escapes every piece of text: a page can add no markup, script or attribute of its own', () => {
    const html = ruleDocHtml('Text <script>alert(1)</script> and `<img src=x onerror=alert(1)>` and [x](javascript:alert(1)) and [site](https://example.com/a"b)\n\n```\n</code></pre><script>\n```');
    expect(html).not.toMatch(/<script|<img|javascript:|href="javascript/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<code>&lt;img src=x onerror=alert(1)&gt;</code>');
    // Only web links become links, and their quotes stay inside the attribute.
    expect(html).toContain('<a href="https://example.com/a&quot;b" rel="noopener noreferrer">site</a>');
    expect(html).toContain('<pre class="doc-code"><code>&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;</code></pre>');
  });

  it('names a sibling rule page instead of linking to a file the report does not carry', () => {
    expect(ruleDocHtml('See [layer-direction](layer-direction.md).')).toBe('<p>See layer-direction.</p>');
  });

  it("renders every rule page of the catalogue with its sections and none of Markdown's syntax left over", () => {
    for (const id of ['layer-direction', 'no-circular', 'outbound-call-without-timeout', 'missing-input-validation']) {
      const html = ruleDocHtml(readFileSync(`${docs}${id}.md`, 'utf8'));
      for (const section of ['What', 'Why it matters', 'How to fix', 'Bad', 'Good', 'Configuration']) expect(html, id).toContain(`<h4>${section}</h4>`);
      // Outside code blocks, no Markdown markers survive.
      const prose = html.replace(/<pre[\s\S]*?<\/pre>/g, '').replace(/<code>[\s\S]*?<\/code>/g, '');
      expect(prose, id).not.toMatch(/```|\*\*|^#|\|---/m);
    }
  });
});
