import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the templates live, relative to this module once built: beside dist/ in the published
 * package (its bundle sits in <package>/dist/), or the repository's templates/ folder (this module is
 * in packages/scaffold/src/ or dist/, the same depth). The first that exists wins.
 */
const TEMPLATE_LOCATIONS = ['../templates/', '../../../templates/'];

function templatesDir(): string {
  const candidates = TEMPLATE_LOCATIONS.map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  return candidates.find((dir) => existsSync(`${dir}${BASE_TEMPLATE}`)) ?? candidates.at(-1)!;
}

export const BASE_TEMPLATE = 'fastify';
export const GENERATORS_DIR = 'generators';
export const DEFAULT_TEMPLATES_DIR = templatesDir();
