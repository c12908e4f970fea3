import { createHash } from 'node:crypto';

/**
 * A fingerprint names an occurrence without its line number: rule, file, the anchor text (the
 * offending expression or import) and how many identical anchors came before it in the file.
 * Adding lines above a finding leaves it unchanged; editing the offending code changes it.
 */
export function fingerprintFor(ruleId: string, file: string, anchor: string, occurrence: number): string {
  const normalised = normaliseAnchor(anchor);
  return createHash('sha1').update(`${ruleId}\0${file}\0${normalised}\0${occurrence}`).digest('hex').slice(0, 20);
}

/**
 * The anchor as the fingerprint sees it: whitespace runs are one space, so re-indenting code keeps
 * its fingerprints. Occurrences must be counted on this form too, or two anchors that differ only in
 * indentation would both be occurrence 0 and share one fingerprint.
 */
export function normaliseAnchor(anchor: string): string {
  return anchor.replace(/\s+/g, ' ').trim();
}
