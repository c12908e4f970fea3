import { keyOf, type FunctionKey, type FunctionRef, type ResolvedCall } from '../../program/call-graph.js';
import { callersIndex } from '../../program/callers.js';
import { fastHashOf, isSlowKdf, syncKdfOf, type FastHash } from '../../program/crypto/hashes.js';
import { classifiedCallsInRequests, routeSuffix } from '../../program/handler-reach.js';
import { routeLabel } from '../../program/http/route.js';
import type { ProgramModels } from '../../program/models.js';
import type { ProgramSummary, Value } from '../../program/summary.js';
import { isTooling } from '../../program/tooling.js';
import type { TraceStep } from '../../types.js';
import type { Rule } from '../types.js';

/**
 * Names that hold a password a person chose: `password`, `newPassword`, `clearTextPassword`,
 * `user_passwd`, `pwd`, `passphrase`. Not `passwordHash`, `resetPasswordToken` or `passport`: the name
 * must end with the word.
 */
const PASSWORD_NAME = /^(pass|pwd|pin)$|(password|passwd|passphrase)$/i;

/** The name the code gives a value: the last member read, or the parameter, variable or import it is. */
function nameOf(summary: ProgramSummary, value: Value | undefined, depth = 0): string | null {
  if (value?.kind !== 'ref') return null;
  const { root, path } = value.ref;
  if (path.length) return path.at(-1)!;
  if (root.kind === 'param') return summary.functions[root.fn]?.params[root.index]?.name ?? null;
  if (root.kind === 'variable') {
    if (PASSWORD_NAME.test(root.name) || depth > 2) return root.name;
    // `const secret = req.body.password`: the value it holds names it better.
    const held = summary.variables[root.id]?.value;
    return held?.kind === 'ref' ? (nameOf(summary, held, depth + 1) ?? root.name) : root.name;
  }
  if (root.kind === 'import') return root.name;
  return null;
}

const isPassword = (summary: ProgramSummary, value: Value | undefined): string | null => {
  const name = nameOf(summary, value);
  return name && PASSWORD_NAME.test(name) ? name : null;
};

/** The parameter (index) of the hashing function that the digest's input is, when it is one of its own. */
function ownParameter(hash: FastHash): number | null {
  const input = hash.input;
  if (input?.kind !== 'ref' || input.ref.root.kind !== 'param' || input.ref.root.fn !== hash.call.site.fn || input.ref.path.length) return null;
  return input.ref.root.index;
}

/** The functions around the call, itself and the ones it is nested in: a slow KDF in any of them makes the digest a pre-hash. */
function preHashes(models: ProgramModels, fn: FunctionRef): boolean {
  const functions = models.linker.summary(fn.file)?.functions ?? [];
  for (let index = fn.fn, depth = 0; index >= 0 && depth < 8; index = functions[index]?.parent ?? -1, depth++) {
    const ref = { file: fn.file, fn: index };
    if ([ref, ...models.calls.nestedIn(ref)].some((inner) => models.calls.callsIn(inner).some(isSlowKdf))) return true;
  }
  return false;
}

const at = (call: ResolvedCall, message: string): TraceStep => ({ file: call.file, line: call.site.line, column: call.site.column, message });

export const weakPasswordHash: Rule = {
  meta: {
    id: 'weak-password-hash',
    category: 'security',
    severity: 'error',
    title: 'Passwords are hashed with a slow, salted KDF (argon2id, scrypt, bcrypt), asynchronously',
    why: 'Fast digests (md5, sha1, the sha2 family) are built for speed: a GPU tries billions of guesses a second, so a leaked table of fast-hashed passwords is cracked in hours, and unsalted ones fall to precomputed tables at once. The slow KDFs are slow on purpose; their synchronous variants then hold the event loop for the ~100 ms each hash takes, stalling every other request.',
    fix: 'Hash passwords with argon2id (`argon2.hash`), scrypt (`crypto.scrypt` with a random salt) or bcrypt (`await bcrypt.hash(password, 12)`) and verify with their compare function; migrate old hashes by re-hashing at the next successful login. Use the async API in request paths.',
    models: ['program', 'http'],
  },
  check({ models, report }) {
    let callers: Map<FunctionKey, ResolvedCall[]> | undefined;
    for (const call of models.everyCall) {
      const hash = isTooling(call.file) ? null : fastHashOf(call, models.linker);
      if (!hash) continue;
      const where = { file: call.file, fn: call.site.fn };
      const direct = isPassword(models.linker.summary(call.file)!, hash.input);
      // A helper (`hash(data)`) is judged by what its callers give it: a password from any of them.
      const position = direct ? null : ownParameter(hash);
      let caller: { call: ResolvedCall; name: string } | null = null;
      if (position !== null) {
        callers ??= callersIndex(models);
        for (const candidate of callers.get(keyOf(where)) ?? []) {
          const name = isPassword(models.linker.summary(candidate.file)!, candidate.site.args?.[position]);
          if (name) {
            caller = { call: candidate, name };
            break;
          }
        }
      }
      if (!direct && !caller) continue;
      if (preHashes(models, where)) continue;
      const text = hash.call.site.text.length > 60 ? `${hash.algorithm} digest` : hash.call.site.text;
      const passed = caller ? `\`${caller.name}\`, given by \`${caller.call.site.text}\` in ${caller.call.file}:${caller.call.site.line}` : `\`${direct}\``;
      report({
        file: call.file,
        line: call.site.line,
        column: call.site.column,
        message: `\`${text}\` hashes a password (${passed}) with ${hash.algorithm}, a fast digest: a leaked table is brute-forced at billions of guesses a second.`,
        anchor: `${hash.algorithm}:${text}:${caller ? caller.call.site.text : direct}`,
        ...(caller ? { trace: [at(caller.call, `passes ${caller.name} to ${caller.call.site.text}`), at(call, `hashes it with ${hash.algorithm}`)] } : {}),
      });
    }
    for (const entry of classifiedCallsInRequests(models.routes, models.calls, syncKdfOf)) {
      report({
        severity: 'warn',
        file: entry.call.file,
        line: entry.call.site.line,
        column: entry.call.site.column,
        message: `\`${entry.match}\` derives a key synchronously while serving ${routeSuffix(entry)}: each call holds the event loop for the whole hash (~100 ms at cost 10), stalling every other request.`,
        anchor: `${models.calls.info(entry.fn)?.name ?? '<module>'}:${entry.match}`,
        route: routeLabel(entry.route),
        trace: entry.trace,
      });
    }
  },
};
