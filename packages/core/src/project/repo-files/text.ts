import { closeSync, openSync, readSync } from 'node:fs';

/** Operational files are small; a bigger one is read only this far (a Dockerfile of 512 KB is already absurd). */
const MAX_BYTES = 512 * 1024;
/** Lines past this length are cut: a minified or generated line holds no instruction worth reading. */
const MAX_LINE = 8 * 1024;

let scratch: Buffer | null = null;

/**
 * The text of a repository file for the line readers, or null when it cannot be read or is not text
 * (a NUL byte: a binary file under an operational name). Never throws.
 */
export function readText(absolute: string): string | null {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, 'r');
    // One buffer for every read (the reads are synchronous and the text is copied out of it): a fresh,
    // zeroed 512 KB per file cost novu's 42 tsconfigs and other files 5 ms before the parse began.
    scratch ??= Buffer.allocUnsafe(MAX_BYTES);
    const buffer = scratch;
    const length = readSync(fd, buffer, 0, MAX_BYTES, 0);
    const bytes = buffer.subarray(0, length);
    if (bytes.includes(0)) return null;
    return bytes
      .toString('utf8')
      .split(/\r?\n/)
      .map((line) => (line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line))
      .join('\n');
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
