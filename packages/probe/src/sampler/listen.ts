import net from 'node:net';

/**
 * Reports each TCP port the service starts listening on. A wrapper on Server#listen adds one
 * 'listening' listener per server; nothing runs per connection or per request.
 */
export function watchListening(onListening: (port: number, address: string) => void): void {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
    this.once('listening', () => {
      const address = this.address();
      if (address && typeof address === 'object') onListening(address.port, address.address);
    });
    return (listen as (...a: unknown[]) => net.Server).apply(this, args);
  } as typeof listen;
}
