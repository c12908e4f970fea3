import type { FunctionRef } from '../call-graph.js';

/** `table`: a route table entry (`{ method, path, handler }`) whatever mounts it. */
export type Framework = 'express' | 'fastify' | 'nestjs' | 'koa' | 'table';

/** A route as an adapter finds it: where it is registered, what runs for it, and what guards it. */
export interface Route {
  framework: Framework;
  method: string;
  /** The full path, every mount prefix the model could follow applied. */
  path: string;
  /** The function that answers the request (the last handler), when it is in the project. */
  handler: FunctionRef | null;
  handlerName: string;
  /** Where the route is registered (the `router.get` call, the `@Get` method). */
  file: string;
  line: number;
  column: number;
  middleware: string[];
  validation: string | null;
  auth: string | null;
}

export const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all']);

/** A path segment the model cannot read (`setGlobalPrefix(config.prefix)`): shown, never guessed. */
export const UNKNOWN_SEGMENT = '…';

/** `/api` + `users/:id` → `/api/users/:id`; empty and duplicate slashes collapse. */
export function joinPaths(...parts: readonly string[]): string {
  const joined = parts
    .filter((part) => part && part !== '/')
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

/** Names that say a middleware or guard authenticates or authorises. */
export const AUTH_NAME = /auth|passport|jwt|guard|protect|logged.?in|require.?(user|role|admin|login)|verify.?token|session|permission|role/i;
/**
 * Names AUTH_NAME matches that set up a session or record a user without refusing anyone:
 * helmet's `frameguard` (a clickjacking header), `passport.initialize()`, `passport.session()`,
 * express-session's `session({...})`, a hook that updates a list of authenticated users. Counted as
 * a guard, they would hide unguarded routes.
 */
const NOT_A_GUARD = /frameguard|passport\.(initialize|session)\b|^(express)?session\(|cookie-?session|^(update|track|record)\w*(auth|session)/i;

/** Whether a middleware, hook or guard name says it authenticates or authorises (and refuses requests that fail). */
export const isAuthName = (name: string): boolean => AUTH_NAME.test(name) && !NOT_A_GUARD.test(name.replace(/^[\w$]+\.(?=[a-z]+\w*(auth|session))/i, ''));

/** Names that say a middleware or pipe validates its input. */
export const VALIDATION_NAME = /valid|schema|celebrate|zod|joi|yup|superstruct|typebox|valibot|sanitize/i;

/** `METHOD /path`, the way a finding names a route. */
export const routeLabel = (route: Pick<Route, 'method' | 'path'>): string => `${route.method} ${route.path}`;
