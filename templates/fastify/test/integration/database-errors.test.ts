import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/shared/infrastructure/db/connection.js';
import { createLogger } from '../../src/shared/infrastructure/observability/logger.js';
import { mapError } from '../../src/shared/interfaces/http/error-mapper.js';
import { logFailure } from '../../src/shared/interfaces/http/server-options.js';
import { testDatabase } from '../support/database.js';

const SECRET = 'ann@example.test scrypt$131072$8$1$c2FsdA$aGFzaA';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: 'info', serviceName: 'test', destination }), lines };
}

/** A real error from the real driver (pg or PGlite), raised by a query bound to a secret-looking value. */
async function failingQuery(statement: ReturnType<typeof sql>): Promise<unknown> {
  const database = await testDatabase();
  return database.db.execute(statement).then(
    () => expect.fail('the query should fail'),
    (error: unknown) => error,
  );
}

describe('database errors', () => {
  // Starting PGlite takes seconds: inside the hook's longer timeout, not the first test's.
  beforeAll(() => testDatabase());

  it('maps a data exception (class 22) to 400 and logs SQLSTATE only, never the bound parameters', async () => {
    const error = await failingQuery(sql`select ${SECRET}::int`);
    const mapped = mapError(error);
    expect(mapped).toMatchObject({ status: 400, body: { error: { code: 'INVALID_VALUE' } }, database: { kind: 'statement', sqlstate: '22P02' } });
    const { logger, lines } = capture();
    logFailure(logger, mapped, error);
    // Even an error logged whole goes through the serializer that drops parameters.
    logger.error({ err: error }, 'logged whole');
    expect(lines).toHaveLength(2);
    expect(lines.join('')).not.toContain('ann@example.test');
    expect(lines.join('')).not.toContain('aGFzaA');
  });

  it('keeps a bound value that spans lines out of the log, even one shaped like a stack frame', async () => {
    // Drizzle's message ends with every parameter: a value's second line once outlived the redaction.
    const error = await failingQuery(sql`select ${'first line'}::text, ${`note\n    at ${SECRET} (x.js:1:1)\nmore ${SECRET}`}::int`);
    const { logger, lines } = capture();
    logger.error({ err: error }, 'logged whole');
    const logged = JSON.parse(lines.join('')) as { err: { message: string; stack: string } };
    expect(logged.err.message).toMatch(/params: \[redacted\]$/);
    expect(JSON.stringify(logged)).not.toContain('ann@example.test');
    expect(logged.err.stack).toMatch(/\n\s+at /);
  });

  it('maps a constraint violation (class 23) to 409 and names the constraint', async () => {
    const database = await testDatabase();
    const error = await failingQuery(sql`insert into users (id, email, password_hash, role, created_at) values (gen_random_uuid(), ${SECRET}, 'x', 'root', now())`);
    const mapped = mapError(error);
    expect(mapped).toMatchObject({ status: 409, database: { sqlstate: '23514', constraint: 'users_role_check' } });
    expect(database.kind).toMatch(/postgres|pglite/);
  });

  it('maps an unreachable database to 503 in the error format', async () => {
    // Port 9 (discard) has no PostgreSQL: the driver's own connection error, not a simulated one.
    const unreachable = await openDatabase({ url: 'postgres://postgres@127.0.0.1:9/none', pgliteDataDir: 'memory://', poolSize: 1 });
    try {
      const error = await unreachable.db.execute(sql`select ${SECRET}`).then(() => undefined, (caught: unknown) => caught);
      const mapped = mapError(error);
      expect(mapped).toMatchObject({ status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE' } }, unexpected: false });
    } finally {
      await unreachable.close();
    }
  });
});
