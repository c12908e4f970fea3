import type { ProgramLinker, Resolved } from '../link.js';
import type { CallSite, Value } from '../summary.js';
import { autoloadFolders } from './fastify.js';
import { parseByteSize } from './byte-size.js';
import { HTTP_METHODS, type Route } from './route.js';

/** Where a fact was seen: the call that establishes it. */
export interface FactSite {
  /** The package behind it (`helmet`, `@fastify/cors`, `@nestjs/throttler`…). */
  library: string;
  file: string;
  line: number;
  column: number;
}

export interface CorsFact extends FactSite {
  /**
   * The allowed origins as configured: `any` (`*`, or no options: the packages default to every
   * origin), `reflect` (`origin: true`: echoes the caller), `list` (fixed origins), `function` (decided
   * per request), `unknown` (a value the model cannot read).
   */
  origin: 'any' | 'reflect' | 'list' | 'function' | 'unknown';
  /** `credentials: true`; null when it cannot be read. */
  credentials: boolean | null;
}

export interface BodyLimitFact extends FactSite {
  /** The limit as written (`'10mb'`, `1048576`), or null when it cannot be read. */
  limit: string | null;
  /** The limit in bytes, or null when it cannot be read. */
  bytes: number | null;
  /**
   * Where it applies: `app`, to every request the application parses (`app.use(express.json(…))`,
   * Fastify's factory `bodyLimit`, Nest `useBodyParser`); `route`, to the paths or routes it is mounted
   * on (`app.use(['/import'], json(…))`, `router.post('/upload', json(…), …)`); `unknown` when the
   * parser is kept in a variable or passed somewhere the model does not follow.
   */
  scope: 'app' | 'route' | 'unknown';
}

export interface SessionFact extends FactSite {
  /**
   * Where the sessions live: `memory` (no `store` option, so the package's in-process MemoryStore,
   * or one passed explicitly), `external` (a store object: Redis, Mongo, SQL…), `unknown` (options
   * the model cannot read).
   */
  store: 'memory' | 'external' | 'unknown';
}

/** What the application as a whole does about security headers, CORS, rate limits, body size, errors, health and sessions. */
export interface AppFacts {
  /** Server-side session middleware and plugins (express-session, @fastify/session); cookie-only sessions are not here. */
  sessions: SessionFact[];
  /** Security headers: helmet and its kin, or headers such as `X-Content-Type-Options` set by hand (`library: 'by hand'`). */
  securityHeaders: FactSite[];
  cors: CorsFact[];
  rateLimits: FactSite[];
  bodyLimits: BodyLimitFact[];
  errorHandlers: FactSite[];
  /** Liveness and readiness routes, by path or by a health-check library. */
  healthRoutes: Route[];
}

/** Packages that set security headers (lusca: its `xframe`, `hsts`, `nosniff` middleware). */
const HELMET = new Set(['helmet', '@fastify/helmet', 'fastify-helmet', 'koa-helmet', 'lusca']);
const CORS = new Set(['cors', '@fastify/cors', 'fastify-cors']);
const RATE_LIMIT = new Set(['express-rate-limit', 'rate-limiter-flexible', '@fastify/rate-limit', 'fastify-rate-limit', '@nestjs/throttler', 'express-slow-down', 'express-brute']);
/** Headers only a deliberate security-header setup sets: the core of helmet's set for an API. */
const SECURITY_HEADER = /^(x-content-type-options|strict-transport-security|content-security-policy|x-frame-options)$/i;
/** Response methods that set headers: Express `res.set/header/setHeader`, Node's `setHeader/writeHead`, Fastify `reply.header/headers`. */
const HEADER_SETTERS = new Set(['set', 'header', 'setHeader', 'headers', 'writeHead']);
/** Session packages that keep the session data on the server, in a MemoryStore unless given a `store`. */
const SERVER_SESSIONS = new Set(['express-session', '@fastify/session', 'fastify-session']);
const HEALTH_PATH = /\/(health|healthz|health-?check|livez|readyz|ready|live|liveness|readiness|ping|heartbeat)(\/|$)/i;

function external(resolved: Resolved | null): { module: string; path: string[] } | null {
  return resolved?.entity.kind === 'external' && !resolved.rest.length ? resolved.entity : null;
}

function site(library: string, file: string, call: CallSite): FactSite {
  return { library, file, line: call.line, column: call.column };
}

/** `setHeader('X-Content-Type-Options', 'nosniff')`, `reply.headers({ 'strict-transport-security': … })`: a security header set by hand. */
function setsSecurityHeader(method: string | undefined, call: CallSite): boolean {
  if (!method || !HEADER_SETTERS.has(method)) return false;
  return (call.args ?? []).some(
    (arg) => (arg.kind === 'string' && SECURITY_HEADER.test(arg.value)) || (arg.kind === 'object' && Object.keys(arg.properties).some((key) => SECURITY_HEADER.test(key))),
  );
}

/** For each call of a file, the call it is passed to as an argument (`app.use(express.json())`: the `use`). */
function enclosingCalls(calls: readonly CallSite[]): Map<number, CallSite> {
  const parents = new Map<number, CallSite>();
  for (const call of calls) for (const arg of call.args ?? []) if (arg.kind === 'call') parents.set(arg.call, call);
  return parents;
}

/** Where a body parser made by a call applies, from the call it is handed to. */
function parserScope(parent: CallSite | undefined): BodyLimitFact['scope'] {
  const method = parent?.callee?.path.at(-1);
  if (!parent || !method) return 'unknown';
  if (HTTP_METHODS.has(method.toLowerCase())) return 'route';
  if (method !== 'use') return 'unknown';
  const first = parent.args?.[0];
  // `app.use(json())` and `app.use('/', json())` parse every request; a path or a list of paths scopes it.
  if (first?.kind === 'call') return 'app';
  if (first?.kind === 'string') return first.value === '/' || first.value === '' ? 'app' : 'route';
  return first?.kind === 'array' || first?.kind === 'ref' ? 'route' : 'unknown';
}

/** Where a session package's options keep the sessions: no `store` means its in-process MemoryStore. */
function sessionStore(options: Value | undefined, file: string, linker: ProgramLinker): SessionFact['store'] {
  if (!options) return 'memory';
  if (options.kind !== 'object') return 'unknown';
  const store = options.properties.store;
  if (!store) return options.spread ? 'unknown' : 'memory';
  const made = linker.resolveValue(file, store);
  // `store: new session.MemoryStore()`: the same in-process map, asked for by name.
  if (made?.entity.kind === 'external' && SERVER_SESSIONS.has(made.entity.module) && made.entity.path.includes('MemoryStore')) return 'memory';
  return 'external';
}

function bodyLimit(library: string, file: string, call: CallSite, limit: string | null, scope: BodyLimitFact['scope']): BodyLimitFact {
  return { ...site(library, file, call), limit, bytes: parseByteSize(limit), scope };
}

function corsOrigin(options: Value | undefined, file: string, linker: ProgramLinker): Pick<CorsFact, 'origin' | 'credentials'> {
  if (!options) return { origin: 'any', credentials: false };
  if (options.kind === 'boolean') return { origin: options.value ? 'any' : 'unknown', credentials: false };
  if (options.kind !== 'object') return { origin: 'unknown', credentials: null };
  const origin = options.properties.origin;
  const credentials = options.properties.credentials;
  const credentialsValue = credentials === undefined ? (options.spread ? null : false) : credentials.kind === 'boolean' ? credentials.value : null;
  if (origin === undefined) return { origin: options.spread ? 'unknown' : 'any', credentials: credentialsValue };
  const text = linker.stringOf(file, origin);
  if (text === '*') return { origin: 'any', credentials: credentialsValue };
  if (origin.kind === 'boolean') return { origin: origin.value ? 'reflect' : 'unknown', credentials: credentialsValue };
  if (origin.kind === 'function') return { origin: 'function', credentials: credentialsValue };
  if (origin.kind === 'array' || text !== null) return { origin: 'list', credentials: credentialsValue };
  return { origin: 'unknown', credentials: credentialsValue };
}

function limitOf(options: Value | undefined, key: string, file: string, linker: ProgramLinker): string | null {
  if (options?.kind !== 'object') return null;
  const value = options.properties[key];
  if (value?.kind === 'number') return String(value.value);
  return linker.stringOf(file, value);
}

/**
 * The application facts, read from every call of the program: security headers (helmet), CORS and its
 * options, rate limiting, body size limits, error handlers and health routes, for Express, Fastify,
 * NestJS and Koa alike. Package knowledge lives here; rules ask the facts.
 */
export function appFacts(files: readonly string[], linker: ProgramLinker, routes: readonly Route[]): AppFacts {
  const facts: AppFacts = { securityHeaders: [], cors: [], rateLimits: [], bodyLimits: [], errorHandlers: [], healthRoutes: routes.filter((route) => HEALTH_PATH.test(route.path)), sessions: [] };
  const autoloaded = autoloadFolders(files, linker);
  for (const file of files) {
    const summary = linker.summary(file);
    const calls = summary?.calls ?? [];
    const parents = enclosingCalls(calls);
    for (const [index, call] of calls.entries()) {
      if (!call.callee && !call.calleeValue) continue;
      const callee = external(linker.resolveCallee(file, call));
      const method = call.callee?.path.at(-1);
      // Registered plugins and middleware: `app.register(helmet)`, `register(cors, opts)`, `app.use(errorHandler)`
      // (`app.use(helmet())` is seen at the `helmet()` call itself).
      if ((method === 'register' || method === 'use') && call.args?.length) {
        const plugin = external(linker.resolveValue(file, call.args[0]!));
        if (plugin && plugin.path.length === 0) {
          if (HELMET.has(plugin.module)) facts.securityHeaders.push(site(plugin.module, file, call));
          if (CORS.has(plugin.module)) facts.cors.push({ ...site(plugin.module, file, call), ...corsOrigin(call.args[1], file, linker) });
          if (RATE_LIMIT.has(plugin.module)) facts.rateLimits.push(site(plugin.module, file, call));
          if (method === 'register' && SERVER_SESSIONS.has(plugin.module) && !call.devOnly) facts.sessions.push({ ...site(plugin.module, file, call), store: sessionStore(call.args[1], file, linker) });
        }
        // Express error middleware: `app.use((err, req, res, next) => …)`.
        for (const arg of call.args) {
          const handler = linker.resolveValue(file, arg);
          if (handler?.entity.kind === 'function' && linker.summary(handler.entity.file)?.functions[handler.entity.fn]?.params.length === 4) {
            facts.errorHandlers.push(site('express', file, call));
          }
        }
        continue;
      }
      // Methods of the framework's app object, whatever the receiver resolves to (often a parameter).
      if (method === 'setErrorHandler') facts.errorHandlers.push(site('fastify', file, call));
      else if (method === 'useGlobalFilters') facts.errorHandlers.push(site('@nestjs/common', file, call));
      else if (method === 'enableCors') facts.cors.push({ ...site('@nestjs/common', file, call), ...corsOrigin(call.args?.[0], file, linker) });
      else if (method === 'useBodyParser') facts.bodyLimits.push(bodyLimit('@nestjs/common', file, call, limitOf(call.args?.[1], 'limit', file, linker), 'app'));
      else if (setsSecurityHeader(method, call)) facts.securityHeaders.push(site('by hand', file, call));
      if (!callee) continue;
      const path = callee.path.join('.');
      if (HELMET.has(callee.module)) facts.securityHeaders.push(site(callee.module, file, call));
      else if (callee.module === 'express-session' && (path === '' || path === 'default') && !call.construct && !call.devOnly) facts.sessions.push({ ...site(callee.module, file, call), store: sessionStore(call.args?.[0], file, linker) });
      else if (CORS.has(callee.module) && (path === '' || path === 'default')) facts.cors.push({ ...site(callee.module, file, call), ...corsOrigin(call.args?.[0], file, linker) });
      else if (RATE_LIMIT.has(callee.module) && !/Guard|Throttle$/.test(path)) facts.rateLimits.push(site(callee.module, file, call));
      else if ((callee.module === 'express' && (path === 'json' || path === 'urlencoded' || path === 'raw' || path === 'text')) || (callee.module === 'body-parser' && /^(default\.)?(json|urlencoded|raw|text)$/.test(path))) {
        facts.bodyLimits.push(bodyLimit(callee.module, file, call, limitOf(call.args?.[0], 'limit', file, linker), parserScope(parents.get(index))));
      } else if (callee.module === 'fastify' && (path === '' || path === 'default' || path === 'fastify')) {
        const options = call.args?.[0];
        if (options?.kind === 'object' && 'bodyLimit' in options.properties) facts.bodyLimits.push(bodyLimit('fastify', file, call, limitOf(options, 'bodyLimit', file, linker), 'app'));
      } else if (callee.module === '@nestjs/platform-fastify' && path === 'FastifyAdapter') {
        const options = call.args?.[0];
        if (options?.kind === 'object' && 'bodyLimit' in options.properties) facts.bodyLimits.push(bodyLimit('@nestjs/platform-fastify', file, call, limitOf(options, 'bodyLimit', file, linker), 'app'));
      } else if (callee.module === '@nestjs/core' && path === 'NestFactory.create') {
        const options = call.args?.[1];
        if (options?.kind === 'object' && options.properties.cors) facts.cors.push({ ...site('@nestjs/core', file, call), ...corsOrigin(options.properties.cors.kind === 'boolean' ? undefined : options.properties.cors, file, linker) });
      }
    }
    // A file `@fastify/autoload` loads whose default export is a package's plugin (`export default fastifyRateLimit`).
    if (autoloaded.some((folder) => file.startsWith(`${folder}/`))) {
      const plugin = external(linker.resolveExport(file, 'default'));
      if (plugin && plugin.path.length === 0) {
        const at = { library: plugin.module, file, line: 1, column: 1 };
        if (HELMET.has(plugin.module)) facts.securityHeaders.push(at);
        if (CORS.has(plugin.module)) facts.cors.push({ ...at, origin: 'unknown', credentials: null });
        if (RATE_LIMIT.has(plugin.module)) facts.rateLimits.push(at);
      }
    }
    // NestJS: `@Catch()` exception filters and ThrottlerGuard / ThrottlerModule.
    for (const cls of summary?.classes ?? []) {
      if (cls.decorators.some((decorator) => decorator.name === 'Catch' && decorator.from === '@nestjs/common')) facts.errorHandlers.push({ library: '@nestjs/common', file, line: cls.line, column: cls.column });
    }
  }
  return facts;
}
