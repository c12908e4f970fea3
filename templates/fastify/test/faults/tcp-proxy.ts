import { connect, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Resets every open connection and every new one, as a dependency that went down does. */
  cut(): void;
  restore(): void;
  /** How many connections were reset by cuts: the faults injected. */
  readonly resets: number;
  close(): Promise<void>;
}

/** A TCP proxy of the test's own between the service and one dependency, so the test can cut the wire. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let cut = false;
  let resets = 0;
  const reset = (socket: Socket) => {
    resets += 1;
    socket.resetAndDestroy();
  };
  const server = createServer((client) => {
    if (cut) return reset(client);
    const upstream = connect(target.port, target.host);
    for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
      open.add(from);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        open.delete(from);
        to.destroy();
      });
      from.pipe(to);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      cut = true;
      for (const socket of [...open]) reset(socket);
    },
    restore() {
      cut = false;
    },
    get resets() {
      return resets;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
