import { describe, expect, it } from 'vitest';
import { runFixture } from '../../../test/helpers/rule-fixture.js';

/** Runs the whole pipeline on a fixture; returns this rule's findings as `file:line:column message` and the cycle paths. */
async function run(scenario: string) {
  const { result, findings, lines } = await runFixture(import.meta.url, 'no-circular', scenario);
  return {
    findings: lines,
    cycles: findings.map((finding) => finding.data?.cycle),
    edges: result.graph.edges.filter((edge) => !edge.to.includes(':')).map((edge) => `${edge.from} -${edge.kind}-> ${edge.to}`),
  };
}

describe('no-circular', () => {
  it('reports a three-file cycle once, with its whole path (express-three-file-cycle)', async () => {
    const { findings, cycles } = await run('express-three-file-cycle');
    expect(findings).toHaveLength(1);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/services/customer-service.ts:1:1 Import cycle of 3 modules: src/services/customer-service.ts -> src/services/order-service.ts -> src/services/invoice-service.ts -> src/services/customer-service.ts",
      ]
    `);
    expect(cycles[0]).toHaveLength(4);
  });

  it('reports two separate cycles as two findings (fastify-two-cycles)', async () => {
    const { findings } = await run('fastify-two-cycles');
    expect(findings).toHaveLength(2);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/auth/auth.service.ts:1:1 Import cycle of 2 modules: src/auth/auth.service.ts -> src/auth/session.service.ts -> src/auth/auth.service.ts",
        "src/billing/payment.service.ts:1:1 Import cycle of 3 modules: src/billing/payment.service.ts -> src/billing/receipt.service.ts -> src/billing/subscription.service.ts -> src/billing/payment.service.ts",
      ]
    `);
  });

  it('reports two Nest services importing each other behind forwardRef (nestjs-service-cycle)', async () => {
    const { findings } = await run('nestjs-service-cycle');
    expect(findings).toHaveLength(1);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/auth/auth.service.ts:2:1 Import cycle of 2 modules: src/auth/auth.service.ts -> src/users/users.service.ts -> src/auth/auth.service.ts",
      ]
    `);
  });

  it('follows require() in CommonJS (express-commonjs-require-cycle)', async () => {
    const { findings } = await run('express-commonjs-require-cycle');
    expect(findings).toHaveLength(1);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/services/notification-service.js:1:22 Import cycle of 2 modules: src/services/notification-service.js -> src/services/user-service.js -> src/services/notification-service.js",
      ]
    `);
  });

  it('stays quiet on a cycle made only of type imports, which are erased at run time (express-type-only-cycle-valid)', async () => {
    const { findings, edges } = await run('express-type-only-cycle-valid');
    // The cycle is there in the graph, only as type-only edges.
    expect(edges.sort()).toEqual([
      'src/services/customer-service.ts -type-only-> src/services/order-service.ts',
      'src/services/invoice-service.ts -type-only-> src/services/customer-service.ts',
      'src/services/order-service.ts -type-only-> src/services/invoice-service.ts',
    ]);
    expect(findings).toEqual([]);
  });

  it('stays quiet on imports used only as types without the type keyword: interfaces naming each other, an event naming its aggregate (ddd-type-only-imports-valid)', async () => {
    const { result, lines } = await runFixture(import.meta.url, 'no-circular', 'ddd-type-only-imports-valid');
    expect(lines).toEqual([]);
    const kinds = result.graph.edges.filter((edge) => edge.to.startsWith('src/')).map((edge) => `${edge.from} -> ${edge.to} ${edge.kind}`).sort();
    expect(kinds).toEqual([
      'src/domain/events/user-created.ts -> src/domain/user.ts type-only',
      'src/domain/profile.ts -> src/domain/settings.ts type-only',
      'src/domain/settings.ts -> src/domain/profile.ts type-only',
      'src/domain/user.ts -> src/domain/events/user-created.ts import',
      'src/domain/user.ts -> src/domain/profile.ts import',
    ]);
  });

  it('keeps a constructor parameter type as a run-time import under emitDecoratorMetadata (nestjs-decorator-metadata-cycle)', async () => {
    const { lines } = await runFixture(import.meta.url, 'no-circular', 'nestjs-decorator-metadata-cycle');
    expect(lines).toEqual(['src/users/audit.service.ts:2:1 Import cycle of 2 modules: src/users/audit.service.ts -> src/users/users.service.ts -> src/users/audit.service.ts']);
  });

  it('keeps every import written without `type` under verbatimModuleSyntax (verbatim-module-syntax-cycle)', async () => {
    const { lines } = await runFixture(import.meta.url, 'no-circular', 'verbatim-module-syntax-cycle');
    expect(lines).toEqual(['src/customer.ts:1:1 Import cycle of 2 modules: src/customer.ts -> src/order.ts -> src/customer.ts']);
  });

  it('stays quiet once shared constants and callbacks break the cycles (fastify-acyclic-valid)', async () => {
    const { findings } = await run('fastify-acyclic-valid');
    expect(findings).toEqual([]);
  });

  it('stays quiet when Nest services depend one way (nestjs-one-way-services-valid)', async () => {
    const { findings } = await run('nestjs-one-way-services-valid');
    expect(findings).toEqual([]);
  });
});
