import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium package (apt-get install chromium); .ci/run installs it. */
export const CHROMIUM = '/usr/bin/chromium';

/** A reason to skip browser tests, or false when Chromium is there. */
export const chromiumMissing: string | false = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium) to run the report's browser test`;

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
}

/** What a loaded report page did and showed, gathered from the browser itself. */
export interface LoadedReport {
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
  /** every URL the page asked for, the page itself included */
  requests: string[];
}

export async function openReport(browser: Browser, htmlPath: string): Promise<LoadedReport> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const loaded: LoadedReport = { page, consoleErrors: [], pageErrors: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') loaded.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => loaded.pageErrors.push(e.message));
  page.on('request', (r) => loaded.requests.push(r.url()));
  await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
  return loaded;
}

/** Per canvas: its chart id, whether Chart.js holds a chart for it, and how many pixels carry colour. */
export interface CanvasInk {
  id: string;
  hasChart: boolean;
  width: number;
  height: number;
  /** pixels whose channels differ by more than 40: data marks, not the grey axes, grid or text */
  colouredPixels: number;
}

export async function canvasInk(page: Page): Promise<CanvasInk[]> {
  return page.evaluate(() => {
    const chartApi = (window as unknown as { Chart?: { getChart(c: HTMLCanvasElement): unknown } }).Chart;
    return [...document.querySelectorAll('canvas')].map((canvas) => {
      const ctx = canvas.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) {
        const r = data[i]!,
          g = data[i + 1]!,
          b = data[i + 2]!,
          a = data[i + 3]!;
        if (a > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
      }
      return {
        id: canvas.id,
        hasChart: chartApi?.getChart(canvas) !== undefined,
        width: canvas.width,
        height: canvas.height,
        colouredPixels: coloured,
      };
    });
  });
}
