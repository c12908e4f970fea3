import path from 'node:path';
import type { ScopeExclusion } from '../types.js';
import { detectFrontends } from './frontends.js';
import { globToRegexSource } from './gitignore.js';
import { readJsonFile } from './json.js';
import type { ManifestFile } from './manifests.js';
import { nearestFolder } from './paths.js';
import { compareText } from '../compare-text.js';

export interface ScopeOverrides {
  /** Folders (globs) that are front-ends whatever the evidence says. */
  frontend?: readonly string[];
  /** Folders (globs) that are reviewed as backend code whatever the evidence says. */
  backend?: readonly string[];
}

/** What Strata reviews: the repository's backend code, without front-ends and files its tsconfig leaves out. */
export interface ReviewScope {
  frontends: ScopeExclusion[];
  /** Files the owning tsconfig excludes from its program, grouped by tsconfig and pattern. */
  excluded: ScopeExclusion[];
  isOutOfScope(relative: string): boolean;
}

const folderMatcher = (glob: string): RegExp => new RegExp(`^${globToRegexSource(glob.replace(/^\.\//, '').replace(/\/+$/, ''))}(/|$)`);

/** Where a tsconfig `exclude` entry names a folder (`data/static`) it means everything below it too. */
function excludeMatcher(base: string, pattern: string): RegExp {
  const joined = path.posix.normalize(path.posix.join(base, pattern.replace(/^\.\//, ''))).replace(/\/+$/, '');
  return new RegExp(`^${globToRegexSource(joined)}(/.*)?$`);
}

interface TsconfigExclusion {
  base: string;
  file: string;
  patterns: { source: string; regex: RegExp }[];
}

/** `exclude` of every tsconfig.json: the team's own statement of what is not part of the program. */
async function tsconfigExclusions(root: string, allFiles: readonly string[]): Promise<TsconfigExclusion[]> {
  const configs = allFiles.filter((file) => file === 'tsconfig.json' || file.endsWith('/tsconfig.json'));
  const read = await Promise.all(
    configs.map(async (file) => {
      const tsconfig = await readJsonFile(path.join(root, file));
      const exclude = Array.isArray(tsconfig?.exclude) ? (tsconfig.exclude as unknown[]).filter((entry): entry is string => typeof entry === 'string') : [];
      const base = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
      return { base, file, patterns: exclude.map((source) => ({ source, regex: excludeMatcher(base, source) })) };
    }),
  );
  // Nearest first: a file belongs to the tsconfig of its closest folder.
  return read.sort((a, b) => b.base.length - a.base.length);
}

/** Groups by key; the folder shown is the deepest one holding every file of the group. */
function count(groups: Map<string, ScopeExclusion>, key: string, folder: string, reason: string): void {
  const group = groups.get(key);
  if (!group) {
    groups.set(key, { folder, reason, files: 1 });
    return;
  }
  group.files++;
  while (group.folder !== '.' && folder !== group.folder && !folder.startsWith(`${group.folder}/`)) {
    group.folder = path.posix.dirname(group.folder);
  }
}

export async function reviewScope(
  root: string,
  allFiles: readonly string[],
  sourceFiles: readonly string[],
  manifests: readonly ManifestFile[],
  overrides: ScopeOverrides = {},
): Promise<ReviewScope> {
  const forcedFrontends = (overrides.frontend ?? []).map(folderMatcher);
  const forcedBackends = (overrides.backend ?? []).map(folderMatcher);
  const isForcedBackend = (relative: string): boolean => forcedBackends.some((pattern) => pattern.test(relative));

  const detection = await detectFrontends(root, allFiles, manifests);
  const detected = detection.frontends.filter(({ folder }) => !(folder ? isForcedBackend(folder) : forcedBackends.length > 0 && isForcedBackend('')));
  const detectedFolders = detected.map(({ folder }) => folder).sort((a, b) => b.length - a.length);
  // A file belongs to its nearest package: a backend nested in a front-end's folder is still a backend.
  const ownerOf = (relative: string): string | undefined => nearestFolder(detection.packageFolders, relative);
  const frontendFolderOf = (relative: string): string | undefined => {
    if (isForcedBackend(relative)) return undefined;
    const owner = ownerOf(relative);
    // The nearest front-end folder, unless a package nested deeper inside it owns the file.
    const folder = nearestFolder(detectedFolders, relative);
    return folder !== undefined && (owner === undefined || folder.length >= owner.length) ? folder : undefined;
  };
  const forcedFrontend = (relative: string): boolean => forcedFrontends.some((pattern) => pattern.test(relative));

  const tsconfigs = await tsconfigExclusions(root, allFiles);
  const tsconfigOf = new Map(tsconfigs.map((tsconfig) => [tsconfig.base, tsconfig]));
  const tsconfigBases = tsconfigs.map(({ base }) => base);
  const excludedBy = (relative: string): string | undefined => {
    const base = nearestFolder(tsconfigBases, relative);
    const owner = base === undefined ? undefined : tsconfigOf.get(base);
    const pattern = owner?.patterns.find(({ regex }) => regex.test(relative));
    return pattern && owner ? `excluded by ${owner.file} ("${pattern.source}")` : undefined;
  };

  const frontendGroups = new Map<string, ScopeExclusion>();
  const excludedGroups = new Map<string, ScopeExclusion>();
  const outOfScope = new Set<string>();
  for (const relative of sourceFiles) {
    const frontend = forcedFrontend(relative) ? 'front-end by configuration (scope.frontend)' : undefined;
    const folder = frontend ? (overrides.frontend ?? []).find((glob) => folderMatcher(glob).test(relative))!.replace(/\/+$/, '') : frontendFolderOf(relative);
    if (folder !== undefined) {
      count(frontendGroups, folder || '.', folder || '.', frontend ?? detected.find((entry) => entry.folder === folder)!.reason);
      outOfScope.add(relative);
      continue;
    }
    const exclusion = isForcedBackend(relative) ? undefined : excludedBy(relative);
    if (exclusion) {
      count(excludedGroups, exclusion, path.posix.dirname(relative), exclusion);
      outOfScope.add(relative);
    }
  }
  return {
    frontends: [...frontendGroups.values()].sort((a, b) => compareText(a.folder, b.folder)),
    excluded: [...excludedGroups.values()].sort((a, b) => compareText(a.folder, b.folder)),
    isOutOfScope: (relative) => outOfScope.has(relative),
  };
}
