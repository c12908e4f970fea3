import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readJsonFile } from './json.js';

export interface WorkspacePackage {
  name: string;
  /** Absolute directory of the package. */
  directory: string;
  manifest: Record<string, unknown>;
}

function workspacePatterns(manifest: Record<string, unknown> | null): string[] {
  const field = manifest?.workspaces;
  if (Array.isArray(field)) return field.filter((entry): entry is string => typeof entry === 'string');
  const packages = (field as { packages?: unknown } | undefined)?.packages;
  return Array.isArray(packages) ? packages.filter((entry): entry is string => typeof entry === 'string') : [];
}

/** The `packages:` list of pnpm-workspace.yaml: a flat list is all that file format uses in practice. */
async function pnpmPatterns(root: string): Promise<string[]> {
  let text: string;
  try {
    text = await fs.readFile(path.join(root, 'pnpm-workspace.yaml'), 'utf8');
  } catch {
    return [];
  }
  const patterns: string[] = [];
  let inPackages = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^packages\s*:/.test(line)) inPackages = true;
    else if (/^\S/.test(line)) inPackages = false;
    else if (inPackages) {
      const match = /^\s*-\s*['"]?([^'"#]+?)['"]?\s*(#.*)?$/.exec(line);
      if (match) patterns.push(match[1]!);
    }
  }
  return patterns;
}

async function expandPattern(root: string, pattern: string): Promise<string[]> {
  if (pattern.startsWith('!')) return [];
  const clean = pattern.replace(/\/+$/, '');
  if (!clean.includes('*')) return [path.join(root, clean)];
  const base = clean.slice(0, clean.indexOf('*')).replace(/\/+$/, '');
  const recursive = clean.includes('**');
  const found: string[] = [];
  const visit = async (directory: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const child = path.join(directory, entry.name);
      found.push(child);
      if (recursive && depth < 4) await visit(child, depth + 1);
    }
  };
  await visit(path.join(root, base), 0);
  return found;
}

/** npm, yarn and pnpm workspaces of the root, by package name. */
export async function readWorkspaces(root: string, rootManifest: Record<string, unknown> | null): Promise<WorkspacePackage[]> {
  const patterns = [...workspacePatterns(rootManifest), ...(await pnpmPatterns(root))];
  const excluded = patterns.filter((p) => p.startsWith('!')).map((p) => path.join(root, p.slice(1)));
  const directories = new Set((await Promise.all(patterns.map((p) => expandPattern(root, p)))).flat());
  const packages: WorkspacePackage[] = [];
  for (const directory of [...directories].sort()) {
    if (excluded.includes(directory)) continue;
    const manifest = await readJsonFile(path.join(directory, 'package.json'));
    if (manifest && typeof manifest.name === 'string') packages.push({ name: manifest.name, directory, manifest });
  }
  return packages;
}
