import { describe, expect, it } from 'vitest';
import type { Invalidation, InvalidationBus } from '../../src/shared/application/ports/invalidation-bus.js';
import { ReadCache } from '../../src/shared/application/read-cache.js';
import { FixedClock, RecordingLogger } from '../support/fakes.js';

/** The other replicas, as far as one replica can tell: what it published, and messages it receives. */
class PeerBus implements InvalidationBus {
  readonly published: Invalidation[] = [];
  failing = false;
  private listener: ((message: Invalidation | undefined) => void) | undefined;
  async publish(message: Invalidation): Promise<void> {
    if (this.failing) throw new Error('redis is down');
    this.published.push(message);
  }
  subscribe(listener: (message: Invalidation | undefined) => void): void {
    this.listener = listener;
  }
  receive(message: Invalidation | undefined): void {
    this.listener?.(message);
  }
}

/** A source whose value moves on every write and which counts its loads. */
class Source {
  version = 1;
  loads = 0;
  load = async () => {
    this.loads += 1;
    return `v${this.version}`;
  };
}

function setup(maxAgeMs = 1000) {
  const clock = new FixedClock();
  const bus = new PeerBus();
  const flags = { enabled: true, isEnabled: async () => flags.enabled };
  const logger = new RecordingLogger();
  const cache = new ReadCache(clock, bus, flags, { maxAgeMs, maxEntries: 100 }, logger);
  return { clock, bus, flags, logger, cache };
}

const ARTICLES = { articles: true } as const;

describe('read cache', () => {
  it('serves one load to many reads, and the write that follows on the very next read', async () => {
    const { cache, bus } = setup();
    const source = new Source();
    expect(await cache.get('list', ARTICLES, source.load)).toBe('v1');
    expect(await cache.get('list', ARTICLES, source.load)).toBe('v1');
    expect(source.loads).toBe(1);
    source.version = 2;
    await cache.articlesChanged();
    expect(await cache.get('list', ARTICLES, source.load)).toBe('v2');
    expect(bus.published).toEqual([{ scope: 'articles' }]);
  });

  it('never keeps a load that began before a write, and a reader after the write never joins it', async () => {
    const { cache } = setup();
    const source = new Source();
    await cache.get('warm-up', ARTICLES, source.load); // the flag has been read; loads now start at once
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const before = cache.get('list', ARTICLES, async () => {
      const value = `v${source.version}`; // the read happens now, before the write…
      await gate; // …and finishes after it
      return value;
    });
    source.version = 2;
    await cache.articlesChanged();
    const after = cache.get('list', ARTICLES, source.load);
    release();
    expect(await before).toBe('v1');
    expect(await after).toBe('v2');
    expect(await cache.get('list', ARTICLES, source.load)).toBe('v2');
  });

  it('serves nothing older than the maximum age, even when the invalidation never arrives', async () => {
    const { cache, clock } = setup(1000);
    const source = new Source();
    await cache.get('list', ARTICLES, source.load);
    source.version = 2; // written on another replica; its message is lost
    clock.advance(999);
    expect(await cache.get('list', ARTICLES, source.load)).toBe('v1');
    clock.advance(1);
    expect(await cache.get('list', ARTICLES, source.load)).toBe('v2');
  });

  it('applies the other replicas\' invalidations, by scope, and drops everything after a gap', async () => {
    const { cache, bus } = setup();
    const list = new Source();
    const aliceSets = new Source();
    const bobSets = new Source();
    const alice = { articles: false, viewer: 'alice' };
    const bob = { articles: false, viewer: 'bob' };
    await cache.get('list', ARTICLES, list.load);
    await cache.get('viewer:alice', alice, aliceSets.load);
    await cache.get('viewer:bob', bob, bobSets.load);

    bus.receive({ scope: 'articles' });
    await cache.get('list', ARTICLES, list.load);
    await cache.get('viewer:alice', alice, aliceSets.load);
    expect([list.loads, aliceSets.loads]).toEqual([2, 1]);

    bus.receive({ scope: 'viewer', userId: 'alice' });
    await cache.get('list', ARTICLES, list.load);
    await cache.get('viewer:alice', alice, aliceSets.load);
    await cache.get('viewer:bob', bob, bobSets.load);
    expect([list.loads, aliceSets.loads, bobSets.loads]).toEqual([2, 2, 1]);

    bus.receive(undefined);
    await cache.get('list', ARTICLES, list.load);
    await cache.get('viewer:bob', bob, bobSets.load);
    expect([list.loads, bobSets.loads]).toEqual([3, 2]);
  });

  it('keeps a failed publish from failing the write: logged, applied here, bounded elsewhere by age', async () => {
    const { cache, bus, logger } = setup();
    const source = new Source();
    await cache.get('list', ARTICLES, source.load);
    bus.failing = true;
    source.version = 2;
    await expect(cache.articlesChanged()).resolves.toBeUndefined();
    expect(logger.warnings).toEqual(['read-cache invalidation not published; other replicas catch up by entry age']);
    expect(await cache.get('list', ARTICLES, source.load)).toBe('v2');
  });

  it('does not keep misses, and reads through while the flag is off', async () => {
    const { cache, clock, flags } = setup(1000);
    let loads = 0;
    const missing = async () => {
      loads += 1;
      return undefined;
    };
    await cache.get('article:nope', ARTICLES, missing);
    await cache.get('article:nope', ARTICLES, missing);
    expect(loads).toBe(2);
    expect(cache.size).toBe(0);

    const source = new Source();
    await cache.get('list', ARTICLES, source.load);
    flags.enabled = false;
    clock.advance(1000); // the flag is read again at most once per maximum age
    await cache.get('list', ARTICLES, source.load);
    await cache.get('list', ARTICLES, source.load);
    expect(source.loads).toBe(3);
  });

  it('peeks synchronously at exactly what get would answer at once, and at nothing get would load', async () => {
    const { cache, clock, bus, flags } = setup(1000);
    const source = new Source();
    const alice = { articles: false, viewer: 'alice' };
    expect(cache.peek('list')).toBeUndefined(); // the flag is due to be read: get reads it
    await cache.get('list', ARTICLES, source.load);
    await cache.get('viewer:alice', alice, source.load);
    expect(cache.peek('list')).toBe('v1');
    expect(cache.peek('nothing-here')).toBeUndefined();

    source.version = 2;
    await cache.articlesChanged(); // a local write: its own invalidation hides the entry at once
    expect(cache.peek('list')).toBeUndefined();
    expect(cache.peek('viewer:alice')).toBe('v1'); // the viewer's sets obey only their own scope
    expect(await cache.get('list', ARTICLES, source.load)).toBe('v2');
    expect(cache.peek('list')).toBe('v2');

    bus.receive({ scope: 'viewer', userId: 'alice' }); // another replica's write
    expect(cache.peek('viewer:alice')).toBeUndefined();

    clock.advance(999);
    expect(cache.peek('list')).toBe('v2');
    clock.advance(1); // the maximum age, and the flag due again
    expect(cache.peek('list')).toBeUndefined();
    flags.enabled = false;
    await cache.get('list', ARTICLES, source.load); // reads the flag: off
    expect(cache.peek('list')).toBeUndefined();
  });
});
