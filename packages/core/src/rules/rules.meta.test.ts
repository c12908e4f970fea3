import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import { RULES } from './index.js';
import type { Rule } from './types.js';

/**
 * The rule catalogue checked against itself: registry, folders, docs and fixtures.
 *
 * Fixture convention: `rules/<id>/fixtures/<scenario>/` is a tiny repository (package.json + src)
 * named after its scenario. A scenario whose name ends in `-valid` is quiet: the rule must report
 * nothing on it. Every other scenario fires: the rule must report at least once. Each fixture is
 * exercised by name in `rules/<id>/rule.test.ts`, which asserts its exact findings.
 */
const RULES_DIR = fileURLToPath(new URL('.', import.meta.url));
const DOCS_DIR = path.resolve(RULES_DIR, '../../../../docs/rules');
const REQUIRED_HEADINGS = ['## What', '## Why it matters', '## How to fix', '## Bad', '## Good'];
const QUIET_SUFFIX = '-valid';

/**
 * Fixtures that show an engine bug: the rule test marks them `it.fails`, asserting the correct
 * behaviour. Remove an entry (and the `.fails`) when the engine is fixed.
 */
const KNOWN_ENGINE_BUGS: Record<string, string> = {};

const ruleFolders = readdirSync(RULES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(RULES_DIR, entry.name, 'rule.ts')))
  .map((entry) => entry.name)
  .sort();
const ids = RULES.map((rule) => rule.meta.id);

function fixturesOf(id: string): string[] {
  const dir = path.join(RULES_DIR, id, 'fixtures');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** The text of one `## Heading` section of a markdown page, up to the next `## `. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) return '';
  const rest = markdown.slice(start + heading.length + 2);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('rule registry', () => {
  it('registers every folder that has a rule.ts, and nothing else', () => {
    expect([...ids].sort()).toEqual(ruleFolders);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(ruleFolders)('%s: the folder name is the id of the rule its rule.ts exports', async (folder) => {
    const exported = Object.values((await import(`./${folder}/rule.ts`)) as Record<string, unknown>).filter(
      (value): value is Rule => typeof value === 'object' && value !== null && 'meta' in value,
    );
    expect(exported.map((rule) => rule.meta.id)).toEqual([folder]);
    expect(RULES).toContain(exported[0]);
  });

  it.each(RULES.map((rule) => [rule.meta.id, rule] as const))('%s: metadata is complete, why and fix are sentences', (id, rule) => {
    expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(['error', 'warn', 'info']).toContain(rule.meta.severity);
    expect(rule.meta.title.trim().length).toBeGreaterThan(0);
    for (const text of [rule.meta.why, rule.meta.fix]) {
      expect(text.trim().length).toBeGreaterThanOrEqual(40);
      expect(text).toMatch(/^[A-Z`]/);
      expect(text).toMatch(/[.!]$/);
      expect(text.split(/\s+/).length).toBeGreaterThanOrEqual(8);
    }
    expect(rule.meta.why).not.toBe(rule.meta.fix);
    expect(rule.visitors ?? rule.check).toBeTypeOf('function');
  });
});

describe('rule docs (docs/rules)', () => {
  it.each(ids)('%s: has a page with the required sections, examples and its default severity', (id) => {
    const file = path.join(DOCS_DIR, `${id}.md`);
    expect(existsSync(file), `docs/rules/${id}.md is missing`).toBe(true);
    const markdown = readFileSync(file, 'utf8');
    expect(markdown.startsWith(`# ${id}\n`)).toBe(true);
    for (const heading of REQUIRED_HEADINGS) expect(section(markdown, heading).trim(), `${id}.md: "${heading}"`).not.toBe('');
    // Rules on the repository's operational files show a Dockerfile, a workflow or a manifest.
    for (const heading of ['## Bad', '## Good']) expect(section(markdown, heading), `${id}.md: "${heading}" needs a fenced code block`).toMatch(/```(ts|typescript|js|javascript|dockerfile|yaml|json)\n[\s\S]+?\n```/);
    const severity = RULES.find((rule) => rule.meta.id === id)!.meta.severity;
    expect(markdown).toContain(`| Default severity | \`${severity}\` |`);
    expect(markdown).toContain(`"${id}"`); // the strata.config.json example names the rule
  });

  it('has no page for a rule that does not exist', () => {
    const pages = readdirSync(DOCS_DIR).filter((name) => name.endsWith('.md') && name !== 'README.md').map((name) => name.replace(/\.md$/, ''));
    expect(pages.sort()).toEqual([...ids].sort());
  });

  it('indexes exactly the registered rules, with their default severities, in docs/rules/README.md', () => {
    const index = readFileSync(path.join(DOCS_DIR, 'README.md'), 'utf8');
    const rows = [...index.matchAll(/^\| \[([a-z-]+)\]\(\1\.md\) \| [a-z-]+ \| ([a-z]+) \|/gm)].map((match) => `${match[1]} ${match[2]}`);
    expect(rows.sort()).toEqual(RULES.map((rule) => `${rule.meta.id} ${rule.meta.severity}`).sort());
    const linked = [...index.matchAll(/\]\(([a-z-]+)\.md\)/g)].map((match) => match[1]);
    expect([...new Set(linked)].sort()).toEqual([...ids].sort());
  });
});

describe('rule fixtures', () => {
  it.each(ids)('%s: has at least one firing and one quiet fixture, each a repository used by rule.test.ts', (id) => {
    const fixtures = fixturesOf(id);
    const test = readFileSync(path.join(RULES_DIR, id, 'rule.test.ts'), 'utf8');
    // Rules on the program models are tested with in-memory cases (test/helpers/rule-tester.ts): firing ones and quiet ones.
    if (fixtures.length === 0 && test.includes('runRule(')) {
      expect(test, `${id}: rule.test.ts has no firing case`).toMatch(/it\('fires/);
      expect(test, `${id}: rule.test.ts has no quiet case`).toMatch(/it\('stays quiet/);
      return;
    }
    expect(fixtures.filter((name) => !name.endsWith(QUIET_SUFFIX)).length, `${id}: no firing fixture`).toBeGreaterThan(0);
    expect(fixtures.filter((name) => name.endsWith(QUIET_SUFFIX)).length, `${id}: no quiet fixture (name ending in ${QUIET_SUFFIX})`).toBeGreaterThan(0);
    for (const fixture of fixtures) {
      expect(existsSync(path.join(RULES_DIR, id, 'fixtures', fixture, 'package.json')), `${id}/${fixture} has no package.json`).toBe(true);
      expect(test, `${id}/${fixture} is not exercised by rule.test.ts`).toContain(`'${fixture}'`);
    }
  });

  const cases = ids.flatMap((id) => fixturesOf(id).map((fixture) => ({ id, fixture, quiet: fixture.endsWith(QUIET_SUFFIX), key: `${id}/${fixture}` })));
  for (const { id, fixture, quiet, key } of cases) {
    const test = KNOWN_ENGINE_BUGS[key] ? it.fails : it;
    test(`${key} ${quiet ? 'is quiet' : 'fires'}${KNOWN_ENGINE_BUGS[key] ? ` (known engine bug: ${KNOWN_ENGINE_BUGS[key]})` : ''}`, async () => {
      const result = await analyze({ root: path.join(RULES_DIR, id, 'fixtures', fixture), cache: false, maxWorkers: 1 });
      const count = result.findings.filter((finding) => finding.ruleId === id).length;
      if (quiet) expect(count).toBe(0);
      else expect(count).toBeGreaterThan(0);
    });
  }
});
