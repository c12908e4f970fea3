import { fileURLToPath } from 'node:url';

/** The repository's templates/ folder: the same depth from src/ and dist/. */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));

export const BASE_TEMPLATE = 'fastify';
export const GENERATORS_DIR = 'generators';
