/**
 * Why a JWT secret is unfit to sign tokens, or undefined when it is fit. A placeholder copied from
 * an example file, or a short alphabet repeated to reach the length, would let anyone who has read
 * the example (or can brute-force a small space) forge sessions.
 */
const PLACEHOLDER_WORDS = ['replace', 'change', 'example', 'placeholder', 'secret', 'your', 'todo', 'xxx', 'password', 'default'];
/** Empirical entropy of the text itself; 32 random bytes in base64url measure about 200 bits, hex about 240. */
const MIN_ENTROPY_BITS = 96;
const MIN_DISTINCT_CHARACTERS = 12;

export function weakSecretReason(secret: string): string | undefined {
  const lowered = secret.toLowerCase();
  const word = PLACEHOLDER_WORDS.find((candidate) => lowered.includes(candidate));
  if (word) return `looks like a placeholder (contains "${word}"); generate one with: openssl rand -base64 32`;
  const counts = new Map<string, number>();
  for (const character of secret) counts.set(character, (counts.get(character) ?? 0) + 1);
  if (counts.size < MIN_DISTINCT_CHARACTERS) return `uses only ${counts.size} distinct characters; generate one with: openssl rand -base64 32`;
  let bitsPerCharacter = 0;
  for (const count of counts.values()) {
    const p = count / secret.length;
    bitsPerCharacter -= p * Math.log2(p);
  }
  const bits = Math.floor(bitsPerCharacter * secret.length);
  if (bits < MIN_ENTROPY_BITS) return `has about ${bits} bits of entropy, fewer than ${MIN_ENTROPY_BITS}; generate one with: openssl rand -base64 32`;
  return undefined;
}
