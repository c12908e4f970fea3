import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Where the compiled sampler sits relative to this module: the package's dist/ layout, a bundle that
// puts sampler/ beside its entry, or these sources run by a test runner against the built package.
const CANDIDATES = ['../sampler/preload.js', './sampler/preload.js', '../../dist/sampler/preload.js'];

/** The sampler that `--import` preloads into the service; it must be plain JavaScript on disk. */
export function samplerFile(): string {
  for (const candidate of CANDIDATES) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new Error('the probe sampler is not built (run `npm run build`)');
}
