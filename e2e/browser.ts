import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** What the browser tests share: Debian's Chromium, where screenshots go, how figures are read. */

const CHROMIUM = '/usr/bin/chromium';

/** Screenshots and prints kept for a look after the tests. */
export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

/** The width of A4 less the print margins (12 mm each side), in CSS pixels. */
export const A4_CONTENT_PX = ((210 - 24) * 96) / 25.4;

/** Headless Chromium as installed by Debian, with the artifacts folder ready. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), ` +
        'as .ci/run does, to run the browser tests',
    );
  }
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

/** The errors a page logs or throws, and every URL it requests, as they happen. */
function watch(page: Page): { errors: string[]; requests: string[] } {
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('request', (request) => requests.push(request.url()));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
  return { errors, requests };
}

export interface Drawn {
  id: string;
  width: number;
  height: number;
  marks: number;
}

/** Each figure's SVG as laid out, and how many marks it holds. */
export async function drawnFigures(page: Page): Promise<Drawn[]> {
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

/** A report as it first shows, with what went wrong while it loaded. */
export interface OpenedReport {
  page: Page;
  drawn: Drawn[];
  errors: string[];
  requests: string[];
  /** The full-page screenshot kept in the artifacts folder. */
  screenshot: string;
}

/** Opens a report on a desktop-sized page, reads its figures and keeps a screenshot. */
export async function openReport(
  browser: Browser,
  url: string,
  name: string,
): Promise<OpenedReport> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const { errors, requests } = watch(page);
  await page.goto(url, { waitUntil: 'load' });
  const drawn = await drawnFigures(page);
  const screenshot = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: screenshot, fullPage: true });
  return { page, drawn, errors, requests, screenshot };
}
