import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { LazyRequestLogger, lazyRequestLoggerFactory } from '../../src/shared/infrastructure/observability/lazy-request-logger.js';

/** A pino logger at `level` whose lines are collected, parsed. */
function collectingLogger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}

describe('per-request logger built on first use', () => {
  const apps: { close(): Promise<unknown> }[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  async function appWith(level: string) {
    const { logger, lines } = collectingLogger(level);
    const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, childLoggerFactory: lazyRequestLoggerFactory });
    apps.push(app);
    const loggers: FastifyBaseLogger[] = [];
    app.addHook('onResponse', (request, _reply, done) => {
      loggers.push(request.log);
      done();
    });
    app.get('/quiet', async () => ({ ok: true }));
    app.get('/loud', async (request) => {
      request.log.warn({ detail: 'x' }, 'something to see');
      request.log.info('below the level');
      return { ok: true };
    });
    return { app, lines, loggers };
  }

  it('builds no child logger for a request that writes nothing at the enabled level', async () => {
    // At warn, Fastify's own "incoming request" and "request completed" lines (info) are not written.
    const { app, lines, loggers } = await appWith('warn');
    expect((await app.inject({ method: 'GET', url: '/quiet' })).statusCode).toBe(200);
    expect(loggers).toHaveLength(1);
    expect(loggers[0]).toBeInstanceOf(LazyRequestLogger);
    expect((loggers[0] as LazyRequestLogger).materialised).toBe(false);
    expect(lines).toEqual([]);
  });

  it('writes a line with the request id bound, as the child logger did', async () => {
    const { app, lines, loggers } = await appWith('warn');
    const response = await app.inject({ method: 'GET', url: '/loud' });
    expect(response.statusCode).toBe(200);
    expect((loggers[0] as LazyRequestLogger).materialised).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'something to see', detail: 'x', reqId: expect.any(String) });
  });

  it("keeps Fastify's request lines at info, each with its request id", async () => {
    const { app, lines } = await appWith('info');
    await app.inject({ method: 'GET', url: '/quiet' });
    expect(lines.map((line) => line.msg)).toEqual(['incoming request', 'request completed']);
    expect(lines[0]?.reqId).toBeDefined();
    expect(lines[1]?.reqId).toBe(lines[0]?.reqId);
  });

  it('answers level changes and children like a pino child', () => {
    const { logger, lines } = collectingLogger('warn');
    const lazy = new LazyRequestLogger(logger, { reqId: 'r1' }, {});
    expect(lazy.level).toBe('warn');
    lazy.level = 'debug';
    lazy.debug('now visible');
    lazy.child({ step: 'inner' }).error('from a grandchild');
    expect(lines.map((line) => [line.msg, line.reqId, line.step])).toEqual([
      ['now visible', 'r1', undefined],
      ['from a grandchild', 'r1', 'inner'],
    ]);
  });
});
