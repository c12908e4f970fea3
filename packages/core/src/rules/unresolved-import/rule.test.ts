import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze.js';
import { runFixture } from '../../../test/helpers/rule-fixture.js';
import { makeRepo } from '../../../test/helpers/temp-repo.js';

/** Runs the whole pipeline on a fixture; returns this rule's findings as `file:line:column message` and the resolved edges. */
async function run(scenario: string) {
  const { result, lines } = await runFixture(import.meta.url, 'unresolved-import', scenario);
  return {
    findings: lines,
    edges: result.graph.edges.map((edge) => `${edge.from} -> ${edge.to}`).sort(),
  };
}

describe('unresolved-import', () => {
  it('resolves ./app.js to app.ts under a tsconfig whose extends is not installed, and says once that it could not be loaded (fastify-tsconfig-extends-not-installed)', async () => {
    const { result, lines } = await runFixture(import.meta.url, 'unresolved-import', 'fastify-tsconfig-extends-not-installed');
    expect(result.graph.edges.map((edge) => `${edge.from} -> ${edge.to}`)).toContain('src/server.ts -> src/app.ts');
    expect(lines).toEqual([
      'src/routes/tasks.ts:2:1 Cannot resolve "./helpers.js": no such file.',
      'tsconfig.json:1:1 tsconfig.json could not be loaded (Tsconfig not found fastify-tsconfig): 6 imports were resolved without it, with the TypeScript extension rules still on. Install dependencies so its `extends`, `paths` and `baseUrl` apply.',
    ]);
    expect(result.findings.find((finding) => finding.file === 'tsconfig.json')?.severity).toBe('info');
  });

  it('says which tsconfig extends itself in a loop, in paths relative to the root, and still resolves under it', async () => {
    const root = makeRepo({
      'package.json': '{ "name": "api", "dependencies": { "express": "^4.19.2" } }',
      'tsconfig.json': '{ "extends": "./tsconfig.base.json" }',
      'tsconfig.base.json': '{ "extends": "./tsconfig.json" }',
      'src/app.ts': "import { port } from './config.js';\nexport const app = port;\n",
      'src/config.ts': 'export const port = 3000;\n',
    });
    const result = await analyze({ root, cache: false });
    expect(result.graph.edges.map((edge) => `${edge.from} -> ${edge.to}`)).toEqual(['src/app.ts -> src/config.ts']);
    expect(result.findings.map((finding) => `${finding.severity} ${finding.file} ${finding.message}`)).toEqual([
      'info tsconfig.json tsconfig.json could not be loaded (Tsconfig extends configs circularly: "tsconfig.json" -> "tsconfig.base.json" -> "tsconfig.json"): 1 import was resolved without it, with the TypeScript extension rules still on. Fix it so its `paths` and `baseUrl` apply.',
    ]);
  });

  it('says once, as info, that files .gitignore marks as generated are absent, and still warns of a file that is simply missing (nestjs-gitignored-generated-config)', async () => {
    const { result } = await runFixture(import.meta.url, 'unresolved-import', 'nestjs-gitignored-generated-config');
    const findings = result.findings.filter((finding) => finding.ruleId === 'unresolved-import').map((finding) => `${finding.severity} ${finding.file}:${finding.line} ${finding.message}`);
    expect(findings).toEqual([
      'warn src/users/users.controller.ts:4 Cannot resolve "./profile": no such file.',
      'info src/users/users.controller.ts:2 Generated file absent (build or install first): 2 imports name files that .gitignore or a build folder marks as generated and that are not there yet: src/config.',
    ]);
  });

  it('reports a relative import with a typo (express-broken-relative-import)', async () => {
    const { findings } = await run('express-broken-relative-import');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/controllers/users.controller.ts:2:1 Cannot resolve "../repositories/user-repositry.js": no such file.",
      ]
    `);
  });

  it('reports a require() of a file that does not exist (express-require-missing-file)', async () => {
    const { findings } = await run('express-require-missing-file');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/models/index.js:2:18 Cannot resolve "../config/databse": no such file.",
      ]
    `);
  });

  it('reports a tsconfig paths alias that matches no file, and resolves the one that does (fastify-broken-paths-alias)', async () => {
    const { findings, edges } = await run('fastify-broken-paths-alias');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/routes/admin.ts:3:1 Cannot resolve "@app/plugins/audit-log.js": matches a tsconfig "paths" alias but no file.",
      ]
    `);
    expect(edges).toContain('src/routes/admin.ts -> src/plugins/auth.ts');
  });

  it('reports a Nest DTO import whose file name differs (nestjs-broken-relative-import)', async () => {
    const { findings } = await run('nestjs-broken-relative-import');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toMatchInlineSnapshot(`
      [
        "src/users/users.controller.ts:2:1 Cannot resolve "./dto/create-user.dto": no such file.",
      ]
    `);
  });

  it('stays quiet on packages that are declared but not installed (express-uninstalled-package-valid)', async () => {
    const { findings, edges } = await run('express-uninstalled-package-valid');
    expect(findings).toEqual([]);
    expect(edges).toMatchInlineSnapshot(`
      [
        "src/jobs/charge-customer.ts -> npm:.prisma",
        "src/jobs/charge-customer.ts -> npm:@acme/payments-sdk",
        "src/jobs/charge-customer.ts -> npm:stripe-lite-client",
      ]
    `);
  });

  it('stays quiet on .js specifiers naming .ts sources and on folder index imports (express-js-specifier-to-ts-valid)', async () => {
    const { findings, edges } = await run('express-js-specifier-to-ts-valid');
    expect(findings).toEqual([]);
    expect(edges).toMatchInlineSnapshot(`
      [
        "src/app.ts -> npm:express",
        "src/app.ts -> src/routes/index.ts",
        "src/routes/index.ts -> src/routes/users.routes.ts",
        "src/routes/users.routes.ts -> npm:express",
        "src/routes/users.routes.ts -> src/services/user.service.ts",
      ]
    `);
  });

  it('stays quiet when every tsconfig paths alias resolves (fastify-paths-alias-valid)', async () => {
    const { findings, edges } = await run('fastify-paths-alias-valid');
    expect(findings).toEqual([]);
    expect(edges).toMatchInlineSnapshot(`
      [
        "src/plugins/auth.ts -> npm:fastify",
        "src/routes/admin.ts -> npm:fastify",
        "src/routes/admin.ts -> src/plugins/audit-log.ts",
        "src/routes/admin.ts -> src/plugins/auth.ts",
      ]
    `);
  });

  // A tsconfig `paths` key without `*` ("@app", "db") matches exactly, so packages that merely start
  // with it (@appsignal/nodejs, db-migrate) stay packages when they are not installed.
  it('stays quiet on packages whose names start like an exact tsconfig paths key (express-exact-alias-and-similar-package-valid)', async () => {
    const { findings, edges } = await run('express-exact-alias-and-similar-package-valid');
    expect(edges).toContain('src/monitoring/setup.ts -> src/app.ts');
    expect(edges).toContain('src/app.ts -> src/db/index.ts');
    expect(findings).toEqual([]);
  });

  it('stays quiet on extensionless Nest imports of files and folder barrels (nestjs-extensionless-imports-valid)', async () => {
    const { findings, edges } = await run('nestjs-extensionless-imports-valid');
    expect(findings).toEqual([]);
    expect(edges).toMatchInlineSnapshot(`
      [
        "src/users/dto/index.ts -> src/users/dto/create-user.dto.ts",
        "src/users/users.controller.ts -> npm:@nestjs/common",
        "src/users/users.controller.ts -> src/users/dto/index.ts",
      ]
    `);
  });
});
