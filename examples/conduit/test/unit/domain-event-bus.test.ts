import { describe, expect, it } from 'vitest';
import { DomainEventBus } from '../../src/shared/application/events/domain-events.js';
import { decodeCursor, encodeCursor } from '../../src/shared/application/pagination.js';
import { ValidationError } from '../../src/shared/domain/domain-error.js';
import { InMemoryOutbox, RecordingLogger, RecordingUnitOfWork } from '../support/fakes.js';

const event = { type: 'test.happened', occurredAt: new Date('2026-01-15T10:00:00.000Z') };

describe('DomainEventBus', () => {
  it('projects inside the transaction and invalidates only after the commit', async () => {
    const unitOfWork = new RecordingUnitOfWork();
    const outbox = new InMemoryOutbox();
    const bus = new DomainEventBus(unitOfWork, new RecordingLogger(), outbox);
    bus.on('test.happened', 'inTransaction', async () => void unitOfWork.log.push('project'));
    bus.on('test.happened', 'afterCommit', async () => void unitOfWork.log.push('invalidate'));
    const result = await bus.run(async (publish) => {
      await publish([event]);
      return 42;
    });
    expect(result).toBe(42);
    // The after-commit work runs in a transaction of its own that also removes the outbox entry.
    expect(unitOfWork.log).toEqual(['begin', 'project', 'commit', 'begin', 'invalidate', 'commit']);
    expect(outbox.rows.size).toBe(0);
  });

  it('runs no after-commit handler when the transaction rolls back', async () => {
    const unitOfWork = new RecordingUnitOfWork();
    const outbox = new InMemoryOutbox();
    const bus = new DomainEventBus(unitOfWork, new RecordingLogger(), outbox);
    bus.on('test.happened', 'afterCommit', async () => void unitOfWork.log.push('invalidate'));
    await expect(
      bus.run(async (publish) => {
        await publish([event]);
        throw new Error('constraint violated');
      }),
    ).rejects.toThrow('constraint violated');
    expect(unitOfWork.log).toEqual(['begin', 'rollback']);
    expect(outbox.rows.size).toBe(0);
  });

  it('does not fail a committed command when an after-commit handler fails, and the relay delivers it later', async () => {
    const logger = new RecordingLogger();
    const outbox = new InMemoryOutbox();
    const bus = new DomainEventBus(new RecordingUnitOfWork(), logger, outbox);
    let redisUp = false;
    const delivered: string[] = [];
    bus.on('test.happened', 'afterCommit', async (happened) => {
      if (!redisUp) throw new Error('redis down');
      delivered.push(happened.type);
    });
    await expect(bus.run(async (publish) => publish([event]))).resolves.toBeUndefined();
    expect(logger.warnings).toEqual(['after-commit delivery failed; the relay will retry']);
    // Kept, not lost: the event waits in the outbox until a relay pass can deliver it.
    expect([...outbox.rows.values()].map((row) => [row.event.type, row.attempts])).toEqual([['test.happened', 1]]);
    expect(await bus.relayDue()).toBe(0);
    redisUp = true;
    expect(await bus.relayDue()).toBe(1);
    expect(delivered).toEqual(['test.happened']);
    expect(outbox.rows.size).toBe(0);
  });

  it('writes to the outbox only events that have after-commit work', async () => {
    const outbox = new InMemoryOutbox();
    const bus = new DomainEventBus(new RecordingUnitOfWork(), new RecordingLogger(), outbox);
    bus.on('test.happened', 'inTransaction', async () => undefined);
    const appended: string[] = [];
    const append = outbox.append.bind(outbox);
    outbox.append = async (events) => {
      appended.push(...events.map((candidate) => candidate.type));
      return append(events);
    };
    await bus.run(async (publish) => publish([event]));
    expect(appended).toEqual([]);
  });
});

describe('keyset cursors', () => {
  it('round-trip a position and reject garbage', () => {
    const position = { createdAt: new Date('2026-01-15T10:00:00.123Z'), id: '0a1b2c3d-0000-4000-8000-000000000001' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    expect(() => decodeCursor('not-a-cursor')).toThrow(ValidationError);
  });

  it('reject forged contents that would otherwise reach the query: a non-uuid id, an out-of-range or impossible date', () => {
    const forge = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    const id = '0a1b2c3d-0000-4000-8000-000000000001';
    for (const forged of [
      forge('2026-01-15T10:00:00.123Z|not-a-uuid'),
      forge("2026-01-15T10:00:00.123Z|1' OR '1'='1"),
      forge(`+275760-09-13T00:00:00.000Z|${id}`),
      forge(`-271821-04-20T00:00:00.000Z|${id}`),
      forge(`2026-02-30T10:00:00.000Z|${id}`),
      forge(`2026-01-15|${id}`),
      forge(`2026-01-15T10:00:00.123Z|${id}|extra`),
      forge(`2026-01-15T10:00:00.123Z|${id}\u0000`),
    ]) {
      expect(() => decodeCursor(forged), forged).toThrow(ValidationError);
    }
  });
});
