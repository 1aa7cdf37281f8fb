import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeCorpusStats } from '@anneal/stats';
import { writeCorpusReport } from '../src/index.js';
import { canvasInk, chromiumMissing, launchChromium, openReport } from './chromium-report-page.js';
import { HOSTILE_DOMAIN, SCRIPT_PAYLOAD, writeGeneratedRun } from './generated-run.js';

/** Kept after the run (dist/ is not committed) so a person can open the page and the screenshot. */
const OUTPUT_DIR = process.env.ANNEAL_TEST_OUTPUT ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'test-output');

test('the HTML report loads in headless Chromium with no errors or requests, draws every chart, and runs no document text', {
  skip: chromiumMissing,
}, async () => {
  const root = await mkdtemp(join(tmpdir(), 'anneal-report-'));
  const run = await writeGeneratedRun(root);
  const stats = await computeCorpusStats([run.runDir], { samplesPerDomain: 3, sampleSeed: 1 });
  // per-stage shares come from `anneal mix`; a two-stage schedule over the same domains stands in here
  stats.stages = [
    {
      stage: 'broad',
      target_tokens: 100_000,
      tokens: 99_950,
      domains: stats.domains.map((d) => ({
        domain: d.domain,
        tokens: Math.round(100_000 * d.token_share),
        share: d.token_share,
        epochs: 1,
        documents: d.documents,
      })),
    },
    {
      stage: 'anneal',
      target_tokens: 20_000,
      tokens: 20_010,
      domains: stats.domains.map((d, i) => ({
        domain: d.domain,
        tokens: 2_000 * (i + 1),
        share: (i + 1) / ((stats.domains.length * (stats.domains.length + 1)) / 2),
        epochs: 2.5,
        documents: Math.ceil(d.documents / 4),
      })),
    },
  ];
  assert.ok(stats.run, 'the generated run directory has a stats.json');
  assert.ok(stats.before_curation, 'the generated run names its raw inputs in config.yaml');
  assert.ok(
    stats.domains.some((d) => d.domain === HOSTILE_DOMAIN),
    'the hostile domain name survives curation',
  );
  const htmlPath = join(OUTPUT_DIR, 'report.html');
  await mkdir(OUTPUT_DIR, { recursive: true });
  await writeCorpusReport(htmlPath, stats);
  const html = await readFile(htmlPath, 'utf8');
  assert.ok(!html.includes(SCRIPT_PAYLOAD), 'the payload never appears unescaped in the file');

  const browser = await launchChromium();
  try {
    const report = await openReport(browser, htmlPath);
    const { page } = report;
    await page.waitForSelector('body[data-charts-drawn]', { timeout: 20_000 });
    // an <img onerror> fires after a failed load; give any such handler time to run before looking
    await page.waitForTimeout(300);

    assert.deepEqual(report.pageErrors, [], 'no uncaught errors');
    assert.deepEqual(report.consoleErrors, [], 'no console errors (CSP violations included)');
    assert.deepEqual(report.requests, [page.url()], 'the page asks for nothing but itself');

    const ink = await canvasInk(page);
    const expected = ['domain-shares', 'shares-after', 'shares-before', 'drops-per-step', 'dup-count'];
    for (const id of expected)
      assert.ok(
        ink.some((c) => c.id === `chart-${id}`),
        `chart ${id} is on the page`,
      );
    assert.ok(ink.filter((c) => c.id.startsWith('chart-quality-')).length >= 4, 'a quality histogram per scored domain');
    assert.ok(ink.filter((c) => c.id.startsWith('chart-length-')).length >= 4, 'a length histogram per domain');
    for (const c of ink) {
      assert.ok(c.hasChart, `${c.id}: Chart.js drew a chart`);
      assert.ok(c.width > 100 && c.height > 100, `${c.id}: canvas has a size (${c.width}×${c.height})`);
      assert.ok(c.colouredPixels > 200, `${c.id}: data marks drawn (${c.colouredPixels} coloured pixels)`);
    }
    assert.equal(await page.evaluate(() => document.body.dataset.chartsDrawn), String(ink.length));

    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    assert.equal(pwned, undefined, 'document text did not execute');
    const dom = await page.evaluate(() => ({
      images: document.querySelectorAll('img').length,
      scripts: [...document.querySelectorAll('script')].map((s) => s.type || 'classic'),
      texts: [...document.querySelectorAll('pre.doc-text')].map((p) => p.textContent),
      summaries: [...document.querySelectorAll('details.domain-samples summary')].map((s) => s.textContent),
    }));
    assert.equal(dom.images, 0, 'no element was made from document text');
    assert.deepEqual(dom.scripts, ['application/json', 'classic', 'classic'], 'the data element, Chart.js and the page script, nothing else');
    assert.ok(dom.texts.includes(SCRIPT_PAYLOAD), 'the payload is shown, as text');
    assert.ok(
      dom.summaries.some((s) => s?.startsWith(HOSTILE_DOMAIN)),
      'a hostile domain name is shown as text',
    );
    const chartLabels = await page.evaluate(() =>
      JSON.parse(document.getElementById('report-data')!.textContent!).charts[0].series.map((s: { name: string }) => s.name),
    );
    assert.ok(chartLabels.includes(HOSTILE_DOMAIN), 'the chart data round-trips the hostile name through the JSON element');

    await page.screenshot({ path: join(OUTPUT_DIR, 'report.png'), fullPage: true });
    await page.close();

    // the same page without its CSP: escaping alone must keep the payload inert
    const noCspPath = join(OUTPUT_DIR, 'report-without-csp.html');
    await writeFile(noCspPath, html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''));
    const bare = await openReport(browser, noCspPath);
    await bare.page.waitForSelector('body[data-charts-drawn]', { timeout: 20_000 });
    await bare.page.waitForTimeout(300);
    assert.equal(
      await bare.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
      undefined,
      'escaping alone keeps the text inert',
    );
    assert.deepEqual(bare.pageErrors, []);
    assert.deepEqual(bare.consoleErrors, []);
  } finally {
    await browser.close();
  }
  if (process.env.ANNEAL_REPORT_SCREENSHOT) await copyFile(join(OUTPUT_DIR, 'report.png'), process.env.ANNEAL_REPORT_SCREENSHOT);
});
