import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeLoadFolders, searchLoad } from '../reports/load/testing.js';

/**
 * A load test's report as a person sees it: a short saturation search's report opened in
 * headless Chromium, with a full-page screenshot kept under `e2e/artifacts/` for a look.
 */

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const FIGURES = [
  'chart-saturation-rate',
  'chart-saturation-latency',
  'chart-rate',
  'chart-latency-time',
  'chart-latency-distribution',
];
/** The width of A4 less the print margins (12 mm each side), in CSS pixels. */
const A4_CONTENT_PX = ((210 - 24) * 96) / 25.4;

interface Drawn {
  id: string;
  width: number;
  height: number;
  marks: number;
}

async function drawnFigures(page: Page): Promise<Drawn[]> {
  const drawn: Drawn[] = [];
  for (const figure of await page.locator('figure.chart').all()) {
    const box = await figure.locator('svg').boundingBox();
    drawn.push({
      id: (await figure.getAttribute('id')) ?? '',
      width: box?.width ?? 0,
      height: box?.height ?? 0,
      marks: await figure.locator('[role="graphics-symbol"]').count(),
    });
  }
  return drawn;
}

describe('the load test report in Chromium', () => {
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), ` +
          'as .ci/run does, to run the browser tests',
      );
    }
    url = pathToFileURL((await searchLoad()).report).href;
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await removeLoadFolders();
  });

  it('draws the saturation curve and every chart, with no error and no request', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('request', (request) => requests.push(request.url()));
    page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));

    await page.goto(url, { waitUntil: 'load' });
    const drawn = await drawnFigures(page);
    const screenshot = join(ARTIFACTS, 'load-report.png');
    await page.screenshot({ path: screenshot, fullPage: true });

    expect(drawn.map((d) => d.id)).toEqual(FIGURES);
    for (const d of drawn) {
      expect(d.width, d.id).toBeGreaterThan(300);
      expect(d.height, d.id).toBeGreaterThan(80);
      expect(d.marks, d.id).toBeGreaterThan(0);
    }
    expect(await page.textContent('.verdict .word')).toMatch(/^(✓ PASS|✗ FAIL)$/);
    expect(await page.locator('#saturation-table tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    expect((await stat(screenshot)).size).toBeGreaterThan(50_000);
    await page.close();
  }, 60_000);

  it('prints on A4 with every chart within the page width', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(url, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });

    const drawn = await drawnFigures(page);

    expect(drawn).toHaveLength(FIGURES.length);
    for (const d of drawn) expect(d.width, d.id).toBeLessThanOrEqual(A4_CONTENT_PX);
    await page.close();
  }, 60_000);
});
