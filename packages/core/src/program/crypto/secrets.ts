import { CallGraph, type ResolvedCall } from '../call-graph.js';
import type { ProgramLinker } from '../link.js';
import type { Value } from '../summary.js';

/** Where a library takes a secret: which call, and where in its arguments the secret is. */
interface SecretSink {
  module: RegExp;
  /** The path taken on the module, calls included (`['sign']`, `['JwtModule', 'register']`, `['Strategy', 'new']`). */
  path: (steps: readonly string[]) => boolean;
  /** The argument holding the secret: an index, or an index and an option name. */
  at: number | [number, string];
  what: string;
}

const SINKS: readonly SecretSink[] = [
  { module: /^jsonwebtoken$/, path: (steps) => steps.length === 1 && (steps[0] === 'sign' || steps[0] === 'verify'), at: 1, what: 'JWT secret' },
  { module: /^express-jwt$/, path: (steps) => steps.length <= 1, at: [0, 'secret'], what: 'JWT secret' },
  { module: /^express-session$/, path: (steps) => steps.length === 0, at: [0, 'secret'], what: 'session secret' },
  { module: /^cookie-session$/, path: (steps) => steps.length === 0, at: [0, 'secret'], what: 'cookie signing secret' },
  { module: /^cookie-parser$/, path: (steps) => steps.length === 0, at: 0, what: 'cookie signing secret' },
  { module: /^passport-jwt$/, path: (steps) => steps[0] === 'Strategy', at: [0, 'secretOrKey'], what: 'JWT secret' },
  { module: /^@nestjs\/jwt$/, path: (steps) => steps[0] === 'JwtModule' && steps[1] === 'register', at: [0, 'secret'], what: 'JWT secret' },
  { module: /^(node:)?crypto$/, path: (steps) => steps.length === 1 && (steps[0] === 'createHmac' || steps[0] === 'createCipheriv' || steps[0] === 'createDecipheriv'), at: 1, what: 'HMAC or cipher key' },
];

/** Fastify plugins registered with a secret in their options: `app.register(fastifyJwt, { secret })`. */
const FASTIFY_SECRET_PLUGINS: Readonly<Record<string, { option: string; what: string }>> = {
  '@fastify/jwt': { option: 'secret', what: 'JWT secret' },
  'fastify-jwt': { option: 'secret', what: 'JWT secret' },
  '@fastify/cookie': { option: 'secret', what: 'cookie signing secret' },
  '@fastify/session': { option: 'secret', what: 'session secret' },
  '@fastify/secure-session': { option: 'key', what: 'session key' },
};

/** A secret the code gives a library: the call, what the library uses it for, and the value given. */
export interface SecretUse {
  call: ResolvedCall;
  what: string;
  value: Value;
}

function argument(call: ResolvedCall, at: number | [number, string]): Value | undefined {
  const [index, option] = typeof at === 'number' ? [at, null] : at;
  const arg = call.site.args?.[index];
  if (option === null) return arg;
  return arg?.kind === 'object' ? arg.properties[option] : undefined;
}

/** The secret a call hands a library that signs, verifies or encrypts with it, or null. */
export function secretUseOf(call: ResolvedCall, linker: ProgramLinker): SecretUse | null {
  const callee = CallGraph.external(call);
  if (callee) {
    for (const sink of SINKS) {
      if (!sink.module.test(callee.module) || !sink.path(callee.steps)) continue;
      const value = argument(call, sink.at);
      return value ? { call, what: sink.what, value } : null;
    }
  }
  // `app.register(plugin, { secret })`: the plugin is known by the package its first argument comes from.
  if (call.site.callee?.path.at(-1) === 'register' && call.site.args?.length === 2) {
    const plugin = call.site.args[0]!;
    const resolved = plugin.kind === 'ref' ? linker.resolveRef(call.file, plugin.ref) : null;
    const known = resolved?.entity.kind === 'external' && !resolved.rest.length ? FASTIFY_SECRET_PLUGINS[resolved.entity.module] : undefined;
    const options = call.site.args[1];
    const value = known && options?.kind === 'object' ? options.properties[known.option] : undefined;
    if (known && value) return { call, what: known.what, value };
  }
  return null;
}

/** The literal a secret value is written as: a string, a constant holding one, or the fallback of an unset variable. */
export function hardcodedLiteral(file: string, value: Value, linker: ProgramLinker): { literal: string; env?: string } | null {
  if (value.kind === 'string') return value.value ? { literal: value.value } : null;
  if (value.kind === 'env-default') return { literal: value.value, env: value.env };
  if (value.kind !== 'ref') return null;
  const resolved = linker.resolveRef(file, value.ref);
  if (resolved?.entity.kind !== 'value' || resolved.rest.length) return null;
  const held = resolved.entity.value;
  if (held.kind === 'string') return held.value ? { literal: held.value } : null;
  if (held.kind === 'env-default') return { literal: held.value, env: held.env };
  return null;
}

/** Secrets written out in a literal, by their unmistakable shape. */
const SECRET_FORMATS: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----\s*[A-Za-z0-9+/=\s]{64,}/, what: 'a private key (PEM)' },
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, what: 'an AWS access key id' },
  { pattern: /\bsk_live_[0-9a-zA-Z]{20,}\b/, what: 'a Stripe live secret key' },
  { pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{36}\b|\bgithub_pat_[0-9A-Za-z_]{60,}\b/, what: 'a GitHub token' },
  { pattern: /\bxox[baprs]-[0-9]{8,}-[0-9A-Za-z-]{16,}\b/, what: 'a Slack token' },
  { pattern: /\bSG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}\b/, what: 'a SendGrid API key' },
  { pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, what: 'a Google API key' },
];

/** Passwords in a connection URL that are clearly not real: placeholders and local-development defaults. */
const PLACEHOLDER_PASSWORD = /^(password|pass|passwd|secret|changeme|change_me|example|test|admin|root|postgres|mysql|mongo|redis|guest|user|xxx+|\*+|\.+|<[^>]*>|\{[^}]*\}|%s)$/i;
const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal)$/i;
const CREDENTIALED_URL = /\b([a-z][a-z0-9+.-]{0,19}):\/\/([^:/\s@'"`]+):([^@/\s'"`]+)@([^:/\s'"`?#]+)/i;

/**
 * The kind of secret a literal holds, by its shape: a private key, a provider's key format, or a
 * connection URL with a password that is neither a placeholder nor a default for a local database.
 */
export function secretInLiteral(text: string): string | null {
  for (const format of SECRET_FORMATS) {
    const match = format.pattern.exec(text);
    // Providers' documentation keys (`AKIAIOSFODNN7EXAMPLE`) are placeholders by their own word.
    if (match && !/example/i.test(match[0])) return format.what;
  }
  const url = CREDENTIALED_URL.exec(text);
  if (url) {
    const [, , , password, host] = url;
    // A host without a dot is a local name or a Compose service (`db`, `postgres`): a development default.
    if (!PLACEHOLDER_PASSWORD.test(password!) && !LOCAL_HOST.test(host!) && host!.includes('.')) return `${/^[aeiou]/i.test(url[1]!) ? 'an' : 'a'} ${url[1]} connection URL with its password`;
  }
  return null;
}
