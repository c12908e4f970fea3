import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { launcherV8Flags } from '../bin/v8-flags.js';
import { tempDir } from './run-cli.js';

const BIN = fileURLToPath(new URL('../bin/strata.js', import.meta.url));

describe('the strata bin', () => {
  it('ends quietly with exit 0 when the reader closes the pipe early (strata review | head)', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`src/modules/m${i}/domain/entity-${i}.ts`] = `import { x } from '../../m${(i + 1) % 3000}/domain/entity-${(i + 1) % 3000}.js';\nexport const x${i} = x;\n`;
    const root = tempDir(files);
    const child = spawn(process.execPath, [BIN, 'review', root, '--format', 'json', '--no-cache'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `head -c`: take the first chunk, then close our end of the pipe.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  // A redirection to a full disk: Node reports the failed write on the stream after the command ran.
  it.runIf(existsSync('/dev/full'))('says in one line that standard output could not be written, and exits 2, when it is a full device', () => {
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of [['review', tempDir({ 'src/a.ts': 'export const a = 1;\n' }), '--format', 'json', '--no-cache'], ['--version']]) {
        const run = spawnSync(process.execPath, [BIN, ...args], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/^strata: could not write to standard output: ENOSPC[^\n]*\[OUTPUT_UNWRITABLE\]\n$/);
      }
    } finally {
      closeSync(full);
    }
  });

  // Node compiles regular expressions during its own start-up, before the launcher runs. The launcher
  // may only set V8 flags that leave such an expression safe to run again: with --no-regexp-tier-up
  // set after it had run once, V8 ran its bytecode as machine code and the process died of SIGSEGV in
  // the middle of a review (bench/README.md). The preload plays Node's part, deterministically.
  it('sets no V8 flag that breaks a regular expression compiled before it started', () => {
    const preload = path.join(
      tempDir({
        'compiled-before.cjs': [
          "const pattern = /a(b+)c/;",
          "pattern.exec('abc');",
          "process.on('exit', () => { process.stdout.write(String(pattern.exec('x'.repeat(5000) + 'abbbc')?.[1])); });",
        ].join('\n'),
      }),
      'compiled-before.cjs',
    );
    const run = spawnSync(process.execPath, ['--require', preload, BIN, '--version'], { encoding: 'utf8' });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    expect(run.stdout.endsWith('bbb')).toBe(true);
  });

  it('tunes tiering for each V8: the interrupt budget on V8 11 (Node 20), the TurboFan invocation count on V8 12 (Node 22), neither on V8 13 (Node 24)', () => {
    expect(launcherV8Flags('11.3.244.8-node.33')).toEqual(['--no-turbo-inlining', '--interrupt-budget=540672']);
    expect(launcherV8Flags('12.4.254.21-node.33')).toEqual(['--no-turbo-inlining', '--invocation-count-for-turbofan=24000']);
    expect(launcherV8Flags('13.6.233.17-node.40')).toEqual(['--no-turbo-inlining']);
  });

  it('sets only V8 flags the running Node knows: V8 prints nothing of them', () => {
    const run = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });

  // Node 22.1 and later: the launcher turns on Node's compile cache before the engine loads. Node 20
  // has no such cache, so there is nothing to see there.
  it.runIf(typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function')('keeps the compiled engine in the temp folder for the next run', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'strata-compile-cache-'));
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
    delete env.NODE_COMPILE_CACHE;
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const run = spawnSync(process.execPath, [BIN, '--version'], { env, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const cache = path.join(tmp, 'node-compile-cache');
    expect(existsSync(cache)).toBe(true);
    expect(readdirSync(cache).length).toBeGreaterThan(0);
  });
});
