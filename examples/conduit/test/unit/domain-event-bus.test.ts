import { describe, expect, it } from 'vitest';
import { DomainEventBus } from '../../src/shared/application/events/domain-events.js';
import { decodeCursor, encodeCursor } from '../../src/shared/application/pagination.js';
import { ValidationError } from '../../src/shared/domain/domain-error.js';
import { RecordingLogger, RecordingUnitOfWork } from '../support/fakes.js';

const event = { type: 'test.happened', occurredAt: new Date('2026-01-15T10:00:00.000Z') };

describe('DomainEventBus', () => {
  it('projects inside the transaction and invalidates only after the commit', async () => {
    const unitOfWork = new RecordingUnitOfWork();
    const bus = new DomainEventBus(unitOfWork, new RecordingLogger());
    bus.on('test.happened', 'inTransaction', async () => void unitOfWork.log.push('project'));
    bus.on('test.happened', 'afterCommit', async () => void unitOfWork.log.push('invalidate'));
    const result = await bus.run(async (publish) => {
      await publish([event]);
      return 42;
    });
    expect(result).toBe(42);
    expect(unitOfWork.log).toEqual(['begin', 'project', 'commit', 'invalidate']);
  });

  it('runs no after-commit handler when the transaction rolls back', async () => {
    const unitOfWork = new RecordingUnitOfWork();
    const bus = new DomainEventBus(unitOfWork, new RecordingLogger());
    bus.on('test.happened', 'afterCommit', async () => void unitOfWork.log.push('invalidate'));
    await expect(
      bus.run(async (publish) => {
        await publish([event]);
        throw new Error('constraint violated');
      }),
    ).rejects.toThrow('constraint violated');
    expect(unitOfWork.log).toEqual(['begin', 'rollback']);
  });

  it('does not fail a committed command when an after-commit handler fails', async () => {
    const logger = new RecordingLogger();
    const bus = new DomainEventBus(new RecordingUnitOfWork(), logger);
    bus.on('test.happened', 'afterCommit', async () => {
      throw new Error('redis down');
    });
    await expect(bus.run(async (publish) => publish([event]))).resolves.toBeUndefined();
    expect(logger.warnings).toEqual(['after-commit handler failed']);
  });
});

describe('keyset cursors', () => {
  it('round-trip a position and reject garbage', () => {
    const position = { createdAt: new Date('2026-01-15T10:00:00.123Z'), id: '0a1b2c3d-0000-4000-8000-000000000001' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    expect(() => decodeCursor('not-a-cursor')).toThrow(ValidationError);
  });
});
