import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { attributeCpu, attributeSamples } from '../src/analysis/cpu.js';
import type { CallFrame, CpuProfile } from '../src/analysis/profiles.js';
import { SourceFiles } from '../src/analysis/sources.js';
import { FIXTURES } from './helpers.js';

const root = path.resolve(FIXTURES);
const frame = (functionName: string, file: string, line: number): CallFrame => ({
  functionName,
  url: file.startsWith('/') ? pathToFileURL(file).href : pathToFileURL(path.join(root, file)).href,
  lineNumber: line - 1,
  columnNumber: 0,
});

/**
 * A CPU profile in the shape V8 records for the fixture's allocation-heavy route: the handler's own
 * samples all sit on the line that awaits buildScratchReport(), because the sampler loses the frame of a
 * function running in a frameless allocation builtin and shows its caller instead.
 */
function profileOf(handlerLine: number, handlerTicksLine: number): CpuProfile {
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)', '', 0), children: [2] },
      { id: 2, callFrame: frame('', 'express-service.mjs', handlerLine), children: [3, 4], positionTicks: [{ line: handlerTicksLine, ticks: 3 }] },
      { id: 3, callFrame: frame('buildScratchReport', 'workloads.mjs', 44), children: [], positionTicks: [{ line: 46, ticks: 2 }] },
      { id: 4, callFrame: frame('json', '/srv/node_modules/express/lib/response.js', 200), children: [] },
    ],
    startTime: 0,
    endTime: 60_000,
    samples: [2, 2, 3, 2, 3, 4],
    timeDeltas: [10_000, 10_000, 10_000, 10_000, 10_000, 10_000],
  };
}

const attribute = (profile: CpuProfile) => attributeCpu(attributeSamples(profile, { root, excluded: [], sources: new SourceFiles() }, { wallMs: 0, monotonicUs: 0 }));

describe('CPU attribution', () => {
  it("charges a caller's own samples on the line that calls an own callee to that callee", () => {
    // express-service.mjs:17 is the /alloc handler; its line 18 is `res.json(await buildScratchReport());`.
    const cpu = attribute(profileOf(17, 18));
    expect(cpu.functions.map((time) => [time.location.name, time.location.line, time.ms])).toEqual([
      ['buildScratchReport', 44, 50],
      // What the handler called itself (res.json) stays its own.
      ['(anonymous)', 17, 10],
    ]);
  });

  it('leaves them with the caller when that line calls nothing of the project', () => {
    // express-service.mjs:11 is `app.get('/blocking', (_req, res) => {`: no call to buildScratchReport there.
    const cpu = attribute(profileOf(11, 11));
    expect(cpu.functions.map((time) => [time.location.name, time.location.line, time.ms])).toEqual([
      ['(anonymous)', 11, 40],
      ['buildScratchReport', 44, 20],
    ]);
  });
});
