/** Kept equal to package.json's version by a test; part of the cache signature. */
export const VERSION = '0.1.0';

/** Bumped whenever the per-file analysis changes shape, so caches written by older builds are ignored. */
export const CACHE_FORMAT = 3;
