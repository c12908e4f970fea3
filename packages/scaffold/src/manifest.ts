import { join } from 'node:path';
import { exists, readJson } from './fs-utils.js';
import { ScaffoldError } from './errors.js';

/** templates/<base>/strata.template.json: what the generator needs to know about a template. */
export interface TemplateManifest {
  placeholder: string;
  /** npm's allowScripts for the generated package.json: npm reads it only at a project's root, not in a workspace. */
  allowScripts?: Record<string, boolean>;
  features: Record<string, { description: string; files: string[]; dependencies: string[] }>;
}

/** templates/<framework>/strata.overlay.json: how a framework overlay changes the base template. */
export interface OverlayManifest {
  /** Base files that the overlay makes obsolete. */
  remove: string[];
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  removeDependencies: string[];
}

export const TEMPLATE_MANIFEST = 'strata.template.json';
export const OVERLAY_MANIFEST = 'strata.overlay.json';

export async function readTemplateManifest(templateDir: string): Promise<TemplateManifest> {
  const path = join(templateDir, TEMPLATE_MANIFEST);
  if (!(await exists(path))) throw new ScaffoldError('TEMPLATE_MISSING', `No ${TEMPLATE_MANIFEST} in ${templateDir}`);
  return readJson<TemplateManifest>(path);
}

export async function readOverlayManifest(overlayDir: string): Promise<OverlayManifest> {
  const path = join(overlayDir, OVERLAY_MANIFEST);
  if (!(await exists(path))) throw new ScaffoldError('TEMPLATE_MISSING', `No ${OVERLAY_MANIFEST} in ${overlayDir}`);
  return { remove: [], dependencies: {}, devDependencies: {}, removeDependencies: [], ...(await readJson<Partial<OverlayManifest>>(path)) };
}
