import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A4_CONTENT_PX, ARTIFACTS, drawnFigures, launchChromium, openReport } from './browser.js';
import { writeReport } from '../reports/html/index.js';
import { removeSmallRuns, smallRun } from '../reports/html/testing.js';

/**
 * The report as a person sees it: a small run's report opened in headless Chromium, with
 * a full-page screenshot and an A4 print kept under `e2e/artifacts/` for a look.
 */

const FIGURES = [
  'chart-reads',
  'chart-alerts',
  'chart-latency',
  'chart-funnel',
  'chart-timeline',
  'map-sites',
  'map-response',
];

/** A computed style in the page; the expression runs there, where the DOM is. */
function style(page: Page, selector: string, property: string): Promise<string> {
  const element = `document.querySelector(${JSON.stringify(selector)})`;
  return page.evaluate<string>(`getComputedStyle(${element}).${property}`);
}

describe('the HTML report in Chromium', () => {
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    url = pathToFileURL(await writeReport(await smallRun())).href;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await removeSmallRuns();
  });

  it('draws every chart and the maps, with no error and no request but the page', async () => {
    const { page, drawn, errors, requests, screenshot } = await openReport(browser, url, 'report');

    expect(drawn.map((d) => d.id)).toEqual(FIGURES);
    for (const d of drawn) {
      expect(d.width, d.id).toBeGreaterThan(300);
      expect(d.height, d.id).toBeGreaterThan(80);
      expect(d.marks, d.id).toBeGreaterThan(0);
    }
    expect(await page.textContent('.verdict .word')).toBe('✓ PASS');
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    expect((await stat(screenshot)).size).toBeGreaterThan(50_000);
    await page.close();
  }, 120_000);

  it('prints on A4 on white, every chart within the page width', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(url, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });

    const background = await style(page, 'body', 'backgroundColor');
    const drawn = await drawnFigures(page);
    const pdf = join(ARTIFACTS, 'report.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });

    expect(background).toBe('rgb(255, 255, 255)');
    for (const d of drawn) expect(d.width, d.id).toBeLessThanOrEqual(A4_CONTENT_PX);
    expect(await style(page, 'nav', 'display')).toBe('none');
    expect((await stat(pdf)).size).toBeGreaterThan(50_000);
    await page.close();
  }, 120_000);
});
