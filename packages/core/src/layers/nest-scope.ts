import path from 'node:path';
import type { FileAnalysis } from '../project/file-analysis.js';
import type { ManifestFile } from '../project/manifests.js';
import { nearestFolder } from '../project/paths.js';

export interface NestScope {
  /** Some package of the repository is a NestJS app. */
  usesNest: boolean;
  /** The file belongs to a package built on NestJS (not an SDK that only adapts to it). */
  isNestFile(relative: string): boolean;
}

const mentionsNest = (field: unknown): boolean => Object.keys((field as Record<string, string> | undefined) ?? {}).some((name) => name.startsWith('@nestjs/'));

/**
 * Which packages are NestJS apps. A runtime dependency on `@nestjs/*` says so; a peer or dev
 * dependency says the package adapts to Nest (an SDK's Nest integration) without being an app;
 * with neither, the package's own imports decide.
 */
export function nestScope(manifests: readonly ManifestFile[], files: ReadonlyMap<string, FileAnalysis>): NestScope {
  const folders = manifests.map(({ file, manifest }) => ({ folder: path.posix.dirname(file), manifest })).sort((a, b) => b.folder.length - a.folder.length);
  const folderNames = folders.map(({ folder }) => folder);
  const ownerOf = (relative: string): string => nearestFolder(folderNames, relative) ?? '.';
  const importsNest = new Set<string>();
  for (const [relative, analysis] of files) {
    if (analysis.imports.some((entry) => entry.specifier.startsWith('@nestjs/') && entry.kind !== 'type-only')) importsNest.add(ownerOf(relative));
  }
  const verdicts = new Map<string, boolean>();
  for (const { folder, manifest } of folders) {
    if (mentionsNest(manifest.dependencies)) verdicts.set(folder, true);
    else if (mentionsNest(manifest.peerDependencies) || mentionsNest(manifest.devDependencies)) verdicts.set(folder, false);
    else verdicts.set(folder, importsNest.has(folder));
  }
  const usesNest = [...verdicts.values()].some(Boolean) || (folders.length === 0 && importsNest.size > 0);
  return {
    usesNest,
    isNestFile: (relative) => verdicts.get(ownerOf(relative)) ?? importsNest.has(ownerOf(relative)),
  };
}
