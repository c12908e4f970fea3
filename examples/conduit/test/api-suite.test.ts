import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import newman, { type NewmanRunSummary } from 'newman';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../src/bootstrap/service.js';
import { startTestService } from './support/test-service.js';

const COLLECTION = path.join(path.dirname(fileURLToPath(import.meta.url)), 'realworld/Conduit.postman_collection.json');

function runCollection(apiUrl: string): Promise<NewmanRunSummary> {
  const id = `u${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection: COLLECTION,
        globalVar: [
          { key: 'APIURL', value: apiUrl },
          { key: 'USERNAME', value: id },
          { key: 'EMAIL', value: `${id}@mail.com` },
          { key: 'PASSWORD', value: 'password' },
        ],
        reporters: [],
        timeoutRequest: 10_000,
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
  });
}

describe('the official RealWorld Postman collection (newman)', () => {
  let service: Service;
  let apiUrl: string;

  beforeAll(async () => {
    service = await startTestService();
    apiUrl = `${await service.listen()}/api`;
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('passes every assertion against a fresh database', async () => {
    const summary = await runCollection(apiUrl);
    const failures = summary.run.failures.map((failure) => `${failure.source?.name ?? '?'}: ${failure.error.message}`);
    expect(failures).toEqual([]);
    expect(summary.run.stats.requests.total).toBe(32);
    expect(summary.run.stats.assertions.failed).toBe(0);
    expect(summary.run.stats.assertions.total).toBeGreaterThan(250);
  }, 60_000);
});
