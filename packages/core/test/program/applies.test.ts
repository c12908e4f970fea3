import { describe, expect, it } from 'vitest';
import { isApplicationCode } from '../../src/program/applies.js';

describe('isApplicationCode', () => {
  it('leaves out sample apps in playground/, examples/, example/, samples/ and demo/ at the repository root', () => {
    for (const file of ['playground/nestjs/src/main.ts', 'examples/express/app.js', 'example/server.ts', 'samples/basic/index.ts', 'demo/api/src/main.ts', 'demos/a.ts']) {
      expect(isApplicationCode(file), file).toBe(false);
    }
  });

  it('keeps service code, including folders with those names below the root', () => {
    for (const file of ['src/main.ts', 'apps/api/src/examples/examples.controller.ts', 'src/demo/demo.service.ts', 'packages/playground-client/src/index.ts']) {
      expect(isApplicationCode(file), file).toBe(true);
    }
  });

  it('leaves out tests, specs, fixtures and migrations as before', () => {
    for (const file of ['src/app.spec.ts', 'test/app.e2e-spec.ts', 'src/migrations/1-init.ts', 'src/orders.e2e.ts']) {
      expect(isApplicationCode(file), file).toBe(false);
    }
  });
});
