import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * The rule pages (docs/rules/<id>.md): beside dist/ in the published package (the bundle sits in
 * <package>/dist/), or in the repository's docs/ folder (this module is in packages/cli/src/ or
 * dist/, the same depth). The first that exists wins.
 */
const DOC_LOCATIONS = ['../docs/rules/', '../../../docs/rules/'];

export function ruleDocsDir(): string | undefined {
  return DOC_LOCATIONS.map((relative) => fileURLToPath(new URL(relative, import.meta.url))).find((dir) => existsSync(`${dir}README.md`));
}

/** The markdown page of one rule, or undefined when this installation has none for it. */
export async function readRuleDoc(ruleId: string): Promise<string | undefined> {
  const dir = ruleDocsDir();
  if (!dir) return undefined;
  return readFile(`${dir}${ruleId}.md`, 'utf8').catch(() => undefined);
}
