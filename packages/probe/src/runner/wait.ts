import net from 'node:net';
import { SAMPLE_INTERVAL_MS, type IntervalSample } from '../protocol.js';

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** True when a TCP connection to host:port succeeds. */
export function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1000);
    const end = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => end(true));
    socket.once('error', () => end(false));
    socket.once('timeout', () => end(false));
  });
}

/** The address to load: a wildcard listen address becomes loopback. */
export function loadUrlFor(port: number, address: string): string {
  if (address === '::' || address === '0.0.0.0' || address === '' || address === '::ffff:0.0.0.0') return `http://127.0.0.1:${port}`;
  return address.includes(':') ? `http://[${address}]:${port}` : `http://${address}:${port}`;
}

/** How long to wait for the sampler's next interval: a loop that late is stalled, which the intervals so far show. */
const NEXT_INTERVAL_WAIT_MS = 4 * SAMPLE_INTERVAL_MS;

/** Waits until the sampler's intervals reach past `time`, for at most NEXT_INTERVAL_WAIT_MS. */
export async function intervalAfter(samples: readonly IntervalSample[], time: number, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + NEXT_INTERVAL_WAIT_MS;
  while (!samples.some((sample) => sample.at >= time) && Date.now() < deadline && !signal.aborted) await sleep(25, signal);
}
