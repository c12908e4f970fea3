import type { FunctionKey, ResolvedCall } from '../../program/call-graph.js';
import { keyOf } from '../../program/call-graph.js';
import { callersIndex } from '../../program/callers.js';
import { hasKey, nestJwtModuleDefault, tokenSigningOf, type TokenSigning } from '../../program/crypto/tokens.js';
import type { ProgramModels } from '../../program/models.js';
import { isTooling } from '../../program/tooling.js';
import type { Rule } from '../types.js';

/**
 * Whether the claims carry an `exp`: `no` only when the program shows every payload, `yes` when one
 * has it, `unknown` otherwise. A payload that is the signing function's parameter is read at its
 * callers (`generate({ uid })`).
 */
function payloadExpiry(models: ProgramModels, signing: TokenSigning, callers: () => Map<FunctionKey, ResolvedCall[]>): 'yes' | 'no' | 'unknown' {
  const { call, payload } = signing;
  const summary = models.linker.summary(call.file);
  if (!payload) return 'no';
  const own = hasKey(summary, payload, 'exp');
  if (own !== 'unknown') return own;
  if (payload.kind !== 'ref' || payload.ref.root.kind !== 'param' || payload.ref.root.fn !== call.site.fn || payload.ref.path.length) return 'unknown';
  const position = payload.ref.root.index;
  const passed = callers().get(keyOf({ file: call.file, fn: call.site.fn })) ?? [];
  if (!passed.length) return 'unknown';
  let answer: 'yes' | 'no' | 'unknown' = 'no';
  for (const caller of passed) {
    const state = hasKey(models.linker.summary(caller.file), caller.site.args?.[position], 'exp');
    if (state === 'yes') return 'yes';
    if (state === 'unknown') answer = 'unknown';
  }
  return answer;
}

export const jwtNoExpiry: Rule = {
  meta: {
    id: 'jwt-no-expiry',
    category: 'security',
    severity: 'error',
    title: 'Every signed token expires',
    why: 'A JWT is valid until it expires, whatever happens on the server: without `exp` a token copied from a log, a browser or a proxy works forever, and logging out, changing the password or removing the user does not stop it (stateless tokens have no session to delete).',
    fix: 'Give every token a lifetime: `expiresIn` on the sign call (`jwt.sign(claims, secret, { expiresIn: \'15m\' })`), `signOptions.expiresIn` in `JwtModule.register`, `setExpirationTime` with jose; keep access tokens short (minutes) and renew them with rotated refresh tokens.',
    models: ['program'],
  },
  check({ models, report }) {
    let callers: Map<FunctionKey, ResolvedCall[]> | undefined;
    const callersOnce = () => (callers ??= callersIndex(models));
    const everyCall = models.everyCall.filter((call) => !isTooling(call.file));
    const signings = everyCall.map((call) => tokenSigningOf(call, models.linker)).filter((signing): signing is TokenSigning => signing !== null);
    let nestDefault: ReturnType<typeof nestJwtModuleDefault> | undefined;
    for (const signing of signings) {
      const summary = models.linker.summary(signing.call.file);
      if (signing.expiresInChain) continue;
      const options = signing.options === null ? 'no' : hasKey(summary, signing.options, 'expiresIn');
      if (options !== 'no') continue;
      if (signing.moduleDefaults === 'nestjs' && (nestDefault ??= nestJwtModuleDefault(everyCall, models.linker)) !== 'unset') continue;
      if (payloadExpiry(models, signing, callersOnce) !== 'no') continue;
      const where = signing.moduleDefaults === 'nestjs' ? 'no `expiresIn` on the call or in `JwtModule.register`' : signing.what === 'SignJWT' ? 'no `setExpirationTime`' : 'no `expiresIn` option';
      report({
        file: signing.call.file,
        line: signing.call.site.line,
        column: signing.call.site.column,
        message: `\`${signing.call.site.text}\` signs a token that never expires (${where} and no \`exp\` claim): a leaked token stays valid forever, and logout or a password change cannot end it.`,
        anchor: `${signing.what}:${signing.call.site.text}`,
      });
    }
  },
};
