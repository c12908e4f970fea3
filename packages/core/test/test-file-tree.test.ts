import { describe, expect, it } from 'vitest';
import { analyzeSource, collectorsNeedTree } from '../src/project/analyze-file.js';
import { RULES } from '../src/rules/index.js';

const SPEC = [
  "import Fastify from 'fastify';",
  "import { seed } from './seed.js';",
  'const app = new Fastify();',
  "app.get('/boom', async () => { throw new Error('x'); });",
  "mongoose.model('Fake', schema);",
  '@Entity() class Row {}',
].join('\n');

const WIRING = "import { OrderService } from './order-service.js';\nimport { OrderRepository } from './order-repository.js';\nexport const orders = new OrderService(new OrderRepository());\n";

describe("a test file's syntax tree", () => {
  it('is not needed for routes, entities or decorators a test registers, only for imports the module record lacks', () => {
    expect(collectorsNeedTree('src/app.ts', SPEC)).toBe(true);
    expect(collectorsNeedTree('test/app.spec.ts', SPEC)).toBe(false);
    expect(collectorsNeedTree('src/orders/orders.test.ts', SPEC)).toBe(false);
    expect(collectorsNeedTree('test/app.spec.js', `const app = require('fastify')();\n${SPEC}`)).toBe(true);
    expect(collectorsNeedTree('test/legacy.spec.ts', 'export = helper;')).toBe(true);
  });

  it('gives a test file no routes, entities or composition, walked or not, and the same imports either way', () => {
    const fast = analyzeSource('test/app.spec.ts', SPEC, RULES);
    const walked = analyzeSource('test/app.spec.ts', SPEC, RULES, { forceTree: true });
    expect(fast).toEqual(walked);
    expect(fast.facts).toMatchObject({ routes: 0, entities: 0 });
    expect(fast.imports.map((entry) => entry.specifier)).toEqual(['fastify', './seed.js']);
    expect(analyzeSource('src/app.ts', SPEC, RULES).facts).toMatchObject({ routes: 1, entities: 2 });
    expect(analyzeSource('test/wiring.spec.ts', WIRING, RULES).facts.composition).toBeUndefined();
    expect(analyzeSource('src/orders/wiring.ts', WIRING, RULES).facts.composition).toBe(true);
  });
});
