import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { threadYoungGenerationFlags, youngGenerationCapMb } from '../bin/young-generation.js';

const MODULE = fileURLToPath(new URL('../bin/young-generation.js', import.meta.url));

/**
 * The new space's size, in MB, after a child keeps 60 MB of small objects, allocated in chunks with a
 * turn of the event loop between them (as the engine's parse yields), with its young generation held
 * to `capMb` semi-spaces, or left to V8.
 */
function youngGenerationAfterRetaining(capMb: number | null): number {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { setImmediate as turn } from 'node:timers/promises';
    import { capYoungGeneration } from ${JSON.stringify(MODULE)};
    if (${capMb} !== null) capYoungGeneration(${capMb});
    const kept = [];
    for (let chunk = 0; chunk < 60; chunk++) {
      for (let i = 0; i < 10000; i++) kept.push({ chunk, i, name: 'file-' + i });
      await turn();
    }
    const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    console.log(young.space_size / 1048576, kept.length);`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return Number(run.stdout.split(' ')[0]);
}

describe('the launcher\'s young generation', () => {
  it('is held to 16 MB semi-spaces on V8 13 (Node 24), the parser threads from their start, and left to V8 before', () => {
    expect(youngGenerationCapMb('13.6.233.17-node.40')).toBe(16);
    expect(threadYoungGenerationFlags('13.6.233.17-node.40')).toEqual(['--min-semi-space-size=16', '--max-semi-space-size=16']);
    for (const version of ['11.3.244.8-node.33', '12.4.254.21-node.33']) {
      expect(youngGenerationCapMb(version)).toBeNull();
      expect(threadYoungGenerationFlags(version)).toEqual([]);
    }
  });

  it('leaves a young generation the user sized (command line or NODE_OPTIONS) to the user', () => {
    for (const flags of ['--max-semi-space-size=64', '--require x.js --min-semi-space-size=32', '--scavenger-max-new-space-capacity-mb=64', '--semi-space-growth-factor=4']) {
      expect(youngGenerationCapMb('13.6.233.17-node.40', flags)).toBeNull();
      expect(threadYoungGenerationFlags('13.6.233.17-node.40', flags)).toEqual([]);
    }
    expect(youngGenerationCapMb('13.6.233.17-node.40', '--max-old-space-size=4096 --enable-source-maps')).toBe(16);
  });

  it('stops growing at the cap while a thread keeps what it allocates', () => {
    const free = youngGenerationAfterRetaining(null);
    const held = youngGenerationAfterRetaining(2);
    // Both semi-spaces at 2 MB, or one doubling more when a collection came before the observer's turn.
    expect(held).toBeLessThanOrEqual(8);
    expect(free).toBeGreaterThan(8);
  });
});
