import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/ast/locate.js';
import { collectProgram } from '../../src/program/collect.js';
import type { Value } from '../../src/program/summary.js';

function argumentsOf(source: string): Value[] {
  const { program } = parseSync('m.ts', source, { sourceType: 'module' });
  const summary = collectProgram(program, source, new LineIndex(source));
  return summary.calls.find((call) => call.text === 'configure')!.args ?? [];
}

/** How deep a chain of `{ next: … }` objects goes before it ends. */
function depthOf(value: Value | undefined): number {
  let depth = 0;
  for (let current = value; current?.kind === 'object'; current = current.properties.next) depth++;
  return depth;
}

describe("a call's arguments in the program summary", () => {
  it('are kept whole within the bounds', () => {
    const [options] = argumentsOf("configure({ port: 3000, tls: { cert: 'a', key: 'b' }, hosts: ['x', 'y'] });\n");
    expect(options).toEqual({
      kind: 'object',
      properties: {
        port: { kind: 'number', value: 3000 },
        tls: { kind: 'object', properties: { cert: { kind: 'string', value: 'a' }, key: { kind: 'string', value: 'b' } }, spread: false },
        hosts: { kind: 'array', elements: [{ kind: 'string', value: 'x' }, { kind: 'string', value: 'y' }] },
      },
      spread: false,
    });
  });

  it('keep 24 properties, 64 elements and four levels of literal, and say that more was there', () => {
    const wide = `{ ${Array.from({ length: 30 }, (_, index) => `p${index}: ${index}`).join(', ')} }`;
    const long = `[${Array.from({ length: 70 }, (_, index) => index).join(', ')}]`;
    const deep = `{ next: { next: { next: { next: { next: { next: 1 } } } } } }`;
    const [widened, lengthened, deepened] = argumentsOf(`configure(${wide}, ${long}, ${deep});\n`);
    expect(widened?.kind === 'object' && [Object.keys(widened.properties).length, widened.spread]).toEqual([24, true]);
    expect(lengthened?.kind === 'array' && lengthened.elements.length).toBe(64);
    expect(depthOf(deepened)).toBe(4);
    // Within bounds at the top, past them below: only the part past them is cut.
    const [nested] = argumentsOf(`configure({ port: 1, inner: { list: ${long} } });\n`);
    const inner = nested?.kind === 'object' ? nested.properties.inner : undefined;
    const list = inner?.kind === 'object' ? inner.properties.list : undefined;
    expect(list?.kind === 'array' && list.elements.length).toBe(64);
  });
});
