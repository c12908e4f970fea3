import { existsSync, readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnalysisResult, ReporterOptions } from '@strata/core/api';

const MAX_QUOTED_BYTES = 1024 * 1024;
const READ_BATCH = 64;

/**
 * Reads the files an HTML report quotes (each finding's file and its trace steps) so that the pure
 * reporter can show code excerpts. Only files inside the analysed root, only text, only up to 1 MB:
 * a report must never carry a secret from elsewhere on disk, nor a binary.
 */
async function quotedSources(result: AnalysisResult): Promise<Map<string, string>> {
  const files = new Set<string>();
  for (const finding of result.findings) {
    files.add(finding.file);
    for (const step of finding.trace ?? []) files.add(step.file);
  }
  const texts = new Map<string, string>();
  const queue = [...files];
  // A batch at a time: a repository with thousands of findings must not open thousands of files at once.
  for (let start = 0; start < queue.length; start += READ_BATCH) {
    await Promise.all(
      queue.slice(start, start + READ_BATCH).map(async (file) => {
        const absolute = path.resolve(result.root, file);
        if (!absolute.startsWith(result.root + path.sep)) return;
        const stat = await fs.stat(absolute).catch(() => null);
        if (!stat?.isFile() || stat.size > MAX_QUOTED_BYTES) return;
        const bytes = await fs.readFile(absolute).catch(() => null);
        if (bytes && !bytes.includes(0)) texts.set(file, bytes.toString('utf8'));
      }),
    );
  }
  return texts;
}

/**
 * The rule pages beside this installation: a checkout keeps them at the repository root
 * (packages/cli/dist/commands/ is four levels down), the packed package beside its bundled dist/.
 */
function docsFolder(): string | undefined {
  return ['../../../../docs/rules/', '../docs/rules/']
    .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
    .find((folder) => existsSync(path.join(folder, 'layer-direction.md')));
}

/** What the HTML reporter needs from the file system, read here because reporters never touch it. */
export async function htmlReporterInputs(result: AnalysisResult): Promise<Pick<ReporterOptions, 'readSource' | 'docsBase' | 'ruleDoc'>> {
  const texts = await quotedSources(result);
  const folder = docsFolder();
  if (!folder) return { readSource: (file) => texts.get(file) };
  return {
    readSource: (file) => texts.get(file),
    docsBase: pathToFileURL(folder).href,
    // Rule ids are the engine's own (folder names), never a path from the analysed code.
    ruleDoc: (ruleId) => (/^[a-z0-9-]+$/.test(ruleId) && existsSync(path.join(folder, `${ruleId}.md`)) ? readFileSync(path.join(folder, `${ruleId}.md`), 'utf8') : undefined),
  };
}
