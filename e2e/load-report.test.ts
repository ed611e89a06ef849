import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A4_CONTENT_PX, drawnFigures, launchChromium, openReport } from './browser.js';
import { removeLoadFolders, searchLoad } from '../reports/load/testing.js';

/**
 * A load test's report as a person sees it: a short saturation search's report opened in
 * headless Chromium, with a full-page screenshot kept under `e2e/artifacts/` for a look.
 */

const FIGURES = [
  'chart-saturation-rate',
  'chart-saturation-latency',
  'chart-rate',
  'chart-latency-time',
  'chart-latency-distribution',
];

describe('the load test report in Chromium', () => {
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    url = pathToFileURL((await searchLoad()).report).href;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await removeLoadFolders();
  });

  it('draws the saturation curve and every chart, with no error and no request', async () => {
    const { page, drawn, errors, requests, screenshot } = await openReport(
      browser,
      url,
      'load-report',
    );

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
