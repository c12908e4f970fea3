/** Kept equal to package.json's version by a test; part of the cache signature. */
export const VERSION = '0.1.0';

