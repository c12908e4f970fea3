import { CallGraph, type ResolvedCall } from '../call-graph.js';
import type { ProgramLinker } from '../link.js';
import type { ProgramSummary, Value } from '../summary.js';

/** A call that signs a token, and where its lifetime would be said. */
export interface TokenSigning {
  call: ResolvedCall;
  /** `jwt.sign`, `JwtService.sign`, `SignJWT`… as the finding names it. */
  what: string;
  /** The claims, when the library takes them as an argument (an `exp` claim sets the lifetime). */
  payload?: Value;
  /** The options argument, when the library takes one (`expiresIn`); null when none was passed. */
  options: Value | null;
  /** For libraries configured once (NestJS `JwtModule.register`), the lifetime may come from there. */
  moduleDefaults?: 'nestjs';
  /** For builder APIs (jose), whether the chain sets the expiration itself. */
  expiresInChain?: boolean;
}


/**
 * The methods called one after the other on what a call returns: its own chain, and for `new X(…)`
 * the member calls written on it (`new SignJWT(c).setProtectedHeader(h).sign(k)`), which the summary
 * records as a call site starting at the same place.
 */
function chainedNames(call: ResolvedCall, linker: ProgramLinker): string[] {
  const names = (call.site.chain ?? []).map((link) => link.name);
  for (const site of linker.summary(call.file)?.calls ?? []) {
    if (site === call.site || site.line !== call.site.line || site.column !== call.site.column || site.fn !== call.site.fn) continue;
    const method = site.callee?.path.at(-1);
    if (method) names.push(method);
    names.push(...(site.chain ?? []).map((link) => link.name));
  }
  return names;
}

/** The token a call signs, for jsonwebtoken, @nestjs/jwt's JwtService and jose's SignJWT. */
export function tokenSigningOf(call: ResolvedCall, linker: ProgramLinker): TokenSigning | null {
  const target = CallGraph.external(call);
  if (!target) return null;
  const args = call.site.args ?? [];
  if (target.module === 'jsonwebtoken' && target.steps.length === 1 && target.steps[0] === 'sign') {
    return { call, what: 'jwt.sign', ...(args[0] ? { payload: args[0] } : {}), options: args[2] ?? null };
  }
  if (target.module === '@nestjs/jwt' && target.steps[0] === 'JwtService' && /^sign(Async)?$/.test(target.steps.at(-1) ?? '')) {
    return { call, what: `JwtService.${target.steps.at(-1)}`, ...(args[0] ? { payload: args[0] } : {}), options: args[1] ?? null, moduleDefaults: 'nestjs' };
  }
  if (target.module === 'jose' && target.steps.length === 1 && target.steps[0] === 'SignJWT') {
    const chained = chainedNames(call, linker);
    if (!chained.includes('sign')) return null;
    return { call, what: 'SignJWT', ...(args[0] ? { payload: args[0] } : {}), options: null, expiresInChain: chained.includes('setExpirationTime') };
  }
  return null;
}

/** Whether an object value has a key: `yes`, `no`, or `unknown` (not an object the summary shows, or a spread). */
export function hasKey(summary: ProgramSummary | undefined, value: Value | null | undefined, key: string): 'yes' | 'no' | 'unknown' {
  let current = value;
  // `const payload = { sub, exp }` then `sign(payload, …)`.
  if (current?.kind === 'ref' && current.ref.root.kind === 'variable' && !current.ref.path.length) current = summary?.variables[current.ref.root.id]?.value;
  if (current?.kind !== 'object') return 'unknown';
  if (key in current.properties) return 'yes';
  return current.spread ? 'unknown' : 'no';
}

/**
 * The lifetime NestJS's `JwtModule.register({ signOptions: { expiresIn } })` gives every `JwtService`:
 * `set` when some registration sets it, `unset` when every registration is read and none does,
 * `unknown` when there is none the model can read (`registerAsync`, options from a variable).
 */
export function nestJwtModuleDefault(calls: Iterable<ResolvedCall>, linker: ProgramLinker): 'set' | 'unset' | 'unknown' {
  let seen = false;
  for (const call of calls) {
    const target = CallGraph.external(call);
    if (target?.module !== '@nestjs/jwt' || target.steps[0] !== 'JwtModule') continue;
    if (target.steps[1] !== 'register') return 'unknown';
    const options = call.site.args?.[0];
    const summary = linker.summary(call.file);
    const signOptions = hasKey(summary, options, 'signOptions') === 'yes' && options?.kind === 'object' ? options.properties.signOptions : undefined;
    const state = signOptions ? hasKey(summary, signOptions, 'expiresIn') : hasKey(summary, options, 'signOptions') === 'no' ? 'no' : 'unknown';
    if (state === 'yes') return 'set';
    if (state === 'unknown') return 'unknown';
    seen = true;
  }
  return seen ? 'unset' : 'unknown';
}

/** A call that verifies a token, and what it is told to accept. */
export interface TokenVerification {
  call: ResolvedCall;
  /** The package whose version decides the defaults (`jsonwebtoken`, `express-jwt`). */
  library: 'jsonwebtoken' | 'express-jwt';
  /** `jwt.verify`, `expressJwt` as the finding names it. */
  what: string;
  /** The key or secret it verifies with, when the call shows it. */
  key?: Value;
  /** The options value (the `algorithms` list lives there), or null when none was passed. */
  options: Value | null;
}

/** The token a call verifies, for jsonwebtoken's `verify` and express-jwt's middleware factory. */
export function tokenVerificationOf(call: ResolvedCall): TokenVerification | null {
  const target = CallGraph.external(call);
  if (!target) return null;
  const args = call.site.args ?? [];
  if (target.module === 'jsonwebtoken' && target.steps.length === 1 && target.steps[0] === 'verify') {
    // `verify(token, key, callback)`: the third argument is the callback, not options.
    const options = args[2] && args[2].kind !== 'function' ? args[2] : null;
    return { call, library: 'jsonwebtoken', what: 'jwt.verify', ...(args[1] ? { key: args[1] } : {}), options };
  }
  if (target.module === 'express-jwt' && (target.steps.length === 0 || (target.steps.length === 1 && /^(default|expressjwt)$/.test(target.steps[0]!)))) {
    const options = args[0] ?? null;
    const secret = options?.kind === 'object' ? options.properties.secret : undefined;
    return { call, library: 'express-jwt', what: call.site.text, ...(secret ? { key: secret } : {}), options };
  }
  return null;
}

/** The algorithms an options value allows: the list as written, `absent`, or `unknown` (not readable). */
export function allowedAlgorithms(summary: ProgramSummary | undefined, options: Value | null): string[] | 'absent' | 'unknown' {
  if (options === null) return 'absent';
  const present = hasKey(summary, options, 'algorithms');
  if (present === 'no') return 'absent';
  if (present === 'unknown') return 'unknown';
  let object = options;
  if (object.kind === 'ref' && object.ref.root.kind === 'variable' && !object.ref.path.length) object = summary?.variables[object.ref.root.id]?.value ?? object;
  const list = object.kind === 'object' ? object.properties.algorithms : undefined;
  if (list?.kind !== 'array') return 'unknown';
  const names = list.elements.map((element) => (element.kind === 'string' ? element.value : null));
  return names.every((name): name is string => name !== null) ? names : 'unknown';
}

/** Words naming an asymmetric key: a public key or certificate (what algorithm confusion turns into an HMAC secret). */
const PUBLIC_KEY_NAME = /public.?key|pub.?key|\bcert(ificate)?\b|\.pem\b|\.crt\b|\.pub\b/i;

/**
 * Whether a key value is a public key or certificate, as far as the program shows: its name
 * (`publicKey`, `security.publicKey`, `JWT_PUBLIC_KEY`), a PEM literal, or a file read from a
 * `.pem`/`.crt`/`.pub` path. `false` when it cannot tell (a secret, a function, a value from elsewhere).
 */
export function isPublicKey(summary: ProgramSummary | undefined, key: Value | undefined, linker: ProgramLinker, file: string): boolean {
  if (!key) return false;
  const text = linker.stringOf(file, key);
  if (text !== null) return /-----BEGIN (RSA )?PUBLIC KEY-----|-----BEGIN CERTIFICATE-----/.test(text);
  if (key.kind !== 'ref') return false;
  const root = key.ref.root;
  const names = [root.kind === 'variable' || root.kind === 'global' ? root.name : root.kind === 'import' ? root.name : '', ...key.ref.path];
  if (names.some((name) => PUBLIC_KEY_NAME.test(name) || /^(JWT_)?PUBLIC_KEY$/i.test(name))) return true;
  // `const key = fs.readFileSync('keys/jwt.pub')`.
  if (root.kind === 'variable' && !key.ref.path.length) {
    const value = summary?.variables[root.id]?.value;
    if (value?.kind === 'call') {
      const read = summary?.calls[value.call];
      const path = read?.args?.[0] ? linker.stringOf(file, read.args[0]) : null;
      return path !== null && /\.(pem|crt|pub)$/i.test(path) && /pub|cert/i.test(path);
    }
  }
  return false;
}

const SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_557_600 };

/**
 * A token lifetime in seconds, as jsonwebtoken and jose read it: a number is seconds; a string is a
 * `ms` time span (`'60d'`, `'180 days'`, `'2h'`), a bare numeric string milliseconds. Null when the
 * value cannot be read (configuration, a computed value).
 */
export function lifetimeSeconds(value: Value | undefined, file: string, linker: ProgramLinker): number | null {
  if (value?.kind === 'number') return value.value;
  const text = linker.stringOf(file, value);
  if (text === null) return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|msecs?|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|y|yrs?|years?)?\s*$/i.exec(text);
  if (!match) return null;
  const unit = (match[2] ?? 'ms').toLowerCase();
  const key = unit.startsWith('ms') || unit.startsWith('milli') ? 'ms' : unit[0]!;
  return Number(match[1]) * SECONDS[key]!;
}

/** A token lifetime set where tokens are signed: the sign call's `expiresIn`, or a NestJS `JwtModule.register`'s `signOptions.expiresIn`. */
export interface TokenLifetime {
  call: ResolvedCall;
  what: string;
  seconds: number;
  /** The lifetime as written (`'60d'`, `360000`). */
  written: string;
}

/** The lifetimes the program gives signed tokens, where it writes them as constants. */
export function tokenLifetimes(calls: Iterable<ResolvedCall>, linker: ProgramLinker): TokenLifetime[] {
  const found: TokenLifetime[] = [];
  const add = (call: ResolvedCall, what: string, options: Value | null | undefined) => {
    if (options?.kind !== 'object') return;
    const value = options.properties.expiresIn;
    const seconds = lifetimeSeconds(value, call.file, linker);
    if (seconds === null) return;
    found.push({ call, what, seconds, written: value?.kind === 'number' ? String(value.value) : `'${linker.stringOf(call.file, value)}'` });
  };
  for (const call of calls) {
    const signing = tokenSigningOf(call, linker);
    if (signing) {
      add(call, signing.what, signing.options);
      continue;
    }
    const target = CallGraph.external(call);
    if (target?.module === '@nestjs/jwt' && target.steps[0] === 'JwtModule' && target.steps[1] === 'register') {
      const options = call.site.args?.[0];
      add(call, 'JwtModule.register', options?.kind === 'object' ? options.properties.signOptions : undefined);
    }
  }
  return found;
}

/** A call that reads a token's claims without checking its signature: jsonwebtoken `decode`, jwt-decode, jose `decodeJwt`. */
export function isTokenDecode(call: ResolvedCall): boolean {
  const target = CallGraph.external(call);
  if (!target) return false;
  const last = target.steps.at(-1);
  if (target.module === 'jsonwebtoken') return target.steps.length === 1 && last === 'decode';
  if (target.module === 'jwt-decode') return target.steps.length === 0 || (target.steps.length === 1 && (last === 'default' || last === 'jwtDecode'));
  return target.module === 'jose' && target.steps.length === 1 && last === 'decodeJwt';
}

/** A call that checks a token's signature: jsonwebtoken `verify`, jose `jwtVerify`, NestJS `JwtService.verify`, express-jwt. */
export function isTokenVerify(call: ResolvedCall): boolean {
  if (tokenVerificationOf(call)) return true;
  const target = CallGraph.external(call);
  if (!target) return false;
  if (target.module === 'jose') return target.steps.length === 1 && target.steps[0] === 'jwtVerify';
  return target.module === '@nestjs/jwt' && target.steps[0] === 'JwtService' && /^verify(Async)?$/.test(target.steps.at(-1) ?? '');
}

/** Members of a request that carry who is calling: what a middleware that authenticates sets. */
const IDENTITY_MEMBER = /^(user|auth|identity|principal|account|session[Uu]ser|currentUser)$/;

/**
 * Where a decoded, unverified token becomes the caller's identity: in the decoding function, a write
 * of its result (directly, through a variable, or a member of it) to `req.user`-like members of a
 * parameter, with no signature check in that function. Returns the member written (`req.user`).
 */
export function identityFromDecode(decode: ResolvedCall, calls: CallGraph, linker: ProgramLinker): string | null {
  const fn = decode.site.fn;
  if (fn < 0) return null;
  if (calls.callsIn({ file: decode.file, fn }).some(isTokenVerify)) return null;
  const summary = linker.summary(decode.file);
  const fromDecode = (value: Value, depth = 0): boolean => {
    if (depth > 3) return false;
    if (value.kind === 'call') return value.call === decode.index;
    if (value.kind === 'ref' && value.ref.root.kind === 'variable') {
      const held = summary?.variables[value.ref.root.id]?.value;
      return held !== undefined && fromDecode(held, depth + 1);
    }
    return false;
  };
  for (const write of summary?.memberWrites ?? []) {
    if (write.fn !== fn || write.target.root.kind !== 'param' || !IDENTITY_MEMBER.test(write.target.path.at(-1) ?? '')) continue;
    if (fromDecode(write.value)) {
      const param = summary?.functions[fn]?.params[write.target.root.index]?.name ?? 'req';
      return [param, ...write.target.path].join('.');
    }
  }
  return null;
}
