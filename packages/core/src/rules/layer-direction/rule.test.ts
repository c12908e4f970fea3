import { describe, expect, it } from 'vitest';
import { runFixture } from '../../../test/helpers/rule-fixture.js';

/**
 * Runs the whole pipeline on a fixture. Findings come back as `file:line:column message`, the message
 * cut before ", against the ... direction" (the wording of that tail names the preset or the config).
 */
async function run(scenario: string) {
  const { result, findings, lines, layerOf } = await runFixture(import.meta.url, 'layer-direction', scenario);
  return {
    preset: result.layers.preset,
    layerOf,
    findings: lines.map((line) => line.replace(/, against .*$/, '')),
    data: findings.map((finding) => finding.data),
  };
}

describe('layer-direction: clean preset', () => {
  it('fires when the domain imports infrastructure (express-clean-domain-imports-infrastructure)', async () => {
    const { preset, findings, data } = await run('express-clean-domain-imports-infrastructure');
    expect(preset).toBe('clean');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/domain/order.ts:1:1 domain imports infrastructure: \`src/domain/order.ts\` depends on \`src/infrastructure/order-row.ts\` (via "../infrastructure/order-row.js")",
      ]
    `);
    expect(data[0]).toMatchObject({ fromLayer: 'domain', toLayer: 'infrastructure' });
  });

  it('fires when a use case imports the HTTP layer (express-clean-application-imports-interfaces)', async () => {
    const { preset, findings, data } = await run('express-clean-application-imports-interfaces');
    expect(preset).toBe('clean');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/application/withdraw.ts:2:1 application imports interfaces: \`src/application/withdraw.ts\` depends on \`src/interfaces/http/http-error.ts\` (via "../interfaces/http/http-error.js")",
      ]
    `);
    expect(data[0]).toMatchObject({ fromLayer: 'application', toLayer: 'interfaces' });
  });

  it('fires when an adapter imports a route module (fastify-clean-infrastructure-imports-interfaces)', async () => {
    const { preset, findings, data } = await run('fastify-clean-infrastructure-imports-interfaces');
    expect(preset).toBe('clean');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/infrastructure/sql-product-repository.ts:3:1 infrastructure imports interfaces: \`src/infrastructure/sql-product-repository.ts\` depends on \`src/interfaces/products.routes.ts\` (via "../interfaces/products.routes.js")",
      ]
    `);
    expect(data[0]).toMatchObject({ fromLayer: 'infrastructure', toLayer: 'interfaces' });
  });

  it('fires on an import of a barrel that forwards to infrastructure (fastify-clean-domain-imports-infrastructure-through-barrel)', async () => {
    const { preset, findings, data } = await run('fastify-clean-domain-imports-infrastructure-through-barrel');
    expect(preset).toBe('clean');
    expect(findings.length).toBeGreaterThan(0);
    // The wording after the layers names the barrel; the location and the layers are what matter here.
    expect(findings.map((finding) => finding.replace(/: `.*$/, ''))).toEqual(['src/modules/billing/domain/invoice.ts:2:1 domain imports infrastructure']);
    expect(findings[0]).toContain('src/modules/orders/');
    expect(data[0]).toMatchObject({ fromLayer: 'domain', toLayer: 'infrastructure' });
  });

  it('stays quiet when the barrel re-exports only the domain (fastify-clean-barrel-valid)', async () => {
    const { preset, findings, layerOf } = await run('fastify-clean-barrel-valid');
    expect(preset).toBe('clean');
    expect(layerOf['src/modules/billing/domain/invoice.ts']).toBe('domain');
    expect(findings).toEqual([]);
  });

  it('stays quiet on an Express app whose imports point inward (express-clean-valid)', async () => {
    const { preset, layerOf, findings } = await run('express-clean-valid');
    expect(preset).toBe('clean');
    expect(layerOf).toMatchInlineSnapshot(`
      {
        "src/application/get-order.ts": "application",
        "src/application/order-repository.port.ts": "application",
        "src/bootstrap/app.ts": "bootstrap",
        "src/domain/order.ts": "domain",
        "src/infrastructure/in-memory-order-repository.ts": "infrastructure",
        "src/interfaces/http/orders.routes.ts": "interfaces",
      }
    `);
    expect(findings).toEqual([]);
  });

  it('stays quiet on a Fastify feature module whose imports point inward (fastify-clean-valid)', async () => {
    const { preset, layerOf, findings } = await run('fastify-clean-valid');
    expect(preset).toBe('clean');
    expect(layerOf).toMatchInlineSnapshot(`
      {
        "src/bootstrap/server.ts": "bootstrap",
        "src/modules/users/application/rename-user.ts": "application",
        "src/modules/users/application/user-repository.port.ts": "application",
        "src/modules/users/domain/user.ts": "domain",
        "src/modules/users/infrastructure/in-memory-user-repository.ts": "infrastructure",
        "src/modules/users/interfaces/users.routes.ts": "interfaces",
      }
    `);
    expect(findings).toEqual([]);
  });
});

describe('layer-direction: nestjs preset', () => {
  it('fires when a service imports its controller (nestjs-service-imports-controller)', async () => {
    const { preset, findings, data } = await run('nestjs-service-imports-controller');
    expect(preset).toBe('nestjs');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/users/users.service.ts:2:1 application imports interfaces: \`src/users/users.service.ts\` depends on \`src/users/users.controller.ts\` (via "./users.controller")",
      ]
    `);
    expect(data[0]).toMatchObject({ fromLayer: 'application', toLayer: 'interfaces' });
  });

  it('fires when a repository imports a guard (nestjs-repository-imports-guard)', async () => {
    const { preset, findings, data } = await run('nestjs-repository-imports-guard');
    expect(preset).toBe('nestjs');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/orders/orders.repository.ts:2:1 infrastructure imports interfaces: \`src/orders/orders.repository.ts\` depends on \`src/orders/tenant.guard.ts\` (via "./tenant.guard")",
      ]
    `);
    expect(data[0]).toMatchObject({ fromLayer: 'infrastructure', toLayer: 'interfaces' });
  });

  it('stays quiet on controller -> service -> TypeORM repository, the framework idiom (nestjs-valid)', async () => {
    const { preset, layerOf, findings } = await run('nestjs-valid');
    expect(preset).toBe('nestjs');
    expect(layerOf).toMatchInlineSnapshot(`
      {
        "src/app.module.ts": "bootstrap",
        "src/main.ts": "bootstrap",
        "src/users/dto/create-user.dto.ts": "application",
        "src/users/user.entity.ts": "infrastructure",
        "src/users/users.controller.ts": "interfaces",
        "src/users/users.module.ts": "bootstrap",
        "src/users/users.service.ts": "application",
      }
    `);
    expect(findings).toEqual([]);
  });
});

describe('layer-direction: mvc preset', () => {
  it('fires when a model imports a controller (express-mvc-model-imports-controller)', async () => {
    const { preset, findings, data } = await run('express-mvc-model-imports-controller');
    expect(preset).toBe('mvc');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/models/post.js:2:30 infrastructure imports interfaces: \`src/models/post.js\` depends on \`src/controllers/posts.js\` (via "../controllers/posts")",
      ]
    `);
    expect(data[0]).toMatchObject({ fromLayer: 'infrastructure', toLayer: 'interfaces' });
  });

  it('fires when a service imports a route module (fastify-mvc-service-imports-routes)', async () => {
    const { preset, findings, data } = await run('fastify-mvc-service-imports-routes');
    expect(preset).toBe('mvc');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/services/invoice-service.ts:2:1 application imports interfaces: \`src/services/invoice-service.ts\` depends on \`src/routes/invoices.ts\` (via "../routes/invoices.js")",
      ]
    `);
    expect(data[0]).toMatchObject({ fromLayer: 'application', toLayer: 'interfaces' });
  });

  // An MVC app that grows a domain/ folder (its refactoring path) may use it from every layer.
  it('stays quiet when MVC services use a pure domain/ folder (express-mvc-domain-folder-valid)', async () => {
    const { preset, layerOf, findings } = await run('express-mvc-domain-folder-valid');
    expect(preset).toBe('mvc');
    expect(layerOf['src/domain/pricing.js']).toBe('domain');
    expect(findings).toEqual([]);
  });

  it('stays quiet on routes -> controllers -> services -> models (express-mvc-valid)', async () => {
    const { preset, layerOf, findings } = await run('express-mvc-valid');
    expect(preset).toBe('mvc');
    expect(layerOf).toMatchInlineSnapshot(`
      {
        "src/app.js": "bootstrap",
        "src/controllers/posts.js": "interfaces",
        "src/models/post.js": "infrastructure",
        "src/routes/posts.js": "interfaces",
        "src/services/post-service.js": "application",
      }
    `);
    expect(findings).toEqual([]);
  });
});

describe('layer-direction: layers.patterns in strata.config.json', () => {
  it('places files by the configured globs and fires on core -> adapters (express-config-patterns-core-imports-adapters)', async () => {
    const { layerOf, findings, data } = await run('express-config-patterns-core-imports-adapters');
    expect(layerOf).toMatchInlineSnapshot(`
      {
        "src/adapters/pdf-renderer.ts": "infrastructure",
        "src/core/invoice.ts": "domain",
        "src/http/invoices.ts": "interfaces",
      }
    `);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/core/invoice.ts:1:1 domain imports infrastructure: \`src/core/invoice.ts\` depends on \`src/adapters/pdf-renderer.ts\` (via "../adapters/pdf-renderer.js")",
      ]
    `);
    expect(data[0]).toMatchObject({ fromLayer: 'domain', toLayer: 'infrastructure' });
  });

  it('stays quiet when the adapter implements a port declared in the core (express-config-patterns-valid)', async () => {
    const { layerOf, findings } = await run('express-config-patterns-valid');
    expect(layerOf).toMatchInlineSnapshot(`
      {
        "src/adapters/pdf-renderer.ts": "infrastructure",
        "src/core/invoice.ts": "domain",
        "src/http/invoices.ts": "interfaces",
      }
    `);
    expect(findings).toEqual([]);
  });
});
