// The HTML report's figures for the bench: its size (raw and gzipped, what a pull-request attachment
// costs) and how long after opening it from file:// the page is usable in Chromium: the client
// script's `strata-ready` mark (every section built and listening), then the first frame painted
// after it (style, layout and paint of what the script built), which is when a reader sees it.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const CHROMIUM = '/usr/bin/chromium';

async function renderTimes(file, runs) {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return { times: null, note: 'render time not measured: playwright-core is not installed' };
  }
  if (!existsSync(CHROMIUM)) return { times: null, note: `render time not measured: no ${CHROMIUM}` };
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const times = [];
  const errors = [];
  try {
    for (let i = 0; i < runs; i++) {
      // A fresh page each time: nothing parsed or laid out is reused between runs.
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      // Before any script of the page: once the report marks itself ready, wait two animation frames
      // (the second starts after the first was painted) and note the time.
      // (The document has no <html> element yet when this runs: watch the document itself.)
      await page.addInitScript(`new MutationObserver((_, observer) => {
        if (document.documentElement?.getAttribute('data-ready') !== 'true') return;
        observer.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => { window.__strataFirstFrame = performance.now(); }));
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });`);
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('html[data-ready="true"]', { timeout: 60_000 });
      // Polled from outside: the report's Content-Security-Policy forbids the eval waitForFunction needs.
      for (const started = Date.now(); (await page.evaluate('window.__strataFirstFrame')) === undefined; ) {
        if (Date.now() - started > 60_000) throw new Error('the report never painted a frame after strata-ready');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      times.push(await page.evaluate("({ ready: performance.getEntriesByName('strata-ready')[0].startTime, frame: window.__strataFirstFrame })"));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return { times, note: errors.length ? `console errors in the page: ${errors.slice(0, 3).join(' | ')}` : null };
}

/** Writes the review as HTML with a warm cache, then measures the file and the page. */
export async function htmlReportFigures({ strataBin, dir, scratch, cacheDir, runs = 3 }) {
  const file = path.join(scratch, 'report.html');
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [strataBin, 'review', dir, '--format', 'html', '--output', file, '--quiet', '--cache-dir', cacheDir], { encoding: 'utf8' });
  const writeMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0 && child.status !== 1) return { error: `strata review --format html exited with ${child.status}: ${child.stderr.slice(0, 500)}` };
  const bytes = readFileSync(file);
  const { times, note } = await renderTimes(file, runs);
  const modules = Number(/"fileName":\[/.test(bytes) ? JSON.parse(/<script type="application\/json" id="strata-data">([\s\S]*?)<\/script>/.exec(bytes.toString('utf8'))[1]).fileName.length : 0);
  return { bytes: bytes.length, gzipBytes: gzipSync(bytes).length, writeMs, modules, renderMs: times?.map((t) => t.frame) ?? null, readyMs: times?.map((t) => t.ready) ?? null, note };
}
