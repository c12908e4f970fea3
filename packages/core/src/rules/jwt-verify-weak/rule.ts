import { allowedAlgorithms, identityFromDecode, isPublicKey, isTokenDecode, tokenVerificationOf, type TokenVerification } from '../../program/crypto/tokens.js';
import { certainlyBelow, declaredVersion, type DeclaredVersion } from '../../project/dependency-version.js';
import { isTooling } from '../../program/tooling.js';
import type { Rule } from '../types.js';

/**
 * What a verification without an `algorithms` list accepts, by library version. jsonwebtoken before
 * 4.2.2 took `alg: none` as a valid signature (CVE-2015-9235); before 9.0.0 it let a token signed with
 * HS256 pass against an RSA/EC public key, used as the HMAC secret (CVE-2022-23541). express-jwt
 * before 6.0.0 did not require the list and passed the key to such a jsonwebtoken.
 */
function weakness(verification: TokenVerification, version: DeclaredVersion | null, publicKey: boolean): string | null {
  const named = `${verification.library} ${version?.range ?? ''}`.trim();
  if (verification.library === 'jsonwebtoken') {
    if (certainlyBelow(version, 4, 2, 2)) return `${named} accepts unsigned tokens (\`alg: none\`, fixed in 4.2.2) and \`${verification.what}\` pins no \`algorithms\`: anyone can write a token the server trusts`;
    if (publicKey && certainlyBelow(version, 9)) return `${named} with a public key and no \`algorithms\` list accepts tokens signed HS256 with that public key as the HMAC secret (fixed in 9.0.0): anyone who has the public key can sign tokens`;
    return null;
  }
  if (publicKey && certainlyBelow(version, 6)) return `${named} takes no \`algorithms\` list (required from 6.0.0) and verifies with a public key: tokens signed HS256 with that key as the HMAC secret pass, and old versions accept unsigned ones`;
  return null;
}

export const jwtVerifyWeak: Rule = {
  meta: {
    id: 'jwt-verify-weak',
    category: 'security',
    severity: 'error',
    title: 'Token verification pins its algorithms',
    why: 'A JWT names its own algorithm in its header. A verifier that lets the token choose accepts `alg: none` (no signature at all) in old libraries, or a token signed HS256 with the server\'s public key used as the HMAC secret (algorithm confusion): either way anyone can mint a token for any user, admin included.',
    fix: 'Pass the algorithms the server issues: `jwt.verify(token, key, { algorithms: [\'RS256\'] })`, `expressjwt({ secret, algorithms: [\'HS256\'] })`; never list `none`; upgrade jsonwebtoken to 9 or later and express-jwt to 6 or later, which refuse these tokens by default.',
    models: ['program'],
  },
  check({ models, project, report }) {
    // Calls weak because of the library version share one fix (upgrade, or pin every call): one finding per version.
    const byVersion = new Map<string, { problem: string; calls: TokenVerification[] }>();
    for (const call of models.everyCall) {
      if (isTooling(call.file)) continue;
      if (isTokenDecode(call)) {
        const identity = identityFromDecode(call, models.calls, models.linker);
        if (identity) {
          report({
            file: call.file,
            line: call.site.line,
            column: call.site.column,
            message: `\`${call.site.text}\` reads the token without checking its signature, and its claims become \`${identity}\`: anyone can write a token that makes them any user.`,
            anchor: `decode-trusted:${call.site.text}:${identity}`,
          });
        }
        continue;
      }
      const verification = tokenVerificationOf(call);
      if (!verification) continue;
      const summary = models.linker.summary(call.file);
      const algorithms = allowedAlgorithms(summary, verification.options);
      if (Array.isArray(algorithms)) {
        if (!algorithms.some((name) => name.toLowerCase() === 'none')) continue;
        report({
          file: call.file,
          line: call.site.line,
          column: call.site.column,
          message: `\`${verification.what}\` lists \`none\` among the algorithms it accepts: a token with no signature passes.`,
          anchor: `${verification.library}:none:${call.site.text}`,
        });
        continue;
      }
      if (algorithms !== 'absent') continue;
      const version = declaredVersion(call.file, project.manifests, verification.library);
      const problem = weakness(verification, version, isPublicKey(summary, verification.key, models.linker, call.file));
      if (!problem) continue;
      const key = `${verification.library}@${version?.range}:${problem}`;
      const group = byVersion.get(key) ?? { problem, calls: [] };
      group.calls.push(verification);
      byVersion.set(key, group);
    }
    for (const { problem, calls } of byVersion.values()) {
      const [first, ...others] = calls;
      if (!first) continue;
      const more = others.length ? ` (and ${others.length} other call${others.length === 1 ? '' : 's'}: ${others.slice(0, 3).map(({ call }) => `${call.file}:${call.site.line}`).join(', ')}${others.length > 3 ? ', …' : ''})` : '';
      report({
        file: first.call.file,
        line: first.call.site.line,
        column: first.call.site.column,
        message: `${problem}${more}.`,
        anchor: `${first.library}:${first.call.site.text}`,
      });
    }
  },
};
