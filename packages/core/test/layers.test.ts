import { describe, expect, it } from 'vitest';
import { buildLayerModel, detectShape, isTestFile } from '../src/layers/classify.js';

describe('layer presets', () => {
  it('places clean-architecture files, also inside feature modules', () => {
    const files = [
      'src/modules/orders/domain/entities/order.ts',
      'src/modules/orders/domain/value-objects/money.ts',
      'src/modules/orders/application/use-cases/place-order.ts',
      'src/modules/orders/application/ports/order-repository.port.ts',
      'src/modules/orders/application/dtos/order.dto.ts',
      'src/modules/orders/infrastructure/repositories/drizzle-order-repository.ts',
      'src/modules/orders/interfaces/http/controllers/orders.controller.ts',
      'src/interfaces/http/middlewares/request-id.ts',
      'src/config/env.ts',
      'src/bootstrap/container.ts',
      'src/shared/result.ts',
      'src/main.ts',
    ];
    const model = buildLayerModel(files, false);
    expect(model.shape).toBe('clean');
    expect(files.map((file) => model.layerOf(file))).toEqual([
      'domain', 'domain', 'application', 'application', 'application', 'infrastructure', 'interfaces', 'interfaces', 'config', 'bootstrap', 'shared', 'bootstrap',
    ]);
    expect(model.isAllowed('interfaces', 'application')).toBe(true);
    expect(model.isAllowed('infrastructure', 'application')).toBe(true);
    expect(model.isAllowed('domain', 'infrastructure')).toBe(false);
    expect(model.isAllowed('application', 'interfaces')).toBe(false);
    expect(model.isAllowed('bootstrap', 'infrastructure')).toBe(true);
  });

  it('places NestJS files by role, and allows services to use repositories (the framework idiom)', () => {
    const files = ['src/main.ts', 'src/app.module.ts', 'src/users/users.controller.ts', 'src/users/users.service.ts', 'src/users/user.entity.ts', 'src/users/dto/create-user.dto.ts', 'src/auth/jwt.guard.ts'];
    const model = buildLayerModel(files, true);
    expect(model.shape).toBe('nestjs');
    expect(files.map((file) => model.layerOf(file))).toEqual(['bootstrap', 'bootstrap', 'interfaces', 'application', 'infrastructure', 'application', 'interfaces']);
    expect(model.isAllowed('application', 'infrastructure')).toBe(true);
    expect(model.isAllowed('application', 'interfaces')).toBe(false);
  });

  it('places legacy MVC folders, where only inner layers reaching out break the layering', () => {
    const files = ['app.js', 'routes/users.js', 'controllers/users.js', 'services/users.js', 'models/user.js', 'middlewares/auth.js', 'utils/format.js', 'config/db.js'];
    const model = buildLayerModel(files, false);
    expect(model.shape).toBe('mvc');
    expect(files.map((file) => model.layerOf(file))).toEqual(['bootstrap', 'interfaces', 'interfaces', 'application', 'infrastructure', 'interfaces', 'shared', 'config']);
    expect(model.isAllowed('interfaces', 'infrastructure')).toBe(true);
    expect(model.isAllowed('infrastructure', 'application')).toBe(false);
    expect(model.isAllowed('application', 'interfaces')).toBe(false);
  });

  it('reads a feature-folder Express app with role-named files as MVC, not NestJS', () => {
    const files = ['src/app/routes/users/users.controller.ts', 'src/app/routes/users/users.service.ts', 'src/app/routes/users/user.model.ts', 'src/app/routes/users/users.utils.ts'];
    const model = buildLayerModel(files, false);
    expect(model.shape).toBe('mvc');
    // The role suffix beats the folder: `users.utils.ts` under routes/ is a helper, not a controller.
    expect(files.map((file) => model.layerOf(file))).toEqual(['interfaces', 'application', 'infrastructure', 'shared']);
  });

  it('reads an interfaces/ folder of TypeScript declarations as types, not as the delivery layer', () => {
    const files = ['src/domain/order.ts', 'src/application/place-order.ts', 'src/interfaces/order-view.ts', 'src/interfaces/order.interface.ts', 'src/interfaces/index.ts'];
    const model = buildLayerModel(files, false);
    expect(model.layerOf('src/interfaces/order-view.ts')).toBeUndefined();
    const delivery = buildLayerModel([...files, 'src/interfaces/http/orders.routes.ts'], false);
    expect(delivery.layerOf('src/interfaces/order-view.ts')).toBe('interfaces');
    // A declaration file is a contract wherever it sits.
    expect(delivery.layerOf('src/interfaces/order.interface.ts')).toBeUndefined();
  });

  it('calls a small service without layers flat, and lets config force a preset and patterns', () => {
    expect(detectShape(['src/index.ts', 'src/routes.ts', 'src/db.ts'], false)).toBe('flat');
    const model = buildLayerModel(['src/core/order.ts', 'src/adapters/pg.ts'], false, { preset: 'clean', patterns: { domain: ['src/core/**'] } });
    expect(model.preset.name).toBe('clean');
    expect(model.layerOf('src/core/order.ts')).toBe('domain');
    expect(model.layerOf('src/adapters/pg.ts')).toBe('infrastructure');
  });
  it('keeps Cypress and Playwright specs out of the layers, like every test', () => {
    expect(['cypress/e2e/login.cy.ts', 'playwright/checkout.ts', 'src/orders/orders.cy.ts', 'src/orders/orders.ts'].map(isTestFile)).toEqual([true, true, true, false]);
  });
});
