import { createRequire } from 'node:module';
import type { IoAggregate } from '../protocol.js';
import type { IoTally } from './io-tally.js';

type Timeout = IoAggregate['timeout'];
type Method = (...args: unknown[]) => unknown;
const WRAPPED = Symbol.for('strata.probe.wrapped');

interface DriverHook {
  kind: 'pg' | 'mysql2' | 'ioredis';
  /** The module file as it ends in require.cache. */
  file: RegExp;
  /** The class whose prototype carries the query method, from the module's exports. */
  classOf(exports: unknown): { prototype: Record<string, unknown> } | undefined;
  methods: string[];
  timeoutOf(client: unknown): Timeout;
  /** Where the client points (host:port/database), read from its own options. */
  targetOf(client: unknown): string;
}

const address = (host: unknown, port: unknown, database?: unknown): string => `${String(host ?? 'localhost')}:${String(port ?? '')}${database ? `/${String(database)}` : ''}`;

type Loose = Record<string, Record<string, unknown> | undefined> | undefined;

// None of these drivers publishes diagnostics_channel events on the versions services run today, so the
// query method on the prototype is wrapped once: a timer around the call, nothing else.
const HOOKS: DriverHook[] = [
  {
    kind: 'pg',
    file: /\/node_modules\/pg\/lib\/client\.js$/,
    classOf: (exports) => exports as { prototype: Record<string, unknown> },
    methods: ['query'],
    timeoutOf: (client) => ((client as Loose)?.connectionParameters?.statement_timeout || (client as Loose)?.connectionParameters?.query_timeout ? 'set' : 'none'),
    targetOf: (client) => {
      const params = (client as Loose)?.connectionParameters;
      return address(params?.host, params?.port, params?.database);
    },
  },
  {
    kind: 'mysql2',
    file: /\/node_modules\/mysql2\/lib\/(base\/)?connection\.js$/,
    classOf: (exports) => exports as { prototype: Record<string, unknown> },
    methods: ['query', 'execute'],
    // mysql2 takes a timeout per query, in the options object the wrapper does not inspect.
    timeoutOf: () => 'unknown',
    targetOf: (client) => {
      const config = (client as Loose)?.config;
      return address(config?.host, config?.port, config?.database);
    },
  },
  {
    kind: 'ioredis',
    file: /\/node_modules\/ioredis\/built\/Redis\.js$/,
    classOf: (exports) => (exports as { default?: { prototype: Record<string, unknown> } }).default,
    methods: ['sendCommand'],
    timeoutOf: (client) => ((client as Loose)?.options?.commandTimeout ? 'set' : 'none'),
    targetOf: (client) => {
      const options = (client as Loose)?.options;
      return address(options?.host, options?.port, options?.db);
    },
  },
];

function wrap(proto: Record<string, unknown>, name: string, hook: DriverHook, tally: IoTally): void {
  const original = proto[name] as (Method & { [WRAPPED]?: true }) | undefined;
  if (typeof original !== 'function' || original[WRAPPED]) return;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const target = hook.targetOf(this);
    const call = tally.begin(hook.kind, target);
    let finished = false;
    const done = (failed: boolean): void => {
      if (finished) return;
      finished = true;
      tally.finish(call, hook.kind, target, hook.timeoutOf(this), failed);
    };
    const callbackAt = args.findLastIndex((arg) => typeof arg === 'function');
    if (callbackAt >= 0) {
      const callback = args[callbackAt] as Method;
      args[callbackAt] = function (this: unknown, error: unknown, ...rest: unknown[]) {
        done(Boolean(error));
        return callback.call(this, error, ...rest);
      };
    }
    let result: unknown;
    try {
      result = original.apply(this, args);
    } catch (error) {
      done(true);
      throw error;
    }
    if (callbackAt < 0) {
      const settled = result as { then?: Method; once?: Method } | undefined;
      // Events before `then`: a callback-less mysql2 query (which is how its Pool#query calls the
      // connection) returns a command object whose `then` throws on purpose, to catch code that awaits
      // it by mistake; calling it here failed the service's query. Promises have no `once`.
      if (typeof settled?.once === 'function') {
        settled.once('end', () => done(false));
        settled.once('error', () => done(true));
      } else if (typeof settled?.then === 'function') settled.then(() => done(false), () => done(true));
      else done(false);
    }
    return result;
  } as Method & { [WRAPPED]?: true };
  wrapped[WRAPPED] = true;
  proto[name] = wrapped;
}

/** Wraps the query methods of the database drivers the service has loaded so far. */
export function watchDatabaseDrivers(tally: IoTally): void {
  const cache = createRequire(import.meta.url).cache;
  for (const [file, loaded] of Object.entries(cache)) {
    const hook = HOOKS.find((candidate) => candidate.file.test(file));
    const proto = hook && loaded ? hook.classOf(loaded.exports)?.prototype : undefined;
    if (!hook || !proto) continue;
    for (const method of hook.methods) wrap(proto, method, hook, tally);
  }
}
