import type { Server as NetServer } from 'node:net';
import mysql from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose, runProbe } from '../src/index.js';
import { FIXTURES } from './helpers.js';

/**
 * A MySQL server stand-in: mysql2's own server side of the protocol, answering every query with one
 * row after `delayMs`. The driver under the probe is the real one, talking the real wire protocol over
 * loopback; only what sits behind the socket is not MySQL.
 */
async function slowMysql(delayMs: number): Promise<{ port: number; close: () => Promise<void> }> {
  const connections = new Set<mysql.Connection>();
  const server = mysql.createServer((accepted) => {
    const connection = accepted as unknown as mysql.Connection & Record<string, (...args: unknown[]) => void> & { sequenceId: number };
    connections.add(connection);
    connection.on('end', () => connections.delete(connection));
    connection.on('error', () => connections.delete(connection));
    connection.serverHandshake({ protocolVersion: 10, serverVersion: '8.0.0-stand-in', connectionId: connections.size, statusFlags: 2, characterSet: 8, capabilityFlags: 0xffffff });
    connection.on('query', () => {
      setTimeout(() => {
        const column = { catalog: 'def', schema: 'probe', table: '', orgTable: '', name: 'ready', orgName: 'ready', characterSet: 63, columnLength: 1, columnType: 8, flags: 0, decimals: 0 };
        connection.writeTextResult([{ ready: 1 }], [column]);
        // The client starts its next command at sequence 0; the server side does not reset on its own.
        connection.sequenceId = 0;
      }, delayMs);
    });
  });
  // mysql2's Server wraps a net.Server and types listen() with a port only; loopback is wanted here.
  const socketServer = (server as unknown as { _server: NetServer })._server;
  await new Promise<void>((resolve) => socketServer.listen(0, '127.0.0.1', resolve));
  const { port } = socketServer.address() as { port: number };
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of connections) connection.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('strata probe on mysql2 calls', () => {
  let database: Awaited<ReturnType<typeof slowMysql>>;
  beforeAll(async () => {
    database = await slowMysql(700);
  });
  afterAll(() => database?.close());

  it('times the queries of a mysql2 pool and reports them as slow, with the per-query timeout unknown', async () => {
    const run = await runProbe({
      command: [process.execPath, 'mysql2-service.mjs'],
      cwd: FIXTURES,
      env: { ...process.env, MYSQL_PORT: String(database.port) },
      routes: [{ method: 'GET', path: '/mysql' }],
      connections: 4,
      // Windows of 1 s: a request that waits 700 ms on the database completes inside one. Calls are
      // counted in the sampler's intervals that fall in a window, so with 0.5 s windows they ended
      // between windows or at their edge, and whether any was counted came down to timing.
      durationMs: 3000,
      attachOnly: false,
      startupTimeoutMs: 20_000,
    });
    const report = diagnose(run);
    const calls = report.outbound.find((call) => call.kind === 'mysql2' && call.route === 'GET /mysql');
    expect(calls, JSON.stringify(report.outbound)).toBeDefined();
    expect(calls!.calls).toBeGreaterThan(0);
    expect(calls!.target).toBe(`127.0.0.1:${database.port}/probe`);
    // mysql2 takes its timeout per query, in options the wrapper does not read.
    expect(calls!.timeout).toBe('unknown');
    expect(calls!.meanMs).toBeGreaterThanOrEqual(600);
    const slow = report.findings.find((finding) => finding.kind === 'slow-outbound')!;
    expect(slow.route).toBe('GET /mysql');
    expect(slow.what).toMatch(/^slow calls to mysql2 /);
    expect(slow.rule).toBe('db-without-timeouts');
  }, 120_000);
});
