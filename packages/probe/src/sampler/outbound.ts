import diagnosticsChannel from 'node:diagnostics_channel';
import http from 'node:http';
import type { IoTally } from './io-tally.js';

type Call = ReturnType<IoTally['begin']>;

interface HttpRequestLike {
  host?: string;
  timeout?: number;
  listenerCount?(event: string): number;
  getHeader?(name: string): unknown;
}

interface UndiciRequestLike {
  origin?: string | URL;
  headersTimeout?: number;
  bodyTimeout?: number;
}

/**
 * Outbound HTTP through Node's own diagnostics channels: `http.client.*` for node:http(s) and
 * `undici:request:*` for fetch and undici (fetch calls carry no call site: fetch dispatches on a later tick). Calls are keyed by their request object in a WeakMap, so an
 * abandoned request costs nothing once collected.
 */
export function watchOutboundHttp(tally: IoTally): void {
  // The start event is published once the request has a socket, on a later tick, where the stack no
  // longer shows the caller: the call site is read in ClientRequest#end, which the caller runs itself.
  const sites = new WeakMap<object, string>();
  const end = http.ClientRequest.prototype.end;
  let ended = 0;
  http.ClientRequest.prototype.end = function (this: http.ClientRequest, ...args: unknown[]) {
    if (tally.wantsSite(++ended)) {
      const site = tally.siteHere();
      if (site) sites.set(this, site);
    }
    return (end as (...a: unknown[]) => http.ClientRequest).apply(this, args);
  } as typeof end;

  const httpCalls = new WeakMap<object, { call: Call; target: string }>();
  diagnosticsChannel.subscribe('http.client.request.start', (message) => {
    const request = (message as { request: HttpRequestLike }).request;
    const target = String(request.getHeader?.('host') ?? request.host ?? 'unknown');
    httpCalls.set(request, { call: tally.begin('http', target, sites.get(request)), target });
  });
  const endHttp = (message: unknown, failed: boolean): void => {
    const request = (message as { request: HttpRequestLike }).request;
    const entry = httpCalls.get(request);
    if (!entry) return;
    httpCalls.delete(request);
    // A request timeout only emits 'timeout': without a listener that aborts, nothing ends the call.
    // (The agent's own timeout, 5 s on Node's global agent, only reaps idle keep-alive sockets.)
    const timeout = request.timeout && (request.listenerCount?.('timeout') ?? 0) > 0 ? 'set' : 'none';
    tally.finish(entry.call, 'http', entry.target, timeout, failed);
  };
  diagnosticsChannel.subscribe('http.client.response.finish', (message) => endHttp(message, false));
  diagnosticsChannel.subscribe('http.client.request.error', (message) => endHttp(message, true));

  const undiciCalls = new WeakMap<object, { call: Call; target: string }>();
  diagnosticsChannel.subscribe('undici:request:create', (message) => {
    const request = (message as { request: UndiciRequestLike }).request;
    const target = request.origin ? new URL(String(request.origin)).host : 'unknown';
    undiciCalls.set(request, { call: tally.begin('fetch', target), target });
  });
  const endUndici = (message: unknown, failed: boolean): void => {
    const request = (message as { request: UndiciRequestLike }).request;
    const entry = undiciCalls.get(request);
    if (!entry) return;
    undiciCalls.delete(request);
    // fetch() takes its deadline from an AbortSignal the dispatcher never sees: unknown, not "none".
    const timeout = request.headersTimeout || request.bodyTimeout ? 'set' : 'unknown';
    tally.finish(entry.call, 'fetch', entry.target, timeout, failed);
  };
  diagnosticsChannel.subscribe('undici:request:headers', (message) => endUndici(message, false));
  diagnosticsChannel.subscribe('undici:request:error', (message) => endUndici(message, true));
}
