/**
 * `JSON.stringify(value, null, indent)` of a large object as a list of strings, one per top-level
 * property, whose concatenation is exactly that text.
 *
 * Why pieces: V8 builds a JSON text as one-byte characters until it meets a string that needs two
 * bytes per character (any character past U+00FF), and from there on serialises more slowly. A review's
 * result is megabytes of ASCII (the graph: 2.6 of novu's 3.8 MB) and a few route labels and messages
 * holding `…`: stringified whole, the ellipsis slows all of it (novu, compact, 69 against 13 ms on Node
 * 22 and 24; bench/README.md). Stringified apart, only the small properties that hold such a character
 * pay; and a writer that encodes each piece on its own encodes the ASCII ones at memory speed, where
 * Node 20 took 26-44 ms to encode the whole text as two-byte.
 */
export function jsonPieces(value: object, indent?: number): string[] {
  // What JSON.stringify would call instead of reading the properties: not split.
  if (Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return [JSON.stringify(value, null, indent)];
  const members: string[] = [];
  for (const key of Object.keys(value)) {
    // `{ [key]: … }` makes an own property even of `__proto__`, as the object being read has.
    const wrapped = JSON.stringify({ [key]: (value as Record<string, unknown>)[key] }, null, indent);
    // An undefined, function or symbol value leaves the property out, as it does in the whole text.
    if (wrapped === '{}') continue;
    // `{"key":…}` compact, `{\n  "key": …\n}` indented: the member without its braces and line breaks.
    members.push(indent ? wrapped.slice(2, -2) : wrapped.slice(1, -1));
  }
  if (!members.length) return ['{}'];
  // Braces and commas are pieces of their own: joined to a member, they would make a copy of it.
  const separator = indent ? ',\n' : ',';
  const pieces: string[] = [indent ? '{\n' : '{'];
  members.forEach((member, index) => {
    if (index > 0) pieces.push(separator);
    pieces.push(member);
  });
  pieces.push(indent ? '\n}' : '}');
  return pieces;
}
