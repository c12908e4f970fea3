import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { runFixture } from '../../../test/helpers/rule-fixture.js';
import { makeRepo } from '../../../test/helpers/temp-repo.js';
import { scorecard } from '../../reporters/summary.js';

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

  it('reports a strongly connected component of many modules as one tangle with its size, share, an example cycle and the edges to cut first', async () => {
    // 24 services in a ring, where every fourth one also calls back to the first: one component, 24 of 40 modules.
    const files: Record<string, string> = { 'package.json': '{ "name": "legacy", "dependencies": { "express": "^4.19.2" } }' };
    const ring = 24;
    for (let index = 0; index < ring; index++) {
      const next = (index + 1) % ring;
      const back = index % 4 === 3 ? `import { s0 } from './s0.js';\nexport const b${index} = () => s0;\n` : '';
      files[`src/services/s${index}.js`] = `import { s${next} } from './s${next}.js';\n${back}export const s${index} = () => s${next};\n`;
    }
    for (let index = 0; index < 16; index++) files[`src/utils/u${index}.js`] = `export const u${index} = ${index};\n`;
    const result = await analyze({ root: makeRepo(files), cache: false });
    const findings = result.findings.filter((finding) => finding.ruleId === 'no-circular');
    expect(findings).toHaveLength(1);
    const [tangle] = findings;
    expect(tangle!.message).toMatch(/^Tangle of 24 modules \(60% of the codebase\) that all import each other through cycles; shortest example: src\/services\/s0\.js -> /);
    const data = tangle!.data as { tangle: { modules: number; cut: { from: string; to: string; leaves: number }[] } };
    expect(data.tangle.modules).toBe(24);
    // Every cycle runs through s0 -> s1 -> s2 -> s3 (single imports): one edge there untangles it all.
    expect(data.tangle.cut).toHaveLength(1);
    expect(data.tangle.cut[0]!.leaves).toBe(0);
    expect(['s0.js>s1.js', 's1.js>s2.js', 's2.js>s3.js']).toContain(`${data.tangle.cut[0]!.from.split('/').pop()}>${data.tangle.cut[0]!.to.split('/').pop()}`);
    const architecture = scorecard(result).find((entry) => entry.category === 'architecture')!;
    // One warning alone costs 8 points; a tangle of 60% of the code costs far more.
    expect(architecture.score).toBeLessThan(60);
  });

  it('stays quiet on a cycle made only of test files, which load only under the test runner', async () => {
    const result = await analyze({
      cache: false,
      root: makeRepo({
        'package.json': '{ "name": "api", "dependencies": { "express": "^4.19.2" } }',
        'src/app.ts': 'export const app = {};\n',
        'src/widgets/e2e/get-preference.e2e.ts': "import { seed } from './update-preference.e2e';\nexport const read = () => seed;\n",
        'src/widgets/e2e/update-preference.e2e.ts': "import { read } from './get-preference.e2e';\nexport const seed = () => read;\n",
      }),
    });
    expect(result.graph.cycles).toHaveLength(1);
    expect(result.findings.filter((finding) => finding.ruleId === 'no-circular')).toEqual([]);
  });

  it('makes a cycle of ORM entities referencing each other a notice, and keeps a warning when a service joins it', async () => {
    const entities = {
      'package.json': '{ "name": "api", "dependencies": { "@nestjs/core": "^10.0.0", "typeorm": "^0.3.20" } }',
      'tsconfig.json': '{ "compilerOptions": { "emitDecoratorMetadata": true, "experimentalDecorators": true } }',
      'src/article/article.entity.ts': "import { Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';\nimport { UserEntity } from '../user/user.entity';\n@Entity()\nexport class ArticleEntity {\n  @PrimaryGeneratedColumn() id!: number;\n  @ManyToOne(() => UserEntity, (user) => user.articles) author!: UserEntity;\n}\n",
      'src/user/user.entity.ts': "import { Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';\nimport { ArticleEntity } from '../article/article.entity';\n@Entity()\nexport class UserEntity {\n  @PrimaryGeneratedColumn() id!: number;\n  @OneToMany(() => ArticleEntity, (article) => article.author) articles!: ArticleEntity[];\n}\n",
    };
    const quiet = await analyze({ cache: false, root: makeRepo(entities) });
    const notices = quiet.findings.filter((finding) => finding.ruleId === 'no-circular');
    expect(notices.map((finding) => `${finding.severity} ${finding.message.slice(0, 45)}`)).toEqual(['info Import cycle of 2 ORM entity modules (relatio']);
    const mixed = await analyze({
      cache: false,
      root: makeRepo({
        ...entities,
        'src/user/user.entity.ts': "import { Entity, OneToMany, PrimaryGeneratedColumn } from 'typeorm';\nimport { ArticleEntity } from '../article/article.entity';\nimport { slug } from './user.service';\n@Entity()\nexport class UserEntity {\n  @PrimaryGeneratedColumn() id!: number;\n  @OneToMany(() => ArticleEntity, (article) => article.author) articles!: ArticleEntity[];\n  handle = slug('x');\n}\n",
        'src/user/user.service.ts': "import { UserEntity } from './user.entity';\nexport const slug = (name: string) => name + new UserEntity().id;\n",
      }),
    });
    expect(mixed.findings.filter((finding) => finding.ruleId === 'no-circular').map((finding) => finding.severity)).toEqual(['warn']);
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
