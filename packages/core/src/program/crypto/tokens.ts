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
