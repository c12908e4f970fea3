/**
 * Why a JWT secret is unfit to sign tokens, or undefined when it is fit. A placeholder copied from
 * an example file, or a short alphabet repeated to reach the length, would let anyone who has read
 * the example (or can brute-force a small space) forge sessions.
 */
const PLACEHOLDER_WORDS = ['replace', 'change', 'example', 'placeholder', 'secret', 'your', 'todo', 'xxx', 'password', 'default'];
/**
 * A word this short turns up inside random keys (one 32-byte key in about 800 contains "xxx", one in
 * about 25,000 "todo"), so it marks a placeholder only as a whole token between separators; a longer
 * word by chance is rarer than one in a million.
 */
const MIN_WORD_LENGTH_ANYWHERE = 5;

/** `xxx` also as `xxxxxxxx`: the word followed only by more of its last letter. */
function tokenIsWord(token: string, word: string): boolean {
  return token.startsWith(word) && [...token.slice(word.length)].every((character) => character === word.at(-1));
}

function placeholderWord(secret: string): string | undefined {
  const lowered = secret.toLowerCase();
  const tokens = lowered.split(/[^a-z0-9]+/);
  return PLACEHOLDER_WORDS.find((word) =>
    word.length >= MIN_WORD_LENGTH_ANYWHERE ? lowered.includes(word) : tokens.some((token) => tokenIsWord(token, word)),
  );
}
/** Empirical entropy of the text itself; 32 random bytes in base64url measure about 200 bits, hex about 240. */
const MIN_ENTROPY_BITS = 96;
const MIN_DISTINCT_CHARACTERS = 12;

export function weakSecretReason(secret: string): string | undefined {
  const word = placeholderWord(secret);
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
