import net from 'node:net';

/**
 * A TCP proxy of the test's own between the service and one dependency, so faults are injected on
 * the wire rather than by mocking: `cut()` resets every open connection and refuses new ones (the
 * dependency crashed or the network dropped), `blackhole()` keeps connections open but forwards
 * nothing (a partition without resets: only timeouts notice), `restore()` heals.
 */
export class TcpProxy {
  private readonly server: net.Server;
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  private mode: 'pass' | 'cut' | 'blackhole' = 'pass';
  /** How many faults were injected over this proxy's life (each cut or blackhole counts once). */
  faults = 0;

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
    server: net.Server,
  ) {
    this.server = server;
    server.on('connection', (client) => this.accept(client));
  }

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new TcpProxy(target, (server.address() as net.AddressInfo).port, server);
    return proxy;
  }

  /** The URL of `original` with its host and port pointing at this proxy. */
  rewrite(original: string): string {
    const url = new URL(original);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  cut(): void {
    this.mode = 'cut';
    this.faults += 1;
    for (const pair of this.pairs) {
      pair.client.resetAndDestroy();
      pair.upstream.destroy();
    }
    this.pairs.clear();
  }

  blackhole(): void {
    this.mode = 'blackhole';
    this.faults += 1;
  }

  restore(): void {
    if (this.mode === 'blackhole') {
      // Whatever was in flight during the partition is gone: end those connections so clients reconnect.
      for (const pair of this.pairs) {
        pair.client.resetAndDestroy();
        pair.upstream.destroy();
      }
      this.pairs.clear();
    }
    this.mode = 'pass';
  }

  async close(): Promise<void> {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.mode === 'cut') {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    const pair = { client, upstream };
    this.pairs.add(pair);
    const forward = (from: net.Socket, to: net.Socket) =>
      from.on('data', (chunk) => {
        if (this.mode === 'pass') to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    const drop = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  }
}
