import { describe, expect, it } from 'vitest';
import { acceptRequestId, requestIdMinter } from '../../src/shared/interfaces/http/request-id.js';

const UUID_FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('minted request ids', () => {
  it('are in the form of a UUID: the random part drawn once, then a counter', () => {
    const mint = requestIdMinter(() => Buffer.from('00112233445566778899', 'hex'));
    expect([mint(), mint(), mint()]).toEqual([
      '00112233-4455-6677-8899-000000000001',
      '00112233-4455-6677-8899-000000000002',
      '00112233-4455-6677-8899-000000000003',
    ]);
  });

  it('differ between processes by their random part, and never repeat within one', () => {
    const [first, second] = [requestIdMinter(), requestIdMinter()];
    const ids = new Set<string>();
    for (let index = 0; index < 1000; index += 1) ids.add(first()).add(second());
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(UUID_FORM);
    expect(first().slice(0, 24)).not.toBe(second().slice(0, 24));
  });

  it('are used only when the caller sent none, or one that is not well formed', () => {
    const mint = requestIdMinter(() => Buffer.alloc(10));
    expect(acceptRequestId('lb-7f3a.2026_01', mint)).toBe('lb-7f3a.2026_01');
    expect(acceptRequestId('has spaces', mint)).toBe('00000000-0000-0000-0000-000000000001');
    expect(acceptRequestId(undefined, mint)).toBe('00000000-0000-0000-0000-000000000002');
  });
});
