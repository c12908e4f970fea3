/**
 * Read-cache keys of the form `<prefix><id>`, one string per id, remembered.
 *
 * A key built per request (`article:${slug}`) is a new string each time, which the cache's Map has
 * to flatten and hash before it can look it up: about 1,700 instructions per lookup under callgrind
 * for a single article's two keys (the article and the viewer's sets). The ids handed in are
 * themselves remembered strings (a slug parsed once per URL, the user id of a remembered token), so
 * looking them up here is cheap, and the key that comes back is the very string the cache holds, its
 * hash already computed. At most `max` ids are kept (a slug comes from the URL, so any client can
 * make new ones); when full, the memory is dropped and refilled.
 */
export class PrefixedKeys {
  private readonly keys = new Map<string, string>();

  constructor(
    readonly prefix: string,
    private readonly max = 1_000,
  ) {}

  of(id: string): string {
    let key = this.keys.get(id);
    if (key === undefined) {
      if (this.keys.size >= this.max) this.keys.clear();
      key = this.prefix + id;
      this.keys.set(id, key);
    }
    return key;
  }

  /** How many ids are remembered (for tests). */
  get size(): number {
    return this.keys.size;
  }
}
