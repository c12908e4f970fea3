/** Words that mark a value copied from documentation or an example file rather than generated. */
const PLACEHOLDER = /change|replace|example|placeholder|secret|default|dummy|sample|password|12345|qwerty|abcdef/i;
/**
 * Words short enough to turn up inside random keys (one 32-byte key in about 800 contains "xxx"):
 * they mark a placeholder only as a whole token between separators (`xxxxxxxx` counts as `xxx`).
 */
const SHORT_PLACEHOLDER_TOKEN = /^(your|todo|x{3,})$/;

function isPlaceholder(secret: string): boolean {
  return PLACEHOLDER.test(secret) || secret.toLowerCase().split(/[^a-z0-9]+/).some((token) => SHORT_PLACEHOLDER_TOKEN.test(token));
}
/** HS256 wants a key at least as strong as its 256-bit output; 128 bits is the floor accepted here. */
const MIN_ENTROPY_BITS = 128;

/**
 * Why a signing secret is unfit, or undefined. Entropy is estimated from the value's own character
 * frequencies (Shannon), which a random key passes easily (43 base64url chars ≈ 210 bits) and a
 * repeated or dictionary-like value does not.
 */
export function weakSecretReason(secret: string): string | undefined {
  if (secret.length < 32) return 'shorter than 32 characters';
  if (isPlaceholder(secret)) return 'a placeholder, not a generated key';
  const counts = new Map<string, number>();
  for (const char of secret) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bitsPerChar = 0;
  for (const count of counts.values()) {
    const p = count / secret.length;
    bitsPerChar -= p * Math.log2(p);
  }
  const bits = Math.floor(bitsPerChar * secret.length);
  return bits < MIN_ENTROPY_BITS ? `low in entropy (about ${bits} bits, ${MIN_ENTROPY_BITS} needed)` : undefined;
}
