import { describe, expect, it } from 'vitest';
import { runFixture } from '../../../test/helpers/rule-fixture.js';

/** Runs the whole pipeline on a fixture; returns this rule's findings as `file:line:column message` and the layer of each source file. */
async function run(scenario: string) {
  const { layerOf, lines } = await runFixture(import.meta.url, 'domain-purity', scenario);
  return { layerOf, findings: lines };
}

describe('domain-purity: indirect environment reads', () => {
  it('fires on process[\'env\'], a destructured env and globalThis.process.env, and keeps a domain/ folder ahead of the Nest *.entity.ts role (nestjs-domain-reads-env-indirectly)', async () => {
    const { layerOf, findings } = await run('nestjs-domain-reads-env-indirectly');
    expect(layerOf['src/orders/domain/order.entity.ts']).toBe('domain');
    expect(findings).toEqual([
      'src/orders/domain/order.entity.ts:1:7 Domain file reads `process.env`: configuration belongs to config/ and reaches the domain as values.',
      'src/orders/domain/order.entity.ts:4:37 Domain file reads `process.env`: configuration belongs to config/ and reaches the domain as values.',
      'src/orders/domain/order.entity.ts:5:30 Domain file reads `process.env`: configuration belongs to config/ and reaches the domain as values.',
    ]);
  });
});

describe('domain-purity: imports', () => {
  it('fires when a domain entity imports an ORM (express-domain-imports-orm)', async () => {
    const { findings } = await run('express-domain-imports-orm');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/domain/user.ts:1:1 Domain file imports an ORM or database driver (typeorm).",
      ]
    `);
  });

  it('fires when the domain imports a Fastify package (fastify-domain-imports-framework)', async () => {
    const { findings } = await run('fastify-domain-imports-framework');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/domain/booking.ts:1:1 Domain file imports framework or infrastructure code (@fastify/error).",
      ]
    `);
  });

  it('fires when a Nest domain folder throws HTTP exceptions from @nestjs/common (nestjs-domain-imports-framework)', async () => {
    const { layerOf, findings } = await run('nestjs-domain-imports-framework');
    expect(layerOf['src/orders/domain/order.ts']).toBe('domain');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/orders/domain/order.ts:1:1 Domain file imports framework or infrastructure code (@nestjs/common).",
      ]
    `);
  });

  it('fires when the domain logs through a logger (express-domain-imports-logger)', async () => {
    const { findings } = await run('express-domain-imports-logger');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/domain/payment.ts:1:1 Domain file imports a logger (pino).",
      ]
    `);
  });

  it('fires when a value object calls an HTTP API with axios (express-domain-imports-axios)', async () => {
    const { findings } = await run('express-domain-imports-axios');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/domain/money.ts:1:1 Domain file imports an HTTP client (axios).",
      ]
    `);
  });

  it('fires when the domain reads files with node:fs (fastify-domain-imports-node-fs)', async () => {
    const { findings } = await run('fastify-domain-imports-node-fs');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/domain/tax-rate.ts:1:1 Domain file imports the I/O builtin node:fs.",
      ]
    `);
  });
});

describe('domain-purity: process.env', () => {
  it('fires when a domain entity reads process.env (express-domain-reads-process-env)', async () => {
    const { findings } = await run('express-domain-reads-process-env');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/domain/loyalty-account.ts:8:34 Domain file reads \`process.env\`: configuration belongs to config/ and reaches the domain as values.",
      ]
    `);
  });

  it('stays quiet when process.env is read in config/ and bootstrap/, outside the domain (fastify-env-outside-domain-valid)', async () => {
    const { layerOf, findings } = await run('fastify-env-outside-domain-valid');
    expect(layerOf).toMatchInlineSnapshot(`
      {
        "src/application/record-purchase.ts": "application",
        "src/bootstrap/server.ts": "bootstrap",
        "src/config/env.ts": "config",
        "src/domain/loyalty-account.ts": "domain",
        "src/interfaces/loyalty.routes.ts": "interfaces",
      }
    `);
    expect(findings).toEqual([]);
  });
});

describe('domain-purity: pure domains', () => {
  it('stays quiet when the ORM driver and logger live in infrastructure (express-pure-domain-valid)', async () => {
    const { layerOf, findings } = await run('express-pure-domain-valid');
    expect(layerOf).toMatchInlineSnapshot(`
      {
        "src/application/record-purchase.ts": "application",
        "src/domain/loyalty-account.ts": "domain",
        "src/infrastructure/pg-loyalty-accounts.ts": "infrastructure",
        "src/interfaces/loyalty.routes.ts": "interfaces",
      }
    `);
    expect(findings).toEqual([]);
  });

  it('stays quiet when a Nest service maps typed domain errors to HTTP exceptions (nestjs-pure-domain-valid)', async () => {
    const { layerOf, findings } = await run('nestjs-pure-domain-valid');
    expect(layerOf['src/orders/domain/order.ts']).toBe('domain');
    expect(findings).toEqual([]);
  });
});

describe('domain-purity: test files', () => {
  it('stays quiet on a spec a layer glob puts beside the domain code it tests (fastify-colocated-spec-valid)', async () => {
    const { layerOf, findings } = await run('fastify-colocated-spec-valid');
    expect(layerOf['src/core/booking.ts']).toBe('domain');
    expect(layerOf['src/core/booking.spec.ts']).toBe('domain');
    expect(findings).toEqual([]);
  });
});
