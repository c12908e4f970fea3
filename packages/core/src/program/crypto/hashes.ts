import type { ResolvedCall } from '../call-graph.js';
import type { ProgramLinker } from '../link.js';
import type { Value } from '../summary.js';

/**
 * Digest algorithms that run in microseconds: made for integrity checks and lookups of random
 * tokens, and brute-forced at billions of guesses a second on a GPU when the input is a password.
 */
const FAST_ALGORITHMS = /^(md4|md5|sha-?1|sha-?224|sha-?256|sha-?384|sha-?512|sha3-\d+|ripemd-?160|whirlpool)$/i;

/** Packages whose functions are themselves a fast digest of their argument: `md5(x)`, `CryptoJS.SHA256(x)`. */
const DIGEST_PACKAGES: readonly { module: RegExp; name: (path: readonly string[]) => string | null }[] = [
  { module: /^(md5|blueimp-md5|js-md5|md5-hex|sha1|js-sha1|js-sha256|js-sha512)$/, name: (path) => (path.length === 0 || path.length === 1 ? 'digest' : null) },
  { module: /^crypto-js$/, name: (path) => (path.length === 1 && /^(MD5|SHA1|SHA224|SHA256|SHA384|SHA512|SHA3|RIPEMD160)$/.test(path[0]!) ? path[0]! : null) },
  { module: /^crypto-js\/(md5|sha1|sha224|sha256|sha384|sha512|sha3|ripemd160)$/, name: (path) => (path.length === 0 ? 'digest' : null) },
];

/** Key-derivation functions made to be slow: a password hashed with one of them is stored safely. */
const SLOW_KDF_MODULES = /^(bcrypt|bcryptjs|argon2|@node-rs\/argon2|@node-rs\/bcrypt|scrypt-js)$/;
const SLOW_CRYPTO_FUNCTIONS = /^(scrypt|scryptSync|pbkdf2|pbkdf2Sync|argon2|argon2Sync)$/;

/** The synchronous calls of the slow KDF packages: ~100 ms of blocked event loop each at a sane cost. */
const SYNC_KDF = /^(hashSync|compareSync|genSaltSync)$/;

const isCrypto = (module: string) => module === 'crypto' || module === 'node:crypto';

/** A fast digest of a value: where it is made, its algorithm and the value that goes in. */
export interface FastHash {
  call: ResolvedCall;
  /** `md5`, `sha256`, `CryptoJS.SHA1`… as the finding names it. */
  algorithm: string;
  /** What is hashed, when the program shows it. */
  input: Value | undefined;
}

const external = (call: ResolvedCall) => (call.callee?.entity.kind === 'external' ? { ...call.callee.entity, rest: call.callee.rest } : null);

/**
 * The fast digest a call makes, in the shapes code writes it: `crypto.createHash('md5').update(x)`
 * (chained), `hash.update(x)` on a variable holding `createHash('sha1')`, and the digest packages
 * (`md5(x)`, `CryptoJS.SHA256(x)`). Null for anything else, HMACs included (keyed by a server secret).
 */
export function fastHashOf(call: ResolvedCall, linker: ProgramLinker): FastHash | null {
  const target = external(call);
  if (!target) return null;
  const steps = [...target.path, ...target.rest];
  if (isCrypto(target.module) && steps.length === 1 && steps[0] === 'createHash') {
    const algorithm = call.site.args?.[0];
    if (algorithm?.kind !== 'string' || !FAST_ALGORITHMS.test(algorithm.value)) return null;
    const update = call.site.chain?.find((link) => link.name === 'update');
    // Held in a variable and fed later (`hash.update(x)`): that call is reported, not this one.
    if (!update) return null;
    return { call, algorithm: algorithm.value.toLowerCase(), input: update.args[0] };
  }
  if (isCrypto(target.module) && steps.length === 3 && steps[0] === 'createHash' && steps[1] === '()' && steps[2] === 'update') {
    const algorithm = creationAlgorithm(call, linker);
    return algorithm ? { call, algorithm, input: call.site.args?.[0] } : null;
  }
  for (const digest of DIGEST_PACKAGES) {
    if (!digest.module.test(target.module)) continue;
    const name = digest.name(target.path);
    if (name && !target.rest.length) return { call, algorithm: name === 'digest' ? target.module.replace(/^(js-|blueimp-|crypto-js\/)/, '').replace(/-hex$/, '') : `CryptoJS.${name}`, input: call.site.args?.[0] };
  }
  return null;
}

/** `const hash = createHash('sha256')` read back from the variable `hash.update(…)` is called on. */
function creationAlgorithm(call: ResolvedCall, linker: ProgramLinker): string | null {
  const root = call.site.callee?.root;
  if (root?.kind !== 'variable') return null;
  const held = linker.summary(call.file)?.variables[root.id]?.value;
  const site = held?.kind === 'call' ? linker.summary(call.file)?.calls[held.call] : undefined;
  const algorithm = site?.args?.[0];
  return algorithm?.kind === 'string' && FAST_ALGORITHMS.test(algorithm.value) ? algorithm.value.toLowerCase() : null;
}

/** A call to a slow KDF (bcrypt, argon2, scrypt, pbkdf2): a fast digest next to one is a pre-hash, not the stored hash. */
export function isSlowKdf(call: ResolvedCall): boolean {
  const target = external(call);
  if (!target) return false;
  if (SLOW_KDF_MODULES.test(target.module)) return true;
  return isCrypto(target.module) && target.path.length === 1 && SLOW_CRYPTO_FUNCTIONS.test(target.path[0]!);
}

/** `bcrypt.hashSync`, `bcryptjs.compareSync`: the name the finding gives a synchronous KDF call, or null. */
export function syncKdfOf(call: ResolvedCall): string | null {
  const target = external(call);
  if (!target || !/^(bcrypt|bcryptjs|@node-rs\/bcrypt)$/.test(target.module) || target.rest.length) return null;
  const name = target.path.at(-1);
  return target.path.length === 1 && name && SYNC_KDF.test(name) ? `${target.module}.${name}` : null;
}
