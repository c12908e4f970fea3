import { toRelative } from '../project/paths.js';
import type { WorkspacePackage } from '../project/workspaces.js';

export interface PackageScope {
  /** The path inside its workspace package, where folder conventions apply. */
  withinPackage(relative: string): string;
}

export function packageScope(root: string, workspaces: readonly WorkspacePackage[]): PackageScope {
  // Longest first, so a package nested in another is matched before its parent.
  const packageFolders = workspaces.map((workspace) => `${toRelative(root, workspace.directory)}/`).sort((a, b) => b.length - a.length);
  return {
    withinPackage(relative) {
      const folder = packageFolders.find((candidate) => relative.startsWith(candidate));
      return folder ? relative.slice(folder.length) : relative;
    },
  };
}
