/**
 * The few facts Strata needs from CI YAML, read line by line: no YAML library is a dependency of
 * the core (the root's `yaml` is a dev dependency of the monorepo), and the facts are shallow.
 * What is read: the shell commands of steps (`run:`, `script:`, `command:`… as a scalar, a block
 * scalar `|`/`>` or a list), and `uses:` targets. Anything else, and malformed YAML, is skipped.
 */

export interface YamlCommand {
  text: string;
  line: number;
}

/** Keys whose value is a shell command (GitHub `run`, GitLab/Bitbucket/Travis `script`, CircleCI `command`, Azure `bash`). */
const COMMAND_KEYS = new Set(['run', 'script', 'scripts', 'command', 'before_script', 'after_script', 'bash', 'sh', 'pwsh', 'powershell', 'install', 'before_install', 'commands', 'cmd']);

const KEY = /^(\s*)(-\s+)?([A-Za-z_][\w.-]*)\s*:(?:\s+(.*))?$/;
const ITEM = /^(\s*)-\s+(.*)$/;

const indentOf = (line: string): number => line.length - line.trimStart().length;

function unquote(value: string): string {
  const text = value.trim();
  if (text.length >= 2 && ((text.startsWith('"') && text.endsWith('"')) || (text.startsWith("'") && text.endsWith("'")))) return text.slice(1, -1);
  // A trailing comment on a plain scalar.
  return text.replace(/\s+#.*$/, '');
}

/** The lines of a block scalar or an indented continuation below `from`, deeper than `indent`. */
function block(lines: readonly string[], from: number, indent: number): { texts: YamlCommand[]; next: number } {
  const texts: YamlCommand[] = [];
  let index = from;
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (!line.trim()) continue;
    if (indentOf(line) <= indent) break;
    texts.push({ text: line.trim(), line: index + 1 });
  }
  return { texts, next: index };
}

export interface YamlFacts {
  commands: YamlCommand[];
  uses: YamlCommand[];
  /** Top-level and nested keys seen (`script`, `language`…), for provider defaults. */
  keys: Set<string>;
  /** Scalar values of top-level keys (`language: node_js`). */
  topLevel: Map<string, string>;
}

export function readYamlFacts(text: string): YamlFacts {
  const lines = text.split('\n');
  const facts: YamlFacts = { commands: [], uses: [], keys: new Set(), topLevel: new Map() };
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    const match = line.trimStart().startsWith('#') ? null : KEY.exec(line);
    if (!match) {
      index++;
      continue;
    }
    const indent = match[1]!.length + (match[2]?.length ?? 0);
    const key = match[3]!.toLowerCase();
    const value = (match[4] ?? '').trim();
    facts.keys.add(key);
    if (!match[1] && !match[2] && value) facts.topLevel.set(key, unquote(value));
    if (key === 'uses' && value) facts.uses.push({ text: unquote(value), line: index + 1 });
    if (!COMMAND_KEYS.has(key)) {
      index++;
      continue;
    }
    if (/^[|>][+-]?\d*\s*(#.*)?$/.test(value)) {
      const { texts, next } = block(lines, index + 1, indent);
      facts.commands.push(...texts);
      index = next;
      continue;
    }
    if (value.startsWith('[')) {
      for (const part of value.replace(/^\[|\]\s*$/g, '').split(',')) if (part.trim()) facts.commands.push({ text: unquote(part), line: index + 1 });
      index++;
      continue;
    }
    if (value) {
      // A plain scalar may continue on deeper lines (folded by YAML into one line).
      const { texts, next } = block(lines, index + 1, indent);
      const continued = texts.length && !texts.some((entry) => KEY.test(lines[entry.line - 1]!) || ITEM.test(lines[entry.line - 1]!));
      facts.commands.push({ text: [unquote(value), ...(continued ? texts.map((entry) => entry.text) : [])].join(' '), line: index + 1 });
      index = continued ? next : index + 1;
      continue;
    }
    // An empty value: a list of commands below (GitLab `script:` then `- npm test`, at the key's indent or deeper).
    index++;
    while (index < lines.length) {
      const next = lines[index]!;
      if (!next.trim() || next.trimStart().startsWith('#')) {
        index++;
        continue;
      }
      const item = ITEM.exec(next);
      if (!item || item[1]!.length < indent) break;
      if (item[1]!.length === indent && match[2]) break; // a sibling item of the list the key was in
      const content = item[2]!.trim();
      // A mapping item (CircleCI `- run:`) is not a command: the main loop reads its keys.
      if (/^[\w.-]+:(\s|$)/.test(content)) break;
      if (/^[|>][+-]?\d*$/.test(content)) {
        const { texts, next: after } = block(lines, index + 1, item[1]!.length);
        facts.commands.push(...texts);
        index = after;
        continue;
      }
      facts.commands.push({ text: unquote(content), line: index + 1 });
      index++;
    }
  }
  return facts;
}
