import { readFileSync } from 'node:fs';

/** This package's version, from its manifest (dist/version.js → ../package.json). */
export const PROBE_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
