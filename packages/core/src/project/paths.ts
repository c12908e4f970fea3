import path from 'node:path';

/** Relative, forward-slashed: the form every finding and graph node uses, on every OS. */
export function toRelative(root: string, absolute: string): string {
  // The common case, a file below the root, needs no normalisation: path.relative is costly at scale.
  if (absolute.startsWith(root + path.sep) && path.sep === '/') return absolute.slice(root.length + 1);
  return path.relative(root, absolute).split(path.sep).join('/');
}

/**
 * The absolute path of a relative, forward-slashed one under a resolved root. On POSIX it is the two
 * joined: path.join's normalisation is costly at scale, and the listing's paths need none.
 */
export function toAbsolute(root: string, relative: string): string {
  return path.sep === '/' ? `${root}/${relative}` : path.join(root, relative);
}

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

export function isSourceFile(file: string): boolean {
  if (file.endsWith('.d.ts') || file.endsWith('.d.mts') || file.endsWith('.d.cts')) return false;
  return SOURCE_EXTENSIONS.some((ext) => file.endsWith(ext));
}

const SLASH = 47;

/** Whether a relative path lies inside a relative folder; '' and '.' are the root, which holds everything. */
export function isInside(folder: string, relative: string): boolean {
  // `relative.startsWith(folder + '/')` without building that string: asked for every file against
  // every package, tsconfig and front-end folder of a monorepo (millions of times on novu).
  if (folder === '' || folder === '.') return true;
  return relative.length > folder.length && relative.charCodeAt(folder.length) === SLASH && relative.startsWith(folder);
}

/** The nearest of the folders holding a relative path; `folders` must be sorted longest first. */
export function nearestFolder<T extends string>(folders: readonly T[], relative: string): T | undefined {
  return folders.find((folder) => isInside(folder, relative));
}
