/** Past this size a "source" file is generated or bundled output, and parsing it costs more than it tells. */
export const MAX_SOURCE_BYTES = 1_500_000;

/** Decodes strictly: a file that is binary or not UTF-8 is reported, never half-parsed. */
export function decodeSource(bytes: Uint8Array): { text: string } | { error: string } {
  if (bytes.byteLength > MAX_SOURCE_BYTES) {
    return { error: `File is ${(bytes.byteLength / 1e6).toFixed(1)} MB, above the ${MAX_SOURCE_BYTES / 1e6} MB limit for source files; it was not analysed.` };
  }
  if (bytes.subarray(0, 8000).includes(0)) return { error: 'File holds binary content (NUL bytes); it was not analysed.' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: 'File is not valid UTF-8; it was not analysed.' };
  }
}
