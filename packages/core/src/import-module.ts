/**
 * Loads an ES module at run time: a user's config file, or code of an installed package that the
 * engine only needs sometimes.
 *
 * Every such import goes through this module because the packed CLI runs as one CommonJS script that
 * V8 restores from its code cache (packages/cli/src/code-cache.ts), and on Node 20 a function
 * restored from that cache has lost its dynamic-import callback: an `import()` written inside it
 * throws. The pack keeps this module as a file of its own, loaded by Node's own loader, so its
 * `import()` always works; bare specifiers resolve from the package's folder, as they would from
 * the bundle.
 */
export function importModule<T>(specifier: string): Promise<T> {
  return import(specifier) as Promise<T>;
}
