import diagnosticsChannel from 'node:diagnostics_channel';
import type { IoTally } from './io-tally.js';

type Call = ReturnType<IoTally['begin']>;

interface HttpRequestLike {
  host?: string;
  timeout?: number;
  agent?: { options?: { timeout?: number } };
  socket?: { remotePort?: number };
  getHeader?(name: string): unknown;
}

interface UndiciRequestLike {
  origin?: string | URL;
  headersTimeout?: number;
  bodyTimeout?: number;
}

/**
 * Outbound HTTP through Node's own diagnostics channels: `http.client.*` for node:http(s) and
 * `undici:request:*` for fetch and undici. Calls are keyed by their request object in a WeakMap, so an
 * abandoned request costs nothing once collected.
 */
export function watchOutboundHttp(tally: IoTally): void {
  const httpCalls = new WeakMap<object, { call: Call; target: string }>();
  diagnosticsChannel.subscribe('http.client.request.start', (message) => {
    const request = (message as { request: HttpRequestLike }).request;
    const target = String(request.getHeader?.('host') ?? request.host ?? 'unknown');
    httpCalls.set(request, { call: tally.begin('http', target), target });
  });
  const endHttp = (message: unknown, failed: boolean): void => {
    const request = (message as { request: HttpRequestLike }).request;
    const entry = httpCalls.get(request);
    if (!entry) return;
    httpCalls.delete(request);
    const timeout = request.timeout || request.agent?.options?.timeout ? 'set' : 'none';
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
