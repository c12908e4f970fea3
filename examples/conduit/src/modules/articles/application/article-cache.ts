import type { Cache } from '../../../shared/application/ports/cache.js';
import type { FeatureFlags } from '../../../shared/application/ports/feature-flags.js';
import type { ArticleView } from './ports/article-read-model.js';

export interface ArticleCacheSettings {
  articleTtlSeconds: number;
  tagsTtlSeconds: number;
}

/** Lets operators switch the hot-read cache off without a deploy if it ever serves something wrong. */
export const READ_CACHE_FLAG = 'articles.read-cache';

const articleKey = (slug: string) => `article:${slug}`;
const TAGS_KEY = 'tags:popular';

/**
 * Cache-aside for the two hottest reads. Keys and TTLs live here, next to the invalidation rules
 * (see the cache invalidation event handlers), so what is cached and when it is dropped read together.
 */
export class ArticleCache {
  constructor(
    private readonly cache: Cache,
    private readonly flags: FeatureFlags,
    private readonly settings: ArticleCacheSettings,
  ) {}

  async article(slug: string, load: () => Promise<ArticleView | undefined>): Promise<ArticleView | undefined> {
    return this.through(articleKey(slug), this.settings.articleTtlSeconds, load);
  }

  async tags(load: () => Promise<string[]>): Promise<string[]> {
    return (await this.through(TAGS_KEY, this.settings.tagsTtlSeconds, load)) ?? [];
  }

  async forgetArticles(slugs: readonly string[]): Promise<void> {
    // Bounded batches: an author with thousands of articles must not build one giant DEL.
    for (let start = 0; start < slugs.length; start += 500) {
      await this.cache.delete(...slugs.slice(start, start + 500).map(articleKey));
    }
  }

  async forgetTags(): Promise<void> {
    await this.cache.delete(TAGS_KEY);
  }

  private async through<T>(key: string, ttlSeconds: number, load: () => Promise<T | undefined>): Promise<T | undefined> {
    if (!(await this.flags.isEnabled(READ_CACHE_FLAG, true))) return load();
    const cached = await this.cache.get<T>(key);
    if (cached !== undefined) return cached;
    const fresh = await load();
    // Misses are not cached: a slug that does not exist yet may exist a moment later.
    if (fresh !== undefined) await this.cache.set(key, fresh, ttlSeconds);
    return fresh;
  }
}
