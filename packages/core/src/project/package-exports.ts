/**
 * Picks the file a package.json `exports` (or `main`/`module`/`types`) maps a subpath to, preferring
 * conditions that point at sources or types: used to send a workspace import to the workspace's
 * source when its build output does not exist (fresh clones, fetched repositories).
 */
const PREFERRED_CONDITIONS = new Set(['source', 'development', 'types', 'import', 'node', 'module', 'require', 'default']);

function pickTarget(value: unknown, wildcard: string | null): string | null {
  if (typeof value === 'string') return wildcard === null ? value : value.replaceAll('*', wildcard);
  if (Array.isArray(value)) {
    for (const item of value) {
      const picked = pickTarget(item, wildcard);
      if (picked) return picked;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [condition, nested] of Object.entries(value)) {
      if (!PREFERRED_CONDITIONS.has(condition)) continue;
      const picked = pickTarget(nested, wildcard);
      if (picked) return picked;
    }
  }
  return null;
}

export function exportsTarget(manifest: Record<string, unknown>, subpath: string): string | null {
  const exportsField = manifest.exports;
  const key = subpath ? `./${subpath}` : '.';
  if (exportsField !== undefined && exportsField !== null) {
    const isSubpathMap = typeof exportsField === 'object' && !Array.isArray(exportsField) && Object.keys(exportsField).some((k) => k.startsWith('.'));
    if (!isSubpathMap) return key === '.' ? pickTarget(exportsField, null) : null;
    const map = exportsField as Record<string, unknown>;
    if (key in map) return pickTarget(map[key], null);
    for (const [pattern, value] of Object.entries(map)) {
      const star = pattern.indexOf('*');
      if (star === -1) continue;
      const prefix = pattern.slice(0, star);
      const suffix = pattern.slice(star + 1);
      if (key.startsWith(prefix) && key.endsWith(suffix) && key.length >= prefix.length + suffix.length) {
        return pickTarget(value, key.slice(prefix.length, key.length - suffix.length));
      }
    }
    return null;
  }
  if (subpath) return `./${subpath}`;
  for (const field of ['source', 'types', 'typings', 'module', 'main']) {
    if (typeof manifest[field] === 'string') return manifest[field] as string;
  }
  return './index.js';
}
