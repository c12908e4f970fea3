import type { ResolvedCall } from '../call-graph.js';

/**
 * HTTP clients, by the path the linker gives their calls: which calls make an outbound request,
 * where their options are, and which option keys bound how long the request may take. The outbound
 * model and the rules ask `outboundCallOf`; a new client is one entry here.
 */

export interface OutboundCall {
  library: string;
  /** What the finding names: `fetch`, `axios.get`, `got.post`, `https.request`. */
  what: string;
  /** Where the options object may be (the first that is an object literal or a binding to one is read). */
  optionArgs: readonly number[];
  /** Keys that bound the request's time. */
  timeoutKeys: readonly string[];
  /** The client has no default timeout, but an instance made by `create`/`extend` may carry one. */
  instance?: { factory: string; at: number };
}

const AXIOS_BODY = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);
const AXIOS_NO_BODY = new Set(['get', 'delete', 'head', 'options']);
const GOT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head']);

const SIGNAL = ['signal'];

function axios(path: readonly string[]): OutboundCall | null {
  // `axios.create({...})` instances: calls on them look like calls on axios after `create.()`.
  const instance = path[0] === 'create' && path[1] === '()' ? { factory: 'create', at: 0 } : undefined;
  const rest = instance ? path.slice(2) : path[0] === 'default' ? path.slice(1) : path;
  const base = { library: 'axios', timeoutKeys: ['timeout', 'signal', 'cancelToken'], ...(instance ? { instance } : {}) };
  if (rest.length === 0) return { ...base, what: 'axios', optionArgs: [0, 1] };
  if (rest.length !== 1) return null;
  const method = rest[0]!;
  if (method === 'request') return { ...base, what: 'axios.request', optionArgs: [0] };
  if (AXIOS_NO_BODY.has(method)) return { ...base, what: `axios.${method}`, optionArgs: [1] };
  if (AXIOS_BODY.has(method)) return { ...base, what: `axios.${method}`, optionArgs: [2] };
  return null;
}

function got(path: readonly string[]): OutboundCall | null {
  const instance = path[0] === 'extend' && path[1] === '()' ? { factory: 'extend', at: 0 } : undefined;
  const rest = instance ? path.slice(2) : path[0] === 'default' || path[0] === 'got' ? path.slice(1) : path;
  const base = { library: 'got', timeoutKeys: ['timeout', 'signal'], ...(instance ? { instance } : {}) };
  if (rest.length === 0) return { ...base, what: 'got', optionArgs: [1, 0] };
  if (rest.length === 1 && GOT_METHODS.has(rest[0]!)) return { ...base, what: `got.${rest[0]}`, optionArgs: [1, 0] };
  return null;
}

/** `@nestjs/axios`: the injected `HttpService` (also through `axiosRef`); its timeout comes from `HttpModule.register({ timeout })`. */
function nestHttp(path: readonly string[]): OutboundCall | null {
  if (path[0] !== 'HttpService' || path[1] !== 'new') return null;
  const rest = path[2] === 'axiosRef' ? path.slice(3) : path.slice(2);
  const call = axios(rest);
  return call ? { ...call, library: '@nestjs/axios', what: call.what.replace(/^axios/, 'HttpService') } : null;
}

function nodeHttp(module: string, path: readonly string[]): OutboundCall | null {
  const rest = path[0] === 'default' ? path.slice(1) : path;
  if (rest.length !== 1 || (rest[0] !== 'request' && rest[0] !== 'get')) return null;
  return { library: module, what: `${module}.${rest[0]}`, optionArgs: [0, 1], timeoutKeys: ['timeout', 'signal'] };
}

export function outboundCallOf(call: ResolvedCall): OutboundCall | null {
  const entity = call.callee?.entity;
  if (entity?.kind !== 'external' || call.callee!.rest.length || call.site.construct) return null;
  const path = entity.path;
  switch (entity.module) {
    case '<global>':
      return path.length === 1 && path[0] === 'fetch' ? { library: 'fetch', what: 'fetch', optionArgs: [1], timeoutKeys: SIGNAL } : null;
    case 'node-fetch':
      return path.length === 0 || (path.length === 1 && path[0] === 'default') ? { library: 'node-fetch', what: 'fetch', optionArgs: [1], timeoutKeys: ['signal', 'timeout'] } : null;
    case 'undici':
      if (path.length !== 1) return null;
      if (path[0] === 'fetch') return { library: 'undici', what: 'undici.fetch', optionArgs: [1], timeoutKeys: SIGNAL };
      if (path[0] === 'request') return { library: 'undici', what: 'undici.request', optionArgs: [1], timeoutKeys: ['headersTimeout', 'bodyTimeout', 'signal'] };
      return null;
    case 'axios':
      return axios(path);
    case 'got':
      return got(path);
    case '@nestjs/axios':
      return nestHttp(path);
    case 'http':
    case 'https':
      return nodeHttp(entity.module, path);
    default:
      return null;
  }
}
