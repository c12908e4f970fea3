import { describe, expect, it } from 'vitest';
import { isInside, nearestFolder } from '../src/project/paths.js';

/** The definition the lookup must keep: the first folder of a longest-first list that holds the path. */
const byScan = (folders: readonly string[], relative: string): string | undefined => folders.find((folder) => isInside(folder, relative));

describe('the nearest folder holding a path', () => {
  const longestFirst = (folders: string[]): string[] => folders.sort((a, b) => b.length - a.length);

  it('is the deepest listed ancestor, the root when only it holds the path, and never the path itself', () => {
    const folders = longestFirst(['apps/api', 'apps/api/src/modules', 'apps', 'libs/dal', '']);
    expect(nearestFolder(folders, 'apps/api/src/modules/user/user.ts')).toBe('apps/api/src/modules');
    expect(nearestFolder(folders, 'apps/api/main.ts')).toBe('apps/api');
    expect(nearestFolder(folders, 'apps/apiary/main.ts')).toBe('apps');
    expect(nearestFolder(folders, 'libs/dal')).toBe('');
    expect(nearestFolder(folders, 'tools/x.ts')).toBe('');
    expect(nearestFolder(longestFirst(['apps/api', 'libs']), 'tools/x.ts')).toBeUndefined();
    expect(nearestFolder(longestFirst(['apps/api', '.']), 'x.ts')).toBe('.');
  });

  it('answers as a scan of the list does, on every path of a generated tree', () => {
    const segments = ['a', 'b', 'ab', 'a.b', ''];
    const paths: string[] = [];
    for (const first of segments) for (const second of segments) for (const third of segments) paths.push([first, second, third, 'f.ts'].filter(Boolean).join('/'), `${first}//${second}/f.ts`);
    const folders = longestFirst(['a', 'a/b', 'ab', 'a.b/a', 'b/ab/a', 'a/', 'a//b', '.']);
    for (const relative of paths) expect([relative, nearestFolder(folders, relative)]).toEqual([relative, byScan(folders, relative)]);
    const noRoot = folders.filter((folder) => folder !== '.');
    for (const relative of paths) expect([relative, nearestFolder(noRoot, relative)]).toEqual([relative, byScan(noRoot, relative)]);
  });
});
