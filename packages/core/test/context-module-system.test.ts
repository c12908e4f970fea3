import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { makeRepo } from './helpers/temp-repo.js';

const moduleSystemOf = async (files: Record<string, string>) => (await analyze({ root: makeRepo(files), cache: false })).context.moduleSystem;
/** A TypeScript service written with `import`: its sources' syntax alone says ES modules. */
const esmSources = {
  'src/main.ts': "import { app } from './app.js';\napp();\n",
  'src/app.ts': 'export const app = () => 1;\n',
};

describe('context: the module system as compiled, not as written', () => {
  it('is the format tsup emits: a format option, a --format flag, or CommonJS by default', async () => {
    expect(
      await moduleSystemOf({
        ...esmSources,
        'package.json': JSON.stringify({ name: 'api', type: 'module', scripts: { build: 'tsup' } }),
        'tsconfig.json': '{ "compilerOptions": { "module": "esnext" } }',
        'tsup.config.ts': "import { defineConfig } from 'tsup';\nexport default defineConfig({ entry: ['src/main.ts'], format: ['cjs'] });\n",
      }),
    ).toBe('commonjs');
    expect(await moduleSystemOf({ ...esmSources, 'package.json': JSON.stringify({ name: 'api', scripts: { build: 'tsup src/main.ts --clean' } }) })).toBe('commonjs');
    expect(await moduleSystemOf({ ...esmSources, 'package.json': JSON.stringify({ name: 'api', scripts: { build: 'tsup src/main.ts --format esm' } }) })).toBe('esm');
  });

  it('is the format esbuild emits, from a script or a build file that drives it', async () => {
    expect(
      await moduleSystemOf({ ...esmSources, 'package.json': JSON.stringify({ name: 'api', scripts: { build: 'esbuild src/main.ts --bundle --platform=node --outdir=dist' } }) }),
    ).toBe('commonjs');
    expect(
      await moduleSystemOf({
        ...esmSources,
        'package.json': JSON.stringify({ name: 'api' }),
        'tsconfig.json': '{ "compilerOptions": { "module": "commonjs" } }',
        'scripts/build.mjs': "import { build } from 'esbuild';\nawait build({ entryPoints: ['src/main.ts'], bundle: true, platform: 'node', format: 'esm' });\n",
      }),
    ).toBe('esm');
  });

  it("is the format of an Nx project's esbuild executor, whatever the root tsconfig says", async () => {
    const nx = (format: string[] | undefined) =>
      JSON.stringify({ name: 'api', targets: { build: { executor: '@nx/esbuild:esbuild', options: { platform: 'node', main: 'src/main.ts', ...(format ? { format } : {}) } } } });
    const files = { ...esmSources, 'package.json': JSON.stringify({ name: 'api' }), 'tsconfig.json': '{ "compilerOptions": { "module": "esnext" } }' };
    expect(await moduleSystemOf({ ...files, 'project.json': nx(['cjs']) })).toBe('commonjs');
    expect(await moduleSystemOf({ ...files, 'tsconfig.json': '{ "compilerOptions": { "module": "commonjs" } }', 'project.json': nx(undefined) })).toBe('esm');
  });

  it('is CommonJS when webpack builds for node, whatever the tsconfig says', async () => {
    expect(
      await moduleSystemOf({
        ...esmSources,
        'package.json': JSON.stringify({ name: 'api' }),
        'tsconfig.json': '{ "compilerOptions": { "module": "preserve" } }',
        'apps/api/webpack.config.js': "module.exports = { target: 'node', entry: './src/main.ts' };\n",
      }),
    ).toBe('commonjs');
  });

  it('leaves a dual build to the next evidence: TypeScript compiling import to CommonJS', async () => {
    expect(
      await moduleSystemOf({
        ...esmSources,
        'package.json': JSON.stringify({ name: 'lib', scripts: { build: 'tsup src/main.ts --format cjs,esm' } }),
        'tsconfig.json': '{ "compilerOptions": { "module": "commonjs" } }',
      }),
    ).toBe('commonjs');
  });

  it('follows tsconfig extends into an installed shared base, and nodenext into the package type', async () => {
    const base = { 'node_modules/@tsconfig/node20/tsconfig.json': '{ "compilerOptions": { "module": "nodenext", "strict": true } }' };
    expect(
      await moduleSystemOf({ ...esmSources, ...base, 'package.json': JSON.stringify({ name: 'api' }), 'tsconfig.json': '{ "extends": "@tsconfig/node20/tsconfig.json" }' }),
    ).toBe('commonjs');
    expect(
      await moduleSystemOf({ ...esmSources, ...base, 'package.json': JSON.stringify({ name: 'api', type: 'module' }), 'tsconfig.json': '{ "extends": ["@tsconfig/node20"] }' }),
    ).toBe('esm');
  });

  it("reads the backend's tsconfig, not a front-end's, in a monorepo with no root tsconfig", async () => {
    const { context } = await analyze({
      root: makeRepo({
        'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }),
        'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { fastify: '^5' } }),
        'apps/api/tsconfig.json': '{ "compilerOptions": { "module": "commonjs", "strict": true } }',
        'apps/api/src/main.ts': "import { app } from './app.js';\napp();\n",
        'apps/api/src/app.ts': 'export const app = () => 1;\n',
        'apps/admin/package.json': JSON.stringify({ name: 'admin', dependencies: { react: '^19' } }),
        'apps/admin/tsconfig.json': '{ "compilerOptions": { "module": "esnext", "strict": false } }',
        'apps/admin/src/main.ts': 'export const main = 1;\n',
      }),
      cache: false,
    });
    expect(context.frontends).toEqual([expect.objectContaining({ folder: 'apps/admin' })]);
    expect(context.typescript).toEqual({ used: true, strict: true });
    expect(context.moduleSystem).toBe('commonjs');
  });
});
