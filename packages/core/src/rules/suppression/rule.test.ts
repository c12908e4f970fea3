import { describe, expect, it } from 'vitest';
import { runFixture } from '../../../test/helpers/rule-fixture.js';

/**
 * The findings of the rules the fixtures' suppressions name, and of `suppression` itself: suppressions
 * act on other rules' findings. Project-wide readiness rules (headers, Dockerfile, CI…) also fire on
 * these small fixtures and say nothing about suppressions, so they are left out.
 */
const NAMED = new Set(['suppression', 'layer-direction', 'no-circular', 'domain-purity', 'controller-db-access']);
async function run(scenario: string) {
  const { result } = await runFixture(import.meta.url, 'suppression', scenario);
  return result.findings.filter((finding) => NAMED.has(finding.ruleId)).map((finding) => `${finding.ruleId} ${finding.file}:${finding.line} ${finding.message}`);
}

describe('suppression', () => {
  it('honours a suppression with a reason, and reports one without a reason, one naming no known rule and one that hides nothing (express-suppressions)', async () => {
    expect(await run('express-suppressions')).toEqual([
      'layer-direction src/domain/order.ts:4 domain imports infrastructure: `src/domain/order.ts` depends on `src/infrastructure/invoice-row.ts` (via "../infrastructure/invoice-row"), against the Clean Architecture direction.',
      'suppression src/domain/order.ts:3 This suppression of layer-direction gives no reason, so it suppresses nothing: add ` -- <why this finding does not apply here>`.',
      'suppression src/domain/order.ts:5 Unused suppression: no no-circular finding on line 6 (reason given: "nothing here imports in a loop any more"). Delete it, so that it cannot hide the next real finding.',
      'suppression src/domain/order.ts:7 This suppression names "layer-directoin", which is not a rule; `strata explain` lists them.',
    ]);
  });

  it('stays quiet when every suppression names a rule, gives a reason and hides a finding, file-level included (nestjs-suppressed-with-reasons-valid)', async () => {
    expect(await run('nestjs-suppressed-with-reasons-valid')).toEqual([]);
  });
});
