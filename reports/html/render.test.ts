import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRunDir, type LoadedRun } from '../run-dir.js';
import { alertsPerHourSpec, funnelSpec, latencySpec, readsPerHourSpec } from './charts.js';
import { formatAs, type FormatName } from './format.js';
import { sitesMapSpec } from './map.js';
import { responseMapSpec } from './response-map.js';
import { renderReport, SECTIONS } from './render.js';
import { removeSmallRuns, smallRun } from './testing.js';
import { timelineSpec } from './timeline.js';
import { compileSpec } from './vega.js';
import { figureMarkup, unescapeHtml, valueAt } from '../test-pages.js';

const NAME = 'Small <b>night</b> & "friends"';
const GROUP = 'Leeds <b>plant</b> & co';
const THRESHOLDS = `
thresholds:
  detection.recall: { min: 0.9 }
  detection.latencyMs.p99: { max: 5000 }
  interception.innocentStops: { min: 0, max: 1000 }
`;

const CHARTS = ['chart-reads', 'chart-alerts', 'chart-latency', 'chart-funnel', 'chart-timeline'];
const MAPS = ['map-sites', 'map-response'];

interface Figure {
  source: 'metric' | 'series';
  path: string;
  value: string;
  format: string;
  text: string;
}

/** Every figure on the page that names where it comes from. */
function figures(page: string): Figure[] {
  const attr = (name: string) => `${name}="([^"]*)"`;
  const pattern = new RegExp(
    `<span data-(metric|series)="([^"]*)" ${attr('data-value')} ${attr('data-format')}>` +
      '([^<]*)</span>',
    'g',
  );
  return [...page.matchAll(pattern)].map((m) => ({
    source: m[1] as Figure['source'],
    path: unescapeHtml(m[2]!),
    value: unescapeHtml(m[3]!),
    format: m[4]!,
    text: unescapeHtml(m[5]!),
  }));
}

describe('the HTML report of a small run', () => {
  let run: LoadedRun;
  let page: string;

  beforeAll(async () => {
    run = await loadRunDir(await smallRun({ name: NAME, group: GROUP, extra: THRESHOLDS }));
    page = await renderReport(run);
  }, 120_000);
  afterAll(removeSmallRuns);

  it('has every section under its heading, in order, with its charts and maps', () => {
    const starts = SECTIONS.map(([id, title]) => {
      const at = page.indexOf(`<section id="${id}"><h2>${title}</h2>`);
      expect(at, id).toBeGreaterThan(-1);
      return at;
    });
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const id of ['verdict', 'key-figures', 'run-facts', 'reproduce', 'checks-table']) {
      expect(page, id).toContain(`id="${id}"`);
    }
    for (const id of ['thresholds-table', 'journeys-table', 'detection-by-category']) {
      expect(page, id).toContain(`id="${id}"`);
    }
    for (const id of ['detection-by-camera-kind', 'false-alerts-table', 'units-table']) {
      expect(page, id).toContain(`id="${id}"`);
    }
    for (const id of ['innocent-stops-table', 'misses-table', 'faults-table', 'notes-list']) {
      expect(page, id).toContain(`id="${id}"`);
    }
    for (const id of [...CHARTS, ...MAPS]) figureMarkup(page, id);
    expect(page).toContain('<style>');
    expect(page).toContain('[data-format="time"]');
    expect(page).toContain('@media print');
  });

  it('needs nothing from outside: no script, no URL, nothing to load', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/https?:\/\//i);
    expect(page).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(page).not.toMatch(/\b(src|xlink:href)=/i);
    expect(page).not.toMatch(/url\(|@import/i);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    const links = [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(links.length).toBe(SECTIONS.length);
    for (const link of links) expect(link).toMatch(/^#[a-z]+$/);
  });

  it('shows every figure exactly as the run folder holds it, formatted for people', () => {
    const shown = figures(page);
    expect(shown.length).toBeGreaterThan(150);
    for (const f of shown) {
      const exact = valueAt(f.source === 'metric' ? run.summary : run.series, f.path);
      expect(exact, f.path).not.toBeUndefined();
      expect(f.value, f.path).toBe(String(exact));
      const format = f.format as FormatName;
      expect(f.text, f.path).toBe(formatAs(format, exact as number | string | null));
    }
  });

  it('shows the headline scores, every check, threshold, journey, category and unit', () => {
    const paths = new Set(figures(page).map((f) => f.path));
    const s = run.summary;
    const expected = [
      'verdict',
      'scenario.name',
      'scenario.file',
      'scenario.seed',
      'scenario.window.start',
      'scenario.window.end',
      'hub.name',
      'hub.version',
      'hub.protocol',
      'hub.target',
      'harness.version',
      'mode.tickMs',
      'run.speedup',
      'reads.generated',
      'reads.delivered',
      'reads.rejected',
      'reads.failed',
      'detection.recall',
      'detection.falseAlerts',
      'detection.latencyMs.p50',
      'detection.latencyMs.p99',
      'interception.intercepted',
      'interception.innocentStops',
      'interception.unitMinutes',
      'faults.retries',
      ...s.checks.map((_, i) => `checks.${i}.name`),
      ...s.thresholds.flatMap((_, i) => [`thresholds.${i}.metric`, `thresholds.${i}.value`]),
      ...s.journeys.flatMap((_, i) => [`journeys.${i}.group`, `journeys.${i}.outcome`]),
      ...Object.keys(s.detection.recallByCategory).map(
        (c) => `detection.recallByCategory.${c}.recall`,
      ),
      ...Object.keys(s.detection.recallByCameraKind).map(
        (k) => `detection.recallByCameraKind.${k}.recall`,
      ),
      ...Object.keys(s.detection.falseAlertsByReason).map(
        (r) => `detection.falseAlertsByReason.${r}`,
      ),
      ...s.units.map((_, i) => `units.${i}.busyMs`),
      ...Object.keys(run.series.funnel).map((c) => `funnel.${c}.sightings`),
    ];
    const missing = expected.filter((p) => !paths.has(p) && !page.includes(`data-metric="${p}"`));
    expect(missing).toEqual([]);
    expect(s.thresholds).toHaveLength(3);
    expect(s.journeys.length).toBeGreaterThan(0);
  });

  it('draws every chart and map with marks in inline SVG', () => {
    expect(page.match(/<svg\b/g)).toHaveLength(CHARTS.length + MAPS.length);
    const items = (id: string, role: string) => {
      const svg = figureMarkup(page, id);
      expect(svg, id).toMatch(/<svg role="img" aria-label="[^"]+"/);
      return svg.split(`role="graphics-symbol" aria-roledescription="${role}"`).length - 1;
    };
    const { series, summary } = run;
    const hours = series.hours.length;
    const categories = Object.keys(series.funnel).length;
    const journeys = summary.journeys.length;
    const events = summary.journeys.reduce((n, j) => n + (j.firstAlertAt === null ? 3 : 4), 0);
    const alertSites = new Set(series.alerts.map((a) => a.cameraId)).size;
    const dispatchPoints = new Set(series.dispatches.map((d) => `${d.lon},${d.lat}`)).size;
    expect(items('chart-reads', 'bar')).toBe(hours * 4);
    expect(items('chart-alerts', 'bar')).toBe(hours * 2);
    expect(items('chart-latency', 'bar')).toBe(series.latencyBuckets.length);
    expect(items('chart-funnel', 'bar')).toBe(categories * 3);
    expect(items('chart-timeline', 'rule mark')).toBe(journeys);
    expect(items('chart-timeline', 'point')).toBe(events);
    expect(items('map-sites', 'point')).toBe(series.cameras.length);
    expect(figureMarkup(page, 'map-sites').split('<path').length).toBeGreaterThan(
      series.roads.length + series.cameras.length,
    );
    expect(items('map-response', 'geoshape')).toBe(series.journeys.length);
    expect(items('map-response', 'point')).toBe(
      alertSites * 2 + dispatchPoints + series.stops.length,
    );
  });

  it('keeps the map light: alerts are added up by camera site, not drawn one by one', () => {
    const sites = new Set(run.series.alerts.map((a) => a.cameraId)).size;
    const map = figureMarkup(page, 'map-response');
    expect(map.match(/aria-label="[^"]*alerts: true alerts;/g)).toHaveLength(sites);
    expect(map.match(/aria-label="[^"]*alerts: false alerts;/g)).toHaveLength(sites);
  });

  it("escapes the scenario's and groups' names wherever they appear", () => {
    expect(page).not.toContain('<b>');
    expect(page).toContain('Small &lt;b&gt;night&lt;/b&gt; &amp; &quot;friends&quot;');
    expect(figureMarkup(page, 'chart-timeline')).toContain(
      'Leeds &lt;b&gt;plant&lt;/b&gt; &amp; co',
    );
    expect(page).toContain(`<title>PASS: Small &lt;b&gt;night`);
  });

  it('escapes notes, and lists each one', async () => {
    const notes = ['<script>alert("x")</script>', 'Hub & co'];
    const noted = await renderReport({ ...run, summary: { ...run.summary, notes } });
    expect(noted).not.toMatch(/<script/i);
    expect(noted).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(noted).toContain('data-metric="notes.1" data-value="Hub &amp; co"');
  });

  it('says FAIL in words and names the checks and thresholds that failed', async () => {
    const s = run.summary;
    const failed = {
      ...s,
      verdict: 'fail' as const,
      checks: s.checks.map((c, i) => (i === 0 ? { ...c, pass: false } : c)),
      thresholds: s.thresholds.map((t, i) => (i === 1 ? { ...t, pass: false } : t)),
    };
    const failing = await renderReport({ ...run, summary: failed });
    expect(failing).toContain('<div class="verdict fail"');
    expect(failing).toContain('>✗ FAIL</span>');
    expect(failing).toContain(
      `2 of ${s.checks.length + s.thresholds.length} checks and thresholds failed: ` +
        `${s.checks[0]!.name}, ${s.thresholds[1]!.metric}.`,
    );
    expect(page).toContain('>✓ PASS</span>');
  });

  it('prints the command that makes the same run again', () => {
    const s = run.summary;
    expect(page).toContain(
      `<pre class="command" id="reproduce">anpr-testbed run ${s.scenario.file} ` +
        `--seed ${s.scenario.seed} --virtual --tick 5000 --alert-window 10 ` +
        '--min-similar-confidence 0.5 --dispatch-max-priority 2 --min-dispatch-confidence 0.6 ' +
        `--out ${run.dir}</pre>`,
    );
  });

  it('gives the same page for the same run folder', async () => {
    expect(await renderReport(run)).toBe(page);
  });

  it('compiles every chart and map without a warning', () => {
    const { summary, series } = run;
    const specs = [
      readsPerHourSpec(series),
      alertsPerHourSpec(series),
      latencySpec(series),
      funnelSpec(series),
      timelineSpec(summary),
      sitesMapSpec(series),
      responseMapSpec(series, summary),
    ];
    for (const spec of specs) {
      const warnings: string[] = [];
      compileSpec(spec, warnings);
      expect(warnings).toEqual([]);
    }
  });
});
