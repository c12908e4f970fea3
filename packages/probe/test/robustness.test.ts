import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive, PROBE_ERROR_CODES, ProbeError, runProbe } from '../src/index.js';
import { FIXTURES, startStrata, waitFor } from './helpers.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'strata-probe-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The stderr line the probe prints once the service is found: its pid is what must not outlive the probe. */
const servicePid = (stderr: string): number | undefined => {
  const match = /service pid (\d+) listening/.exec(stderr);
  return match ? Number(match[1]) : undefined;
};

describe('strata probe when the service misbehaves', () => {
  it('a command that exits at once: one clear line with its exit code', async () => {
    const strata = startStrata(['probe', '--quiet', '--', process.execPath, '-e', 'process.exit(7)']);
    expect(await strata.exited).toBe(3);
    expect(strata.stderr()).toBe('strata probe: the service exited with code 7 before it opened a port [SERVICE_EXITED]\n');
    expect(strata.stdout()).toBe('');
  });

  it('a command that does not exist', async () => {
    const strata = startStrata(['probe', '--quiet', '--', 'no-such-command-for-strata']);
    expect(await strata.exited).toBe(3);
    expect(strata.stderr()).toMatch(/^strata probe: the service exited with code 127 before it opened a port; its last words: command not found: no-such-command-for-strata \[SERVICE_EXITED\]\n$/);
  });

  it('a service that never opens a port: a timeout, and the service is gone', async () => {
    const pidFile = path.join(scratch, 'idle.pid');
    const strata = startStrata(['probe', '--quiet', '--startup-timeout', '1.5', '--', process.execPath, 'pid-then-idle.mjs'], { PID_FILE: pidFile });
    expect(await strata.exited).toBe(3);
    expect(strata.stderr()).toBe('strata probe: the service opened no port within 2 s (--startup-timeout) [NO_PORT]\n');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(isAlive(pid)).toBe(false);
  });

  it('a service that crashes under load: its exit code and last words', async () => {
    const strata = startStrata(['probe', '--routes', '/', '--duration', '3', '--', process.execPath, 'crash-service.mjs']);
    expect(await strata.exited).toBe(3);
    const lines = strata.stderr().trim().split('\n');
    expect(lines.at(-1)).toMatch(/^strata probe: the service exited with code 1 while it was being measured; its last words: .*fixture crash after 25 requests.* \[SERVICE_CRASHED\]$/);
    expect(isAlive(servicePid(strata.stderr())!)).toBe(false);
  });

  it('a service whose event loop stays blocked: SERVICE_UNRESPONSIVE once the sampler timeout passes, and the service is gone', async () => {
    let pid: number | undefined;
    const failure: unknown = await runProbe({
      command: [process.execPath, 'express-service.mjs'],
      cwd: FIXTURES,
      env: process.env,
      routes: [{ method: 'GET', path: '/spin' }],
      connections: 1,
      durationMs: 1500,
      attachOnly: false,
      startupTimeoutMs: 20_000,
      samplerTimeoutMs: 3000,
      onProgress: (message) => (pid ??= Number(/service pid (\d+)/.exec(message)?.[1]) || undefined),
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ProbeError);
    expect((failure as ProbeError).code).toBe('SERVICE_UNRESPONSIVE');
    expect((failure as ProbeError).message).toBe('the service did not answer the probe for 3 s: its event loop stayed blocked (an endless loop, or work that never yields); it was stopped');
    expect(isAlive(pid!)).toBe(false);
  });

  it('a port opened by something that is not Node.js: no sampler, one line', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const strata = startStrata(['probe', '--quiet', '--url', `http://127.0.0.1:${port}`, '--', 'python3', '-m', 'http.server', String(port), '--bind', '127.0.0.1']);
    expect(await strata.exited).toBe(3);
    expect(strata.stderr()).toBe(`strata probe: 127.0.0.1:${port} answers, but no Node.js process under the command loaded the probe's sampler (is it a Node.js service started by this command?) [NO_SAMPLER]\n`);
  });

  it('every error code is in the table of docs/probe.md', () => {
    const doc = readFileSync(new URL('../../../docs/probe.md', import.meta.url), 'utf8');
    expect(PROBE_ERROR_CODES.filter((code) => !doc.includes(`| \`${code}\` |`))).toEqual([]);
  });

  it('a bad option is a usage error (exit 2)', async () => {
    const strata = startStrata(['probe', '--duration', 'soon', '--', process.execPath, '-e', '0']);
    expect(await strata.exited).toBe(2);
    expect(strata.stderr()).toMatch(/^strata probe: --duration must be a positive number \(got "soon"\)\n/);
  });
});

describe('strata probe leaves no process behind', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} to the probe stops the service and exits ${code}`, async () => {
      const strata = startStrata(['probe', '--routes', '/healthy', '--duration', '60', '--', process.execPath, 'express-service.mjs']);
      const pid = await waitFor(() => servicePid(strata.stderr()));
      expect(isAlive(pid)).toBe(true);
      strata.child.kill(signal);
      expect(await strata.exited).toBe(code);
      expect(strata.stderr()).toContain('strata probe: interrupted: the service was stopped [INTERRUPTED]');
      expect(isAlive(pid)).toBe(false);
    });
  }

  it('SIGTERM through `npm run`, to a service that ignores SIGTERM and has a child of its own: all of them are gone', async () => {
    const pidFile = path.join(scratch, 'stubborn.pid');
    const strata = startStrata(['probe', '--routes', '/', '--duration', '60', '--', 'npm', 'run', 'stubborn'], { PID_FILE: pidFile });
    await waitFor(() => servicePid(strata.stderr()));
    const pids = await waitFor(() => {
      try {
        return JSON.parse(readFileSync(pidFile, 'utf8')) as { service: number; worker: number };
      } catch {
        return undefined;
      }
    });
    expect(isAlive(pids.worker)).toBe(true);
    strata.child.kill('SIGTERM');
    // The service ignores SIGTERM: the probe waits out its grace period, then kills the process group.
    expect(await strata.exited).toBe(143);
    expect(strata.stderr()).toContain('strata probe: interrupted: the service was stopped [INTERRUPTED]');
    expect(isAlive(pids.service)).toBe(false);
    expect(isAlive(pids.worker)).toBe(false);
  });

  it('a probe killed outright (SIGKILL): the service notices and stops itself', async () => {
    const strata = startStrata(['probe', '--routes', '/healthy', '--duration', '60', '--', process.execPath, 'express-service.mjs']);
    const pid = await waitFor(() => servicePid(strata.stderr()));
    strata.child.kill('SIGKILL');
    await strata.exited;
    await waitFor(() => !isAlive(pid));
  });

  it('--url names the port to load and wait for', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const url = `http://127.0.0.1:${port}`;
    const strata = startStrata(['probe', '--quiet', '--url', url, '--routes', '/healthy', '--duration', '1', '--format', 'json', '--', process.execPath, 'express-service.mjs'], { PORT: String(port) });
    expect(await strata.exited, strata.stderr()).toBe(0);
    const report = JSON.parse(strata.stdout()) as { url: string; pid: number; routes: Array<{ route: string; requests: number }> };
    expect(report.url).toBe(url);
    expect(report.routes[0]!.requests).toBeGreaterThan(0);
    expect(isAlive(report.pid)).toBe(false);
  });

  it('`-- npm start` works: the sampler reaches the service through NODE_OPTIONS', async () => {
    const strata = startStrata(['probe', '--quiet', '--routes', '/healthy', '--duration', '1', '--format', 'json', '--', 'npm', 'start']);
    // On failure, the report says which finding the healthy route got.
    expect(await strata.exited, strata.stdout()).toBe(0);
    const report = JSON.parse(strata.stdout()) as { verdict: string; pid: number; command: string[]; summary: { requests: number } };
    expect(report.verdict).toBe('healthy');
    expect(report.command).toEqual(['npm', 'start']);
    expect(report.summary.requests).toBeGreaterThan(0);
    expect(isAlive(report.pid)).toBe(false);
  });
});
