import { it } from 'vitest';
import { analyze } from '../../analyze.js';
import { makeRepo } from '../../../test/helpers/temp-repo.js';

const nest = '{ "dependencies": { "@nestjs/core": "^11.0.0", "@nestjs/common": "^11.0.0", "typeorm": "^0.3.0" } }';
const cases: Record<string, Record<string, string>> = {
  nestDomainEntity: {
    'package.json': nest,
    'src/orders/domain/order.entity.ts': "import { Entity } from 'typeorm';\n@Entity() export class Order {}\n",
    'src/orders/orders.service.ts': "import { Order } from './domain/order.entity';\nexport class OrdersService { o = Order }\n",
  },
  envVariants: {
    'package.json': '{ "dependencies": { "express": "^5.0.0" } }',
    'src/domain/a.ts': "export const a = process['env'].A;\nconst { env } = process;\nexport const b = env.B;\nexport const c = globalThis.process.env.C;\n",
    'src/application/x.ts': "import { a } from '../domain/a.js';\nexport const x = a;\n",
  },
};
for (const [name, files] of Object.entries(cases)) {
  it(name, async () => {
    const result = await analyze({ root: makeRepo(files), cache: false });
    console.log(name, result.layers.preset, JSON.stringify(result.graph.modules.filter((m) => m.kind === 'source').map((m) => [m.id, m.layer])));
    for (const f of result.findings) console.log('   ', f.ruleId, `${f.file}:${f.line}:${f.column}`, f.message);
  });
}
