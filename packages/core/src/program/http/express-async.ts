import { declaredVersion } from '../../project/dependency-version.js';
import type { ProjectModel } from '../../project/model.js';

/** Modules that patch Express 4 so a rejected handler promise goes to `next(err)`, once imported anywhere. */
const ASYNC_PATCHES = new Set(['express-async-errors', '@root/express-async-errors', 'express-async-errors-next']);

/** The file that imports a patch making every async handler's rejection reach the error handler, if any. */
export function asyncPatchImport(project: Pick<ProjectModel, 'files'>): string | null {
  for (const [file, analysis] of project.files) if (analysis.imports.some((entry) => ASYNC_PATCHES.has(entry.specifier))) return file;
  return null;
}

/**
 * The Express major version a file runs on: from the nearest package.json that depends on Express
 * (`^4.21.0` → 4, `5.0.0-beta.3` → 5), or null when no manifest says or the range names no version
 * (`latest`, `*`, a git URL).
 */
export function expressMajor(file: string, manifests: ProjectModel['manifests']): number | null {
  return declaredVersion(file, manifests, 'express')?.major ?? null;
}
