import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Invalidation, InvalidationBus } from '../../application/ports/invalidation-bus.js';
import type { Logger } from '../../application/ports/logger.js';

type Listener = (message: Invalidation | undefined) => void;

/**
 * Read-cache invalidations between replicas over Redis pub/sub. A subscribed connection can run no
 * other command, so it is a second connection (`subscriber`). Pub/sub keeps nothing for a
 * disconnected subscriber: when the subscription comes back, listeners hear `undefined` and drop
 * everything, and the read cache's maximum age bounds what a lost message can cost in between.
 */
export class RedisInvalidationBus implements InvalidationBus {
  /** Tags this process's messages, which it has already applied before publishing. */
  private readonly origin = randomUUID();
  private readonly listeners: Listener[] = [];
  private subscribedOnce = false;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    /** Channels ignore ioredis' keyPrefix, so the caller passes a name already prefixed. */
    private readonly channel: string,
    private readonly logger: Logger,
  ) {
    subscriber.on('message', (channel: string, payload: string) => {
      if (channel === this.channel) this.receive(payload);
    });
    // ioredis re-subscribes by itself after a reconnect; anything published meanwhile is lost.
    // Until a first subscription succeeded (Redis down at start-up) there is nothing to re-subscribe.
    subscriber.on('ready', () => {
      if (this.subscribedOnce) this.emit(undefined);
      else void this.start();
    });
  }

  /** Subscribes; a failure is logged and retried when the connection is next ready. */
  async start(): Promise<void> {
    try {
      await this.subscriber.subscribe(this.channel);
      this.subscribedOnce = true;
    } catch (error) {
      this.logger.warn({ cause: error instanceof Error ? error.message : String(error) }, 'read-cache invalidations not subscribed yet; entries expire by age meanwhile');
    }
  }

  async publish(message: Invalidation): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify({ origin: this.origin, message }));
  }

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  private receive(payload: string): void {
    let parsed: { origin?: unknown; message?: Invalidation };
    try {
      parsed = JSON.parse(payload) as typeof parsed;
    } catch {
      this.logger.warn({ channel: this.channel }, 'unreadable invalidation message; dropping the whole read cache');
      this.emit(undefined);
      return;
    }
    if (parsed.origin === this.origin) return;
    const message = parsed.message;
    const known = message?.scope === 'articles' || (message?.scope === 'viewer' && typeof message.userId === 'string');
    this.emit(known ? message : undefined);
  }

  private emit(message: Invalidation | undefined): void {
    for (const listener of this.listeners) listener(message);
  }
}

/** A single process has no other replica to tell: its own read cache was invalidated directly. */
export class LocalInvalidationBus implements InvalidationBus {
  async publish(): Promise<void> {}
  subscribe(): void {}
}
