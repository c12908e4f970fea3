import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { makeRepo } from './helpers/temp-repo.js';

const manifest = (name: string, fields: Record<string, unknown> = {}): string => JSON.stringify({ name, version: '1.0.0', ...fields });

/** A monorepo of one backend and the front-ends teams keep beside it; every front-end file holds something a rule would report. */
function monorepo(): string {
  return makeRepo({
    'package.json': manifest('shop', { private: true, workspaces: ['apps/*', 'libs/*'] }),
    'apps/api/package.json': manifest('@shop/api', { dependencies: { express: '^4.19.2' } }),
    'apps/api/src/domain/order.ts': 'export class Order { constructor(readonly id: string) {} }\n',
    'apps/api/src/app.ts': "import express from 'express';\nimport { Order } from './domain/order.js';\nexport const app = express();\nexport const first = new Order('1');\n",
    // A React app whose dev server proxies to a mock API: express as a devDependency does not make it a backend.
    'apps/web/package.json': manifest('@shop/web', { dependencies: { react: '^18.3.0' }, devDependencies: { express: '^4.19.2' } }),
    'apps/web/src/services/api.ts': "import { Cart } from '../domain/cart';\nexport const load = () => new Cart();\n",
    'apps/web/src/domain/cart.ts': "import { load } from '../services/api';\nexport class Cart { reload = load; }\n",
    'apps/web/src/broken.tsx': 'export const A = () => <div>{</div>;\n',
    // A component library that declares React only for its own development, with a Storybook folder.
    'libs/ui/package.json': manifest('@shop/ui', { devDependencies: { react: '^18.3.0' } }),
    'libs/ui/.storybook/main.ts': 'export default { stories: [] };\n',
    'libs/ui/src/button.tsx': "import { missing } from './nowhere';\nexport const Button = () => <button>{missing}</button>;\n",
    // No manifest dependency at all, but a Vite config at its root.
    'apps/admin/package.json': manifest('@shop/admin'),
    'apps/admin/vite.config.ts': 'export default {};\n',
    'apps/admin/src/main.ts': "import { gone } from './gone';\nexport const start = gone;\n",
  });
}

describe('review scope', () => {
  it('names front-end apps and UI libraries with the evidence, and reviews none of their files', async () => {
    const result = await analyze({ root: monorepo(), cache: false });
    expect(result.context.frontends.map(({ folder, reason }) => `${folder}: ${reason}`)).toEqual([
      'apps/admin: has vite.config.ts',
      'apps/web: depends on react',
      'libs/ui: has .storybook',
    ]);
    expect(result.findings.filter((finding) => !finding.file.startsWith('apps/api/'))).toEqual([]);
    expect(result.graph.modules.filter((node) => node.kind === 'source').map((node) => node.id)).toEqual(['apps/api/src/app.ts', 'apps/api/src/domain/order.ts']);
  });

  it('lets the config override the evidence both ways', async () => {
    const root = monorepo();
    const result = await analyze({
      root,
      cache: false,
      config: { profile: 'recommended', failOn: 'error', ignore: [], rules: {}, ruleOptions: {}, layers: {}, scope: { backend: ['apps/web'], frontend: ['apps/api'] } },
    });
    expect(result.context.frontends.map(({ folder }) => folder)).toEqual(['apps/admin', 'apps/api', 'libs/ui']);
    expect(result.context.frontends.find(({ folder }) => folder === 'apps/api')?.reason).toBe('front-end by configuration (scope.frontend)');
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.file}`)).toContain('no-circular apps/web/src/domain/cart.ts');
  });

  it('treats a React app in public/app with its own package.json inside an Express app as a front-end', async () => {
    const root = makeRepo({
      'package.json': manifest('forum', { dependencies: { express: '^4.19.2' } }),
      'src/index.ts': "import express from 'express';\nexport const app = express();\n",
      'public/app/package.json': manifest('forum-client', { dependencies: { react: '^16.14.0', 'react-dom': '^16.14.0' } }),
      'public/app/src/App.js': 'export const App = () => <main />;\n',
    });
    const result = await analyze({ root, cache: false });
    expect(result.context.frontends).toEqual([{ folder: 'public/app', reason: 'depends on react', files: 1 }]);
    expect(result.stats.files).toBe(1);
  });

  it('treats scripts under public/ as served to browsers, and a package built on a front-end package as front-end too', async () => {
    const root = makeRepo({
      'package.json': manifest('notify', { private: true, workspaces: ['apps/*', 'libs/*'] }),
      'apps/api/package.json': manifest('@notify/api', { dependencies: { express: '^4.19.2' } }),
      'apps/api/src/server.ts': "import express from 'express';\nexport const app = express();\napp.use(express.static('public'));\n",
      'apps/api/public/js/main.js': "$(document).ready(() => { $('#menu').toggle(); });\n",
      'libs/widget/package.json': manifest('@notify/widget', { dependencies: { react: '^18.3.0' } }),
      'libs/widget/src/index.tsx': 'export const Bell = () => <button />;\n',
      // An embed script: no UI framework of its own, but built on the widget.
      'libs/embed/package.json': manifest('@notify/embed', { dependencies: { '@notify/widget': '*', 'iframe-resizer': '^4.3.0' } }),
      'libs/embed/src/embed.ts': "import { Bell } from '@notify/widget';\nexport const mount = () => Bell;\n",
    });
    const result = await analyze({ root, cache: false });
    expect(result.context.frontends.map(({ folder, reason }) => `${folder}: ${reason}`)).toEqual([
      'apps/api/public: static assets served to browsers (public/)',
      'libs/embed: depends on @notify/widget, a front-end package of this repository',
      'libs/widget: depends on react',
    ]);
    expect(result.graph.modules.filter((node) => node.kind === 'source').map((node) => node.id)).toEqual(['apps/api/src/server.ts']);
  });

  it('reviews a backend package nested inside a front-end folder, and does not take a terminal UI (Ink) for a front-end', async () => {
    const root = makeRepo({
      // A code generator: React renders its terminal prompts through Ink.
      'package.json': manifest('generator', { dependencies: { ink: '^4.4.1', react: '^18.3.0' } }),
      'src/cli.tsx': "import { render } from 'ink';\nexport const run = () => render(null);\n",
      'site/package.json': manifest('docs-site', { dependencies: { react: '^18.3.0', '@docusaurus/core': '^3.0.0' } }),
      'site/src/page.tsx': 'export const Page = () => <main />;\n',
      // The service template the generator copies: a backend of its own, inside the front-end's folder.
      'site/templates/order-service/package.json': manifest('order-service', { dependencies: { express: '^4.19.2' } }),
      'site/templates/order-service/app.ts': "import express from 'express';\nexport const app = express();\n",
    });
    const result = await analyze({ root, cache: false });
    expect(result.context.frontends).toEqual([{ folder: 'site', reason: 'depends on react', files: 1 }]);
    expect(result.graph.modules.filter((node) => node.kind === 'source').map((node) => node.id)).toEqual(['site/templates/order-service/app.ts', 'src/cli.tsx']);
  });

  it('leaves out what the owning tsconfig excludes: a snippet that does not parse there is not a finding', async () => {
    const root = makeRepo({
      'package.json': manifest('training', { dependencies: { express: '^4.19.2' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, exclude: ['node_modules', 'data/static/codefixes/**'] }),
      'server.ts': "import express from 'express';\nexport const app = express();\n",
      'data/static/codefixes/loginChallenge_1.ts': 'router.post(/login, (req, res) => {\n  models.sequelize.query(`SELECT`\n',
      'data/static/codefixes/loginChallenge_2_correct.ts': 'router.post(/login, (req, res) => {\n',
      'data/seed.ts': 'export const users = [];\n',
    });
    const result = await analyze({ root, cache: false });
    expect(result.findings.filter((finding) => finding.ruleId === 'parse-error')).toEqual([]);
    expect(result.context.excluded).toEqual([{ folder: 'data/static/codefixes', reason: 'excluded by tsconfig.json ("data/static/codefixes/**")', files: 2 }]);
    expect(result.stats.files).toBe(2);
  });
});
