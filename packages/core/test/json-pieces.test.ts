import { describe, expect, it } from 'vitest';
import { jsonPieces } from '../src/json-pieces.js';
import { parseJsonc } from '../src/project/json.js';
import { jsonReporter, jsonReportPieces } from '../src/reporters/json.js';
import type { AnalysisResult } from '../src/types.js';

/** Objects that cover what JSON.stringify treats specially at the top level and below it. */
const SAMPLES: Record<string, object> = {
  empty: {},
  'one property': { a: 1 },
  'undefined, function and symbol values left out': { a: undefined, b: () => 1, c: Symbol('s'), d: 'kept', e: null },
  'only left-out values': { a: undefined, f: () => 0 },
  'nested objects and arrays': { graph: { nodes: [{ id: 'a.ts', layer: 'domain' }], edges: [] }, list: [1, [2, [3, {}]], []], flag: false },
  'characters past U+00FF beside ASCII': { route: 'GET /v1/…', message: 'domain → infrastructure', emoji: '🚀', plain: 'ascii' },
  'escapes and quotes in keys and values': { 'a"b': 'line\nbreak\t"quoted"\\', '\u2028': '\u2029', '': 'empty key' },
  'a __proto__ own property': JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as object,
  'a nested toJSON': { when: new Date(0), inner: { toJSON: () => 'replaced' } },
  'numbers JSON cannot hold': { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, negativeZero: -0 },
};

describe('jsonPieces', () => {
  for (const [name, value] of Object.entries(SAMPLES)) {
    it(`joins to exactly JSON.stringify's text: ${name}`, () => {
      for (const indent of [undefined, 0, 2, 4]) expect(jsonPieces(value, indent).join('')).toBe(JSON.stringify(value, null, indent));
    });
  }

  it('keeps each top-level member apart, so that ASCII members stay one-byte strings', () => {
    const pieces = jsonPieces({ graph: { edges: ['a.ts', 'b.ts'] }, findings: [{ message: 'x → y' }] }, 2);
    expect(pieces).toEqual(['{\n', '  "graph": {\n    "edges": [\n      "a.ts",\n      "b.ts"\n    ]\n  }', ',\n', '  "findings": [\n    {\n      "message": "x → y"\n    }\n  ]', '\n}']);
  });

  it('leaves an array, and an object with its own toJSON, whole', () => {
    expect(jsonPieces([1, { a: 2 }], 2)).toEqual([JSON.stringify([1, { a: 2 }], null, 2)]);
    const custom = { a: 1, toJSON: () => ({ b: 2 }) };
    expect(jsonPieces(custom)).toEqual(['{"b":2}']);
  });
});

describe('the JSON report in pieces', () => {
  it('is the text the JSON reporter gives, which is JSON.stringify of the result and a line break', () => {
    const result = {
      schemaVersion: '1.0',
      tool: { name: 'strata', version: '0.0.0' },
      root: '/repo',
      findings: [{ ruleId: 'r', message: 'GET /v1/… reaches `fs.readFileSync`', file: 'a.ts', line: 1, column: 1 }],
      graph: { nodes: [], edges: [] },
      routes: undefined,
    } as unknown as AnalysisResult;
    expect(jsonReportPieces(result).join('')).toBe(`${JSON.stringify(result, null, 2)}\n`);
    expect(jsonReporter(result)).toBe(`${JSON.stringify(result, null, 2)}\n`);
  });
});

describe('parseJsonc', () => {
  it('reads plain JSON as JSON.parse does, a string holding a comma before a bracket included', () => {
    const text = '{"scripts": {"x": "a, }"}, "list": ["b ,]"], "url": "http://x//y"}';
    expect(parseJsonc(text)).toEqual(JSON.parse(text));
  });

  it('still takes comments and trailing commas', () => {
    expect(parseJsonc('{\n  // line\n  "a": 1, /* block */\n  "b": [1, 2,],\n}')).toEqual({ a: 1, b: [1, 2] });
  });

  it('still throws on text that is not JSON even with its extensions', () => {
    expect(() => parseJsonc('{"a": }')).toThrow();
  });
});
