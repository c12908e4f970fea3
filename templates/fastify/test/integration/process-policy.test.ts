import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startServiceProcess } from '../support/service-process.js';

const REJECT_ON_SIGNAL = fileURLToPath(new URL('../support/reject-on-signal.mjs', import.meta.url));

describe('an error nothing caught, in the running service', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'process-policy-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('is one fatal log line, then the service drains and exits 1: no bare stack on stderr', { timeout: 120_000 }, async () => {
    const service = await startServiceProcess({ cwd, env: { PORT: '0', HOST: '127.0.0.1', PGLITE_DATA_DIR: 'memory://' }, preload: [REJECT_ON_SIGNAL] });
    const { code } = await service.stop('SIGUSR2');
    expect(code).toBe(1);
    const entries = service.lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { level: number; msg: string; err?: { message?: string } });
    expect(entries.find((entry) => entry.level === 60)).toMatchObject({ msg: 'unhandled promise rejection', err: { message: 'a rejection nothing handled' } });
    expect(entries.at(-1)?.msg).toBe('shutdown complete');
    // Node's default for an unhandled rejection prints the stack, frame by frame, outside the logs.
    expect(service.lines.filter((line) => !line.startsWith('{'))).toEqual([]);
  });
});
