import { createHash } from 'node:crypto';

/**
 * A fingerprint names an occurrence without its line number: rule, file, the anchor text (the
 * offending expression or import) and how many identical anchors came before it in the file.
 * Adding lines above a finding leaves it unchanged; editing the offending code changes it.
 */
export function fingerprintFor(ruleId: string, file: string, anchor: string, occurrence: number): string {
  const normalised = anchor.replace(/\s+/g, ' ').trim();
  return createHash('sha1').update(`${ruleId}\0${file}\0${normalised}\0${occurrence}`).digest('hex').slice(0, 20);
}
