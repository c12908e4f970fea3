/**
 * The HTML report in a real browser: Debian's chromium driven by playwright-core. Reports are written
 * by the built CLI (`npm run build` first) from fixture apps and opened from file://, as a user would.
 * Screenshots go to .tmp/browser/ (gitignored). Run with `npm run test:browser`; part of test:services.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyze, htmlReporter, type AnalysisResult } from '@strata/core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const cli = path.join(repo, 'packages/cli/bin/strata.js');
const screenshots = path.join(repo, '.tmp/browser');
const tangledApp = path.join(here, 'fixtures/express-orders-tangled');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2 A and AA rules (contrast, names, roles, labels, keyboard), run in the page: each violation and where. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')))",
  );
}

let browser: Browser;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'strata-browser-'));
  mkdirSync(screenshots, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs the real CLI and returns the report it wrote; exit 1 (findings) is a normal outcome for a review, a crash is not. */
function strata(args: string[], output: string): string {
  try {
    execFileSync(process.execPath, [cli, ...args, '--output', output, '--no-cache', '--quiet'], { cwd: repo, stdio: 'pipe' });
  } catch (error) {
    const { status, stderr } = error as { status?: number; stderr?: Buffer };
    if (status !== 1 || !existsSync(output)) throw new Error(`strata ${args.join(' ')} exited with ${status} and wrote no report: ${stderr?.toString().slice(0, 1000)}`);
  }
  return output;
}

/** The part of SVGPathElement the tests use (they are type-checked without the DOM library). */
interface SvgPath {
  getTotalLength(): number;
  getPointAtLength(length: number): { x: number; y: number };
  getScreenCTM(): { a: number; d: number; e: number; f: number };
}

interface OpenedPage {
  page: Page;
  /** Console errors and uncaught exceptions, in order. */
  errors: string[];
  /** Every URL the page asked for: only the report itself is allowed. */
  requests: string[];
}

async function open(file: string): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('html[data-ready="true"]');
  return { page, errors, requests };
}

describe('review --format html of an app with a layer violation and an import cycle', () => {
  let opened: OpenedPage;
  beforeAll(async () => {
    opened = await open(strata(['review', tangledApp, '--format', 'html'], path.join(scratch, 'orders.html')));
  });
  afterAll(async () => {
    await opened.page.screenshot({ path: path.join(screenshots, 'orders-review.png'), fullPage: true });
    await opened.page.close();
  });

  it('opens offline from file:// and loads nothing else', () => {
    expect(opened.requests).toHaveLength(1);
    expect(opened.requests[0]).toMatch(/^file:\/\//);
  });

  it('filters findings by severity, then by path', async () => {
    const { page } = opened;
    await expect.poll(() => page.locator('#findings [role=status]').textContent()).toBe('Showing 4 of 4 findings');
    await page.selectOption('#filter-severity', 'warn');
    expect(await page.locator('#findings [role=status]').textContent()).toBe('Showing 1 of 1 finding (filtered from 4)');
    expect(await page.locator('li.finding .mono').first().textContent()).toBe('no-circular');
    await page.selectOption('#filter-severity', '');
    await page.fill('#filter-path', 'src/domain/order');
    expect(await page.locator('li.finding').count()).toBe(2);
    await page.selectOption('#filter-rule', 'layer-direction');
    expect(await page.locator('li.finding').count()).toBe(1);
    await page.click('text=Clear filters');
    expect(await page.locator('li.finding').count()).toBe(4);
  });

  it('opens a finding: why, fix, rule page, the code around the line', async () => {
    const { page } = opened;
    const item = page.locator('li.finding', { hasText: 'src/domain/order.ts:2:1' });
    await item.locator('button.finding-head').click();
    expect(await item.locator('button.finding-head').getAttribute('aria-expanded')).toBe('true');
    const body = item.locator('.finding-body');
    expect(await body.isVisible()).toBe(true);
    expect(await body.textContent()).toContain('Why it matters');
    expect(await body.locator('pre.excerpt .hit').textContent()).toBe("2import { saveOrder } from '../infrastructure/order-repository.js';");
    expect(await body.locator('a').getAttribute('href')).toMatch(/docs\/rules\/layer-direction\.md$/);
  });

  it('lists the imports behind the red arrow of the layer diagram', async () => {
    const { page } = opened;
    expect(await page.locator('#layers .flow.violation').count()).toBe(2);
    const arrow = page.locator('#layers .flow[aria-label^="domain to infrastructure"]');
    expect(await arrow.getAttribute('aria-label')).toBe('domain to infrastructure: 1 import, not allowed');
    await arrow.click();
    expect(await page.locator('#flow-panel h3').textContent()).toBe('domain → infrastructure (not allowed)');
    expect(await page.locator('#flow-panel li').allTextContents()).toEqual(['src/domain/order.ts:2 → src/infrastructure/order-repository.ts']);
  });

  it('reaches an arrow from the keyboard', async () => {
    const { page } = opened;
    await page.locator('#layers .flow').first().focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#flow-panel h3').textContent()).toBe('interfaces → application');
  });

  it('shows the cycle with the import to cut (the one against the layers), and finds it in the module graph', async () => {
    const { page } = opened;
    const tangle = page.locator('#cycles .tangle');
    expect(await tangle.locator('h3').textContent()).toBe('Cycle of 3 modules');
    expect(await tangle.locator('.arrow.break').count()).toBe(1);
    expect(await tangle.locator('li').allTextContents()).toEqual(['✂ src/domain/loyalty.ts:1 → src/application/pricing.ts']);
    await tangle.locator('button', { hasText: 'Show in the module graph' }).click();
    const lit = await page.locator('#modules .node.lit').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-key')));
    expect(lit).toHaveLength(3);
    expect(await page.locator('#modules .edge.break').count()).toBe(1);
    // The dashed arrow is the import to remove; selecting it lists that import.
    const hit = page.locator('#modules .edge.break + .edge-hit');
    await hit.scrollIntoViewIfNeeded();
    // A click on the curve itself, at a point no box covers (the middle of its bounding box may be off the stroke).
    const point = await hit.evaluate((element: unknown) => {
      const path = element as SvgPath;
      const { document } = globalThis as unknown as { document: { elementFromPoint(x: number, y: number): unknown } };
      const toScreen = path.getScreenCTM();
      for (const fraction of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
        const at = path.getPointAtLength(path.getTotalLength() * fraction);
        const screen = { x: at.x * toScreen.a + toScreen.e, y: at.y * toScreen.d + toScreen.f };
        if (document.elementFromPoint(screen.x, screen.y) === element) return screen;
      }
      return null;
    });
    expect(point).not.toBeNull();
    await page.mouse.click(point!.x, point!.y);
    expect(await page.locator('#module-panel li').allTextContents()).toEqual(['src/domain/loyalty.ts:1 → src/application/pricing.ts  ✂ break here']);
  });

  it('searches the module graph and shows a file with its imports', async () => {
    const { page } = opened;
    await page.fill('#module-search', 'loyalty');
    await page.locator('ul.matches button', { hasText: 'src/domain/loyalty.ts' }).click();
    expect(await page.locator('#module-panel h3').first().textContent()).toBe('src/domain/loyalty.ts');
    expect(await page.locator('#module-panel li').allTextContents()).toEqual([
      'src/domain/loyalty.ts:1 → src/application/pricing.ts',
      'src/application/discounts.ts:1 → src/domain/loyalty.ts',
    ]);
  });

  it('groups the files outside every layer by folder', async () => {
    // Whether src/lib/ counts as the shared layer is the engine's call; src/scripts/ is in no layer either way.
    expect(await opened.page.locator('#unlayered summary').allTextContents()).toContain('src/scripts/ (1)');
  });

  it('passes the WCAG 2 A and AA checks of axe-core, with a finding, an arrow and a module selected', async () => {
    expect(await accessibilityViolations(opened.page)).toEqual([]);
  });

  it('prints without the controls and with every finding open', async () => {
    const { page } = opened;
    await page.emulateMedia({ media: 'print' });
    // What the browser does before printing (emulateMedia alone does not fire it); a string, as these tests have no DOM types.
    await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
    expect(await page.locator('nav.sections').isVisible()).toBe(false);
    expect(await page.locator('#findings .toolbar').isVisible()).toBe(false);
    expect(await page.locator('.finding-body').evaluateAll((bodies) => bodies.every((body) => body.textContent!.includes('How to fix it')))).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('logged no error on the console', () => {
    expect(opened.errors).toEqual([]);
  });
});

describe('a report with routes and traces', () => {
  let opened: OpenedPage;
  beforeAll(async () => {
    // The HTTP model and data flow fill these; until every rule emits them, the test adds them to a real analysis.
    const analysed = await analyze({ root: tangledApp, cache: false });
    const result: AnalysisResult = {
      ...analysed,
      routes: [
        { method: 'post', path: '/orders', handler: 'ordersRouter.post', file: 'src/interfaces/http/orders-routes.ts', line: 9, middleware: [], validation: 'zod', auth: null },
        { method: 'get', path: '/orders/:id', handler: '<anonymous>', file: 'src/interfaces/http/orders-routes.ts', line: 14, middleware: ['requireUser'], validation: null, auth: 'jwt' },
      ],
      findings: [
        // The shape no-circular gives a tangle of ten or more modules: its members and ranked cuts.
        ...analysed.findings.map((finding) => {
          const cycle = finding.data?.cycle as string[] | undefined;
          if (finding.ruleId !== 'no-circular' || !cycle) return finding;
          return { ...finding, data: { cycle, tangle: { modules: 3, share: 0.3, members: cycle.slice(1), cut: [{ from: cycle[1]!, to: cycle[2]!, leaves: 0 }] } } };
        }),
        {
          ruleId: 'raw-sql-from-request',
          category: 'security',
          severity: 'error',
          file: 'src/infrastructure/order-repository.ts',
          line: 5,
          column: 3,
          message: 'The request body reaches a SQL query',
          why: 'A query built from request input lets the caller rewrite it.',
          fix: 'Pass request values as query parameters.',
          fingerprint: 'trace-fixture',
          route: 'POST /orders',
          trace: [
            { file: 'src/interfaces/http/orders-routes.ts', line: 10, column: 17, message: 'reads req.body' },
            { file: 'src/application/place-order.ts', line: 4, column: 1, message: 'calls placeOrder' },
            { file: 'src/infrastructure/order-repository.ts', line: 5, column: 3, message: 'pool.query' },
          ],
        },
      ],
    };
    const report = path.join(scratch, 'routes.html');
    writeFileSync(report, htmlReporter(result, { readSource: (file) => readFileSync(path.join(tangledApp, file), 'utf8') }));
    opened = await open(report);
  });
  afterAll(async () => {
    await opened.page.screenshot({ path: path.join(screenshots, 'routes-and-trace.png'), fullPage: true });
    await opened.page.close();
  });

  it('tables the routes and jumps from a route to its findings', async () => {
    const { page } = opened;
    expect(await page.locator('#routes tbody tr').count()).toBe(2);
    expect(await page.locator('#routes tbody tr').nth(1).locator('td').nth(3).textContent()).toBe('none seen');
    await page.click('button[aria-label="1 finding on POST /orders"]');
    expect(await page.inputValue('#filter-route')).toBe('POST /orders');
    expect(await page.locator('li.finding').count()).toBe(1);
  });

  it('draws the trace as numbered steps with the code of each', async () => {
    const { page } = opened;
    await page.locator('li.finding button.finding-head').click();
    const steps = page.locator('ol.trace li');
    expect(await steps.count()).toBe(3);
    expect(await steps.nth(0).textContent()).toBe('src/interfaces/http/orders-routes.ts:10:17 reads req.bodyconst input = body.parse(req.body);');
    expect(await steps.nth(2).locator('code').textContent()).toBe("await pool.query('insert into orders (id, total) values ($1, $2)', [order.id, order.total]);");
  });

  it("lists a tangle's cuts from the finding's data", async () => {
    const cuts = await opened.page.locator('#cycles li').allTextContents();
    expect(cuts).toEqual(['✂ src/domain/loyalty.ts:1 → src/application/pricing.ts (no cycle left)']);
    expect(await opened.page.locator('#cycles h3').textContent()).toBe('Cycle of 3 modules');
  });

  it('logged no error on the console', () => {
    expect(opened.errors).toEqual([]);
  });
});

describe('reports of the reference service', () => {
  it('review and graph pages of examples/conduit load without errors', async () => {
    const review = strata(['review', path.join(repo, 'examples/conduit'), '--format', 'html'], path.join(scratch, 'conduit.html'));
    const graph = strata(['graph', path.join(repo, 'examples/conduit'), '--format', 'html', '--level', 'module'], path.join(scratch, 'conduit-graph.html'));
    for (const [file, shot] of [[review, 'conduit-review.png'], [graph, 'conduit-graph.png']] as const) {
      const { page, errors, requests } = await open(file);
      expect(await page.locator('#layers .lane').count()).toBeGreaterThan(3);
      expect(await page.locator('#modules .node').count()).toBeGreaterThan(10);
      // A folder opens in place: the node is replaced by its contents.
      const folder = page.locator('#modules .node.folder').first();
      const key = await folder.getAttribute('data-key');
      await folder.click();
      expect(await page.locator(`#modules .node[data-key="${key}"]`).count()).toBe(0);
      await page.screenshot({ path: path.join(screenshots, shot), fullPage: true });
      expect(errors).toEqual([]);
      expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
      await page.close();
    }
  });
});
