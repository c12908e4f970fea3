import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryFinding } from '../src/analysis/findings.js';
import { attributeHeap } from '../src/analysis/heap.js';
import { heapTrend } from '../src/analysis/heap-trend.js';
import { separate } from '../src/analysis/inlining.js';
import type { PhaseMeasure } from '../src/analysis/phase.js';
import type { CallFrame, HeapProfile, HeapProfileNode } from '../src/analysis/profiles.js';
import { SourceFiles } from '../src/analysis/sources.js';
import { culpritText } from '../src/report/figures.js';
import type { Phase } from '../src/runner/run.js';
import { FIXTURES } from './helpers.js';

const root = path.resolve(FIXTURES);
const code = { root, excluded: [], sources: new SourceFiles() };
const SAMPLE_BYTES = 512 * 1024;
const frame = (functionName: string, file: string, line: number): CallFrame => ({
  functionName,
  url: file ? pathToFileURL(path.join(root, file)).href : '',
  lineNumber: line - 1,
  columnNumber: 0,
});

/**
 * A heap profile in the shape V8 records for the leak fixture's route: the Fastify handler at
 * fastify-service.mjs:9 calls rememberRequest (workloads.mjs:29). `order` lists the samples in allocation
 * order: `C` charged to the handler itself, `F` to rememberRequest under it.
 */
function profileOf(order: string): HeapProfile {
  const count = (label: string) => [...order].filter((each) => each === label).length;
  const callee: HeapProfileNode = { id: 3, callFrame: frame('rememberRequest', 'workloads.mjs', 29), selfSize: count('F') * SAMPLE_BYTES, children: [] };
  const handler: HeapProfileNode = { id: 2, callFrame: frame('', 'fastify-service.mjs', 9), selfSize: count('C') * SAMPLE_BYTES, children: count('F') ? [callee] : [] };
  return {
    head: { id: 1, callFrame: frame('(root)', '', 0), selfSize: 0, children: [handler] },
    // V8 lists them by node; the ordinal is the allocation order.
    samples: [...order]
      .map((label, index) => ({ size: SAMPLE_BYTES, nodeId: label === 'F' ? 3 : 2, ordinal: 100 + index * 3 }))
      .sort((a, b) => a.nodeId - b.nodeId),
  };
}

const culpritOf = (order: string) => attributeHeap(profileOf(order), code).culprit;
const HANDLER = { name: '(anonymous)', file: 'fastify-service.mjs', line: 9 };
const REMEMBER = { name: 'rememberRequest', file: 'workloads.mjs', line: 29 };

describe('the heap culprit when the optimiser inlines the allocating function', () => {
  it("names the callee Maglev inlined after a few samples (Node 24): the caller's later samples are the callee's", () => {
    // Node 24.22, the Fastify fixture: 14 samples of rememberRequest, then all of them on the handler.
    const culprit = culpritOf('F'.repeat(14) + 'C'.repeat(800))!;
    expect(culprit.location).toEqual(REMEMBER);
    expect(culprit.inlinedInto).toEqual(HANDLER);
    expect(culprit.unseparated).toBeUndefined();
    expect(culprit.share).toBe(1);
  });

  it('follows it through a deoptimisation, when it shows on its own again (Node 24, Express)', () => {
    expect(culpritOf('F'.repeat(11) + 'C'.repeat(27) + 'F'.repeat(45))!.location).toEqual(REMEMBER);
    // Node 20: TurboFan, later, and with two samples of the caller's own before the switch.
    expect(culpritOf('F'.repeat(29) + 'CC' + 'F'.repeat(19) + 'C'.repeat(75))!.location).toEqual(REMEMBER);
  });

  it('names the caller when, while apart, the callee allocated a small part of what the two did', () => {
    // The handler keeps what it builds; the helper it calls keeps a little (a sample in seven).
    const culprit = culpritOf('CCCCCCF'.repeat(20) + 'C'.repeat(200))!;
    expect(culprit.location).toEqual(HANDLER);
    expect(culprit.inlinedInto).toBeUndefined();
    expect(culprit.unseparated).toBeUndefined();
  });

  it('names the caller with the callee it may stand for when the callee showed too seldom to tell', () => {
    const culprit = culpritOf('FF' + 'C'.repeat(300))!;
    expect(culprit.location).toEqual(HANDLER);
    expect(culprit.unseparated).toEqual({ callee: REMEMBER, samples: 2 });
  });

  it('names the function alone when the profile shows no own callee under it', () => {
    expect(culpritOf('C'.repeat(50))).toEqual({ location: HANDLER, bytes: 50 * SAMPLE_BYTES, share: 1 });
  });

  it('reads the callee share from what follows each of its samples, at 95 %', () => {
    expect(separate([...'FFFF'].map(label))).toBe('callee');
    expect(separate([...'FFFC'].map(label))).toBe('unknown');
    expect(separate([...'FCFCFC'].map(label))).toBe('caller');
    expect(separate([...'FFCFFCFFC'].map(label))).toBe('unknown');
    expect(separate([...'CCC'].map(label))).toBe('unknown');
  });
});

function label(each: string): 'caller' | 'callee' {
  return each === 'F' ? 'callee' : 'caller';
}

describe('the memory finding on a culprit the profile cannot separate', () => {
  it('names the caller "or a function the optimiser inlined into it", in the JSON and the text', () => {
    const windows = [0, 1, 2].map((i) => ({ start: i * 1100, end: i * 1100 + 1000, requests: 1000 }));
    const phase = {
      start: 0,
      end: 3300,
      windows,
      readings: [20, 26, 32].map((mb, window) => ({ window, at: window * 1100 + 500, bytes: mb * 1024 * 1024, source: 'service' })),
      heapProfile: profileOf('FF' + 'C'.repeat(40)),
    } as unknown as Phase;
    const measure = { label: 'GET /leak', phase, requests: 3000, gcMsPerSecond: 0, heap: attributeHeap(phase.heapProfile!, code), heapTrend: heapTrend(phase) } as unknown as PhaseMeasure;
    const finding = memoryFinding(measure)!;
    expect(finding.culprit).toEqual({ function: '(anonymous)', file: 'fastify-service.mjs', line: 9, orInlinedCallee: true });
    expect(finding.what).toMatch(/^GET \/leak leaves memory behind: the heap grows by about [\d.]+ KB per request, allocated in \(anonymous\) \(fastify-service\.mjs:9\) or a function the optimiser inlined into it$/);
    expect(finding.evidence[2]).toBe(
      'sampling heap profile: (anonymous) (fastify-service.mjs:9) or a function the optimiser inlined into it allocated 95% of what was still alive after that collection; the profile charges an inlined function\'s allocations to its caller, and rememberRequest (workloads.mjs:29), which it calls, showed on its own in 2 samples, too few to tell the two apart',
    );
    // The text, markdown and HTML reports' `where` line.
    expect(culpritText(finding)).toBe('(anonymous) at fastify-service.mjs:9, or a function the optimiser inlined into it');
  });
});

