import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { formatGraph } from '../src/graph/format.js';
import { buildGraphView } from '../src/graph/view.js';
import type { ReportData } from '../src/reporters/html/data.js';
import { htmlReporter } from '../src/reporters/html/index.js';
import type { AnalysisResult, Finding } from '../src/types.js';
import { makeRepo } from './helpers/temp-repo.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The JSON the page embeds for its script, read back the way the browser does. */
function embeddedData(html: string): ReportData {
  const match = /<script type="application\/json" id="strata-data">([\s\S]*?)<\/script>/.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]!) as ReportData;
}

function readerOf(root: string): (file: string) => string | undefined {
  return (file) => {
    try {
      return readFileSync(path.join(root, file), 'utf8');
    } catch {
      return undefined;
    }
  };
}

const ORDERS_APP = {
  'package.json': '{"name":"orders","type":"module","dependencies":{"express":"^5.1.0","pg":"^8.0.0"}}',
  'src/domain/order.ts': "import { save } from '../infrastructure/order-repository.js';\nexport class Order { persist() { return save(this); } }\n",
  'src/infrastructure/order-repository.ts': "import type { Order } from '../domain/order.js';\nexport async function save(order: Order) { return order; }\n",
  'src/application/pricing.ts': "import { discountFor } from './discounts.js';\nexport const priceOf = (n: number) => n - discountFor(n);\n",
  'src/application/discounts.ts': "import { priceOf } from './pricing.js';\nexport const discountFor = (n: number) => (n > 1000 ? priceOf(1) : 0);\n",
  'src/interfaces/http/routes.ts': "import { Router } from 'express';\nimport { priceOf } from '../../application/pricing.js';\nexport const router = Router();\nrouter.get('/price', (req, res) => { res.json(priceOf(Number(req.query.n))); });\n",
  'src/scripts/seed.ts': 'export const seeded = true;\n',
};

describe('html reporter on an analysed app', () => {
  let root: string;
  let result: AnalysisResult;
  let html: string;
  let data: ReportData;
  beforeAll(async () => {
    root = makeRepo(ORDERS_APP);
    result = await analyze({ root, cache: false });
    html = htmlReporter(result, { readSource: readerOf(root) });
    data = embeddedData(html);
  });

  it('is one self-contained page: no external script, style, font, image or fetch', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/@import|@font-face|url\(\s*['"]?https?:/i);
    // The one absolute URL is the SVG namespace, an identifier the browser never fetches.
    expect(html.match(/https?:\/\/[^'"\s)]+/g)?.filter((url) => url !== 'http://www.w3.org/2000/svg') ?? []).toEqual([]);
    expect(html).toContain("default-src 'none'");
  });

  it('shows context and scorecard as markup, and embeds every finding with its code excerpt', () => {
    expect(html).toContain('<th scope="row">Framework</th><td>Express</td>');
    expect(html).toMatch(/<th scope="row">architecture<\/th><td><span class="meter (good|fair|poor)"/);
    const violation = data.findings.find((finding) => data.rules[finding.rule]!.id === 'layer-direction')!;
    expect(violation).toMatchObject({ file: 'src/domain/order.ts', line: 1, severity: 'error' });
    expect(violation.excerpt).toEqual({ start: 1, lines: ORDERS_APP['src/domain/order.ts'].split('\n') });
    expect(data.rules.find((rule) => rule.id === 'layer-direction')).toMatchObject({ doc: 'docs/rules/layer-direction.md', docHref: null, docHtml: null });
  });

  it("embeds the page of each rule it shows, once, when the caller reads them", () => {
    const asked: string[] = [];
    const withDocs = embeddedData(htmlReporter(result, { ruleDoc: (id) => (asked.push(id), `# ${id}\n\nWhat ${id} checks.\n\n## How to fix\n\nDo \`this\`.`) }));
    expect(asked.sort()).toEqual([...new Set(result.findings.map((finding) => finding.ruleId))].sort());
    expect(withDocs.rules.find((rule) => rule.id === 'layer-direction')!.docHtml).toBe('<p>What layer-direction checks.</p>\n<h4>How to fix</h4>\n<p>Do <code>this</code>.</p>');
  });

  it('carries the layer flows, the imports behind them and the files outside every layer', () => {
    expect(data.flows).toContainEqual({ from: 'domain', to: 'infrastructure', count: 1, allowed: false });
    const files = data.fileName.map((name, index) => `${data.folders[data.fileFolder[index]!]}/${name}`);
    const fromDomain = [];
    for (let e = 0; e < data.edges.length; e += 4) {
      if (files[data.edges[e]!] === 'src/domain/order.ts') fromDomain.push([files[data.edges[e + 1]!], data.edges[e + 2], data.kinds[data.edges[e + 3]!]]);
    }
    expect(fromDomain).toEqual([['src/infrastructure/order-repository.ts', 1, 'import']]);
    expect(files.filter((_, index) => data.fileLayer[index] === -1)).toEqual(['src/scripts/seed.ts']);
  });

  it('draws the cycle; with every import inside one layer it names no import to cut', () => {
    const files = data.fileName.map((name, index) => `${data.folders[data.fileFolder[index]!]}/${name}`);
    expect(data.cycles).toHaveLength(1);
    expect(data.cycles[0]!.members.map((file) => files[file]).sort()).toEqual(['src/application/discounts.ts', 'src/application/pricing.ts']);
    expect(data.cycles[0]).toMatchObject({ cuts: [], cutSource: 'none', share: null });
  });

  it("takes a tangle's members and ranked cuts from the no-circular finding's data", () => {
    const cycle = result.graph.cycles[0]!;
    const withTangle: AnalysisResult = {
      ...result,
      findings: result.findings.map((finding) =>
        finding.ruleId === 'no-circular'
          ? { ...finding, data: { cycle, tangle: { modules: 2, share: 0.25, members: [...cycle.slice(1)].sort(), cut: [{ from: cycle[1]!, to: cycle[2]!, leaves: 0 }] } } }
          : finding,
      ),
    };
    const tangleData = embeddedData(htmlReporter(withTangle));
    const files = tangleData.fileName.map((name, index) => `${tangleData.folders[tangleData.fileFolder[index]!]}/${name}`);
    const [entry] = tangleData.cycles;
    expect(entry!.cutSource).toBe('finding');
    expect(entry!.share).toBe(0.25);
    expect(entry!.cuts.map((cut) => [files[cut.from], files[cut.to], cut.leaves])).toEqual([[cycle[1], cycle[2], 0]]);
  });

  it('graph --format html renders the diagrams without the findings, and needs the result', () => {
    const view = buildGraphView(result, { level: 'module' });
    const page = formatGraph(view, 'html', { result, focus: 'src/application' });
    expect(page).toContain('<section id="modules"');
    expect(page).not.toContain('<section id="findings"');
    const graphData = embeddedData(page);
    expect(graphData.fileName.sort()).toEqual(['discounts.ts', 'pricing.ts']);
    expect(graphData.graph).toEqual({ level: 'module', focus: 'src/application' });
    expect(() => formatGraph(view, 'html')).toThrow(/needs the analysis result/);
  });
});

describe('html reporter on a result carrying routes and traces', () => {
  const finding = (overrides: Partial<Finding>): Finding => ({
    ruleId: 'sql-injection',
    category: 'security',
    severity: 'error',
    file: 'src/orders/repository.ts',
    line: 3,
    column: 5,
    message: 'SQL built from request input </script><script>alert(1)</script>',
    why: 'An attacker controls the query.',
    fix: 'Pass the value as a parameter.',
    fingerprint: 'f1',
    ...overrides,
  });
  const sources: Record<string, string> = {
    'src/orders/routes.ts': "router.post('/orders', controller.create);\n",
    'src/orders/controller.ts': 'export const create = (req) => service.create(req.body.id);\n',
    'src/orders/repository.ts': 'export function find(id) {\n  // builds the query\n  return db.query("select * from orders where id = " + id);\n}\n',
  };
  // The context comes from a real analysis so that this result keeps the current shape of the model;
  // findings and routes are what the program models (HTTP model, data flow) will produce.
  let result: AnalysisResult;
  beforeAll(async () => {
    const base = await analyze({ root: makeRepo({ 'package.json': '{"name":"orders","dependencies":{"express":"^5.1.0"}}', 'src/orders/routes.ts': sources['src/orders/routes.ts']! }), cache: false });
    result = {
      ...base,
      root: '/repo',
      findings: [
        finding({
          route: 'POST /orders',
          trace: [
            { file: 'src/orders/routes.ts', line: 1, column: 1, message: 'route POST /orders' },
            { file: 'src/orders/controller.ts', line: 1, column: 31, message: 'calls OrderService.create' },
            { file: 'src/orders/repository.ts', line: 3, column: 5, message: 'concatenates req.body.id into SQL' },
          ],
        }),
        finding({ ruleId: 'missing-validation', severity: 'warn', category: 'validation-errors', line: 1, route: 'GET /orders/:id', message: 'No validation', why: 'w', fix: 'f', fingerprint: 'f2' }),
      ],
      routes: [
        { method: 'post', path: '/orders', handler: 'OrdersController.create', file: 'src/orders/routes.ts', line: 1, middleware: ['auth'], validation: null, auth: 'jwt' },
        { method: 'get', path: '/orders/:id', handler: '<anonymous>', file: 'src/orders/routes.ts', line: 2, middleware: [], validation: 'zod', auth: null },
      ],
    };
  });

  it('embeds the routes and each trace step with the code on its line', () => {
    const html = htmlReporter(result, { readSource: (file) => sources[file], docsBase: '../docs/rules/' });
    const data = embeddedData(html);
    expect(html).toContain('<section id="routes"');
    expect(data.routes).toEqual(result.routes);
    expect(data.findings[0]!.route).toBe('POST /orders');
    expect(data.findings[0]!.trace).toEqual([
      { file: 'src/orders/routes.ts', line: 1, column: 1, message: 'route POST /orders', code: "router.post('/orders', controller.create);" },
      { file: 'src/orders/controller.ts', line: 1, column: 31, message: 'calls OrderService.create', code: 'export const create = (req) => service.create(req.body.id);' },
      { file: 'src/orders/repository.ts', line: 3, column: 5, message: 'concatenates req.body.id into SQL', code: 'return db.query("select * from orders where id = " + id);' },
    ]);
    expect(data.findings[0]!.excerpt).toEqual({ start: 1, lines: sources['src/orders/repository.ts']!.split('\n') });
    expect(data.rules[0]!.docHref).toBe('../docs/rules/sql-injection.md');
  });

  it('cannot be broken out of by text in the data', () => {
    const html = htmlReporter(result, {});
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(embeddedData(html).findings[0]!.message).toBe(result.findings[0]!.message);
  });

  it('leaves the routes section out when the HTTP model did not run', () => {
    const { routes: _routes, ...withoutRoutes } = result;
    expect(htmlReporter(withoutRoutes as AnalysisResult)).not.toContain('<section id="routes"');
  });
});

describe('html reporter on a cycle across layers', () => {
  it('points at the import of the cycle that goes against the layer direction', async () => {
    const root = makeRepo({
      'package.json': '{"name":"orders","type":"module"}',
      'src/domain/order.ts': "import { save } from '../infrastructure/order-repository.js';\nexport class Order { persist() { return save(this); } }\n",
      'src/infrastructure/order-repository.ts': "import { Order } from '../domain/order.js';\nexport const blank = () => new Order();\nexport async function save(order: Order) { return order; }\n",
    });
    const data = embeddedData(htmlReporter(await analyze({ root, cache: false })));
    const files = data.fileName.map((name, index) => `${data.folders[data.fileFolder[index]!]}/${name}`);
    expect(data.cycles).toHaveLength(1);
    expect(data.cycles[0]!.cutSource).toBe('layers');
    expect(data.cycles[0]!.cuts.map((cut) => [files[cut.from], files[cut.to]])).toEqual([['src/domain/order.ts', 'src/infrastructure/order-repository.ts']]);
  });
});

describe('html reporter on a rule fixture', () => {
  it('renders an MVC app whose model imports a controller', async () => {
    const root = path.join(here, '../src/rules/layer-direction/fixtures/express-mvc-model-imports-controller');
    const result = await analyze({ root, cache: false });
    const data = embeddedData(htmlReporter(result, { readSource: readerOf(root) }));
    expect(data.flows.some((flow) => !flow.allowed)).toBe(true);
    const finding = data.findings.find((entry) => data.rules[entry.rule]!.id === 'layer-direction')!;
    expect(finding.excerpt!.lines[finding.line - finding.excerpt!.start]).toBe(readerOf(root)(finding.file)!.split('\n')[finding.line - 1]);
  });
});
