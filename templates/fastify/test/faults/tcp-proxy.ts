import { connect, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Resets every open connection and every new one, as a dependency that went down does. */
  cut(): void;
  /**
   * Stops forwarding without closing anything, as a network partition does: packets vanish, no
   * reset arrives, and only the client's own timeouts can notice.
   */
  blackhole(): void;
  /** Forwards again; a black hole's held connections resume where they stopped. */
  restore(): void;
  /** How many connections were reset by cuts: the faults injected. */
  readonly resets: number;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket | undefined;
}

/** A TCP proxy of the test's own between the service and one dependency, so the test can cut the wire. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let mode: 'open' | 'cut' | 'blackhole' = 'open';
  let resets = 0;
  const reset = (socket: Socket | undefined) => {
    if (!socket || socket.destroyed) return;
    resets += 1;
    socket.resetAndDestroy();
  };
  const flow = (pair: Pair) => {
    pair.upstream ??= connect(target.port, target.host);
    const { client, upstream } = pair;
    if (!upstream.listenerCount('close')) {
      for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
        from.on('error', () => to.destroy());
        from.on('close', () => {
          pairs.delete(pair);
          to.destroy();
        });
      }
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
    upstream.resume();
  };
  const hold = (pair: Pair) => {
    for (const socket of [pair.client, pair.upstream]) {
      socket?.unpipe();
      socket?.pause();
    }
  };
  const server = createServer((client) => {
    if (mode === 'cut') return reset(client);
    const pair: Pair = { client, upstream: undefined };
    pairs.add(pair);
    client.on('error', () => pair.upstream?.destroy());
    client.on('close', () => pairs.delete(pair));
    if (mode === 'open') flow(pair);
    else client.pause();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      mode = 'cut';
      for (const pair of [...pairs]) {
        reset(pair.client);
        reset(pair.upstream);
      }
      pairs.clear();
    },
    blackhole() {
      mode = 'blackhole';
      for (const pair of pairs) hold(pair);
    },
    restore() {
      const wasHolding = mode === 'blackhole';
      mode = 'open';
      if (wasHolding) for (const pair of pairs) flow(pair);
    },
    get resets() {
      return resets;
    },
    close: () =>
      new Promise((resolve) => {
        for (const pair of pairs) {
          pair.client.destroy();
          pair.upstream?.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
