import path from 'node:path';

/** Relative, forward-slashed: the form every finding and graph node uses, on every OS. */
export function toRelative(root: string, absolute: string): string {
  // The common case, a file below the root, needs no normalisation: path.relative is costly at scale.
  if (absolute.startsWith(root + path.sep) && path.sep === '/') return absolute.slice(root.length + 1);
  return path.relative(root, absolute).split(path.sep).join('/');
}

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

export function isSourceFile(file: string): boolean {
  if (file.endsWith('.d.ts') || file.endsWith('.d.mts') || file.endsWith('.d.cts')) return false;
  return SOURCE_EXTENSIONS.some((ext) => file.endsWith(ext));
}
