import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadResult } from '../../harness/load/result.js';
import { formatAs, rate, type FormatName } from '../html/format.js';
import { compileSpec } from '../html/vega.js';
import {
  distributionSpec,
  latencyTimeSpec,
  rateSpec,
  saturationLatencySpec,
  saturationRateSpec,
} from './charts.js';
import { RAN_TO_END } from './junit.js';
import { LOAD_DIR_FILES } from './load-dir.js';
import { renderLoadReport, sectionsOf } from './render.js';
import {
  profileLoad,
  removeLoadFolders,
  searchLoad,
  unreachableLoad,
  type LoadFolder,
} from './testing.js';
import { figureMarkup, parseJunit, unescapeHtml, valueAt, xmllint } from '../test-pages.js';

const NAME = 'Small <b>night</b> & "load"';

interface Shown {
  path: string;
  value: string;
  format: string;
  text: string;
}

interface Page {
  folder: LoadFolder;
  /** `load.json` as the folder holds it. */
  json: LoadResult;
  html: string;
}

/** Every figure on the page that names its place in `load.json`. */
function figures(html: string): Shown[] {
  const pattern =
    /<span data-metric="([^"]*)" data-value="([^"]*)" data-format="([^"]*)">([^<]*)<\/span>/g;
  return [...html.matchAll(pattern)].map((m) => ({
    path: unescapeHtml(m[1]!),
    value: unescapeHtml(m[2]!),
    format: m[3]!,
    text: unescapeHtml(m[4]!),
  }));
}

async function pageOf(folder: LoadFolder): Promise<Page> {
  const text = await readFile(join(folder.dir, LOAD_DIR_FILES.result), 'utf8');
  const json = JSON.parse(text) as LoadResult;
  return { folder, json, html: await readFile(folder.report, 'utf8') };
}

let profile: Page;
let search: Page;
let unreachable: Page;

beforeAll(async () => {
  // One after another: load tests side by side would measure each other.
  profile = await pageOf(await profileLoad(NAME));
  search = await pageOf(await searchLoad());
  unreachable = await pageOf(await unreachableLoad());
}, 60_000);
afterAll(removeLoadFolders);

const pages = () => [profile, search, unreachable];

describe('the files a load test writes', () => {
  it('are load.json and, beside it, report.html, junit.xml and summary.md, even on failure', () => {
    for (const { folder } of pages()) {
      expect(folder.files.map((f) => basename(f))).toEqual([
        'load.json',
        'junit.xml',
        'summary.md',
        'report.html',
      ]);
      expect(folder.files.every((f) => f.startsWith(folder.dir))).toBe(true);
      expect(folder.report).toBe(join(folder.dir, 'report.html'));
    }
    expect(unreachable.json.verdict).toBe('fail');
    expect(unreachable.json.error?.code).toBe('ATB_LOAD_HUB_UNREACHABLE');
  });
});

describe('the HTML report of a load test', () => {
  it('has every section under its heading, in order; the search only when there was one', () => {
    for (const { html, json } of pages()) {
      const starts = sectionsOf(json).map(([id, title]) => {
        const at = html.indexOf(`<section id="${id}"><h2>${title}</h2>`);
        expect(at, id).toBeGreaterThan(-1);
        return at;
      });
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      for (const id of ['verdict', 'key-figures', 'test-facts', 'reproduce', 'reads-table']) {
        expect(html, id).toContain(`id="${id}"`);
      }
      for (const id of ['thresholds-table', 'checks-table', 'errors-table', 'schedule-table']) {
        expect(html, id).toContain(`id="${id}"`);
      }
      expect(html).toContain('id="latency-table"');
      expect(html).toContain('id="notes-list"');
    }
    expect(profile.html).not.toContain('<section id="saturation">');
    expect(search.html).toContain('<section id="saturation"><h2>Saturation search</h2>');
    expect(search.html).toContain('id="saturation-table"');
  });

  it('needs nothing from outside: no script, nothing to load, links only within', () => {
    for (const { html, json } of pages()) {
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
      expect(html).not.toMatch(/\b(src|xlink:href)=/i);
      expect(html).not.toMatch(/url\(|@import/i);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      const links = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
      expect(links).toEqual(sectionsOf(json).map(([id]) => `#${id}`));
    }
  });

  it('shows every figure exactly as load.json holds it, formatted for people', () => {
    for (const { html, json } of pages()) {
      const shown = figures(html);
      expect(shown.length).toBeGreaterThan(60);
      for (const f of shown) {
        const exact = valueAt(json, f.path);
        expect(exact, f.path).not.toBeUndefined();
        expect(f.value, f.path).toBe(String(exact));
        expect(f.text, f.path).toBe(formatAs(f.format as FormatName, exact as number | null));
      }
    }
  });

  it('shows the rates, latencies, reads, errors, schedule, settings and every check', () => {
    const paths = new Set(figures(profile.html).map((f) => f.path));
    const j = profile.json;
    const expected = [
      'scenario.name',
      'scenario.file',
      'scenario.seed',
      'hub.name',
      'hub.version',
      'hub.target',
      'harness.version',
      'startedAt',
      'settings.description',
      'settings.durationMs',
      'settings.batch',
      'settings.connections',
      'settings.bounds.maxP99Ms.value',
      'settings.bounds.maxErrorRate.value',
      'offered.readsPerSecond',
      'sent.readsPerSecond',
      'achieved.readsPerSecond',
      ...['p50', 'p90', 'p99', 'p999', 'max'].map((p) => `latencyMs.ingest.${p}`),
      ...['p50', 'p99'].map((p) => `latencyMs.alert.${p}`),
      'latencyMs.service.p99',
      ...Object.keys(j.reads).map((key) => `reads.${key}`),
      'alerts.expected',
      'alerts.alerted',
      'alerts.missing',
      'errors.errorRate',
      ...Object.keys(j.behindSchedule).map((key) => `behindSchedule.${key}`),
      'generator.eventLoopUtilisation',
      ...j.thresholds.flatMap((_, i) => [`thresholds.${i}.value`, `thresholds.${i}.max`]),
      ...j.checks.map((_, i) => `checks.${i}.detail`),
      ...j.notes.map((_, i) => `notes.${i}`),
    ];
    for (const path of expected) expect(paths, path).toContain(path);
    expect(j.thresholds.length).toBeGreaterThan(0);
    expect(profile.html).toContain(`data-metric="verdict" data-value="${j.verdict}"`);
  });

  it('draws the rate, the latency over time and by percentile, with marks, as inline SVG', () => {
    for (const id of ['chart-rate', 'chart-latency-time', 'chart-latency-distribution']) {
      const svg = figureMarkup(profile.html, id);
      expect(svg, id).toContain('<svg role="img"');
      expect(svg.match(/role="graphics-symbol"/g)?.length ?? 0, id).toBeGreaterThan(2);
      expect(svg, id).toContain('<figcaption>');
    }
    expect(figureMarkup(profile.html, 'chart-rate')).toContain('offered');
    expect(figureMarkup(profile.html, 'chart-latency-time')).toContain('alert p99');
  });

  it('draws the saturation curve, marking the rate that held and the one that broke', () => {
    const s = search.json.saturation!;
    const rates = figureMarkup(search.html, 'chart-saturation-rate');
    const latency = figureMarkup(search.html, 'chart-saturation-latency');
    const rows = search.html.slice(search.html.indexOf('id="saturation-table"'));

    expect(s.steps.length).toBeGreaterThanOrEqual(2);
    expect(rates.match(/aria-roledescription="point"/g)?.length).toBe(s.steps.length);
    expect(latency).toContain(`p99 bound ${search.json.settings.bounds.maxP99Ms.value} ms`);
    if (s.highestHeldReadsPerSecond !== null) {
      expect(rates).toContain(`held up to ${rate(s.highestHeldReadsPerSecond)}/s`);
    }
    if (s.brokeAtReadsPerSecond !== null) {
      expect(latency).toContain(`broke at ${rate(s.brokeAtReadsPerSecond)}/s`);
    }
    expect(rows.slice(0, rows.indexOf('</table>')).match(/<tr>/g)?.length).toBe(s.steps.length + 1);
    expect(search.html).toContain('id="saturation-conclusion"');
  });

  it('compiles every chart without a warning', () => {
    const specs = [
      rateSpec(profile.json),
      latencyTimeSpec(profile.json),
      distributionSpec(profile.json),
      rateSpec(search.json),
      latencyTimeSpec(search.json),
      saturationRateSpec(search.json.saturation!),
      saturationLatencySpec(search.json, search.json.saturation!),
    ];
    for (const spec of specs) {
      const warnings: string[] = [];
      compileSpec(spec, warnings);
      expect(warnings).toEqual([]);
    }
  });

  it('escapes the scenario’s name wherever it appears', () => {
    const escaped = 'Small &lt;b&gt;night&lt;/b&gt; &amp; &quot;load&quot;';
    expect(profile.html).not.toContain('<b>night</b>');
    expect(profile.html).toContain(`<h1>Load test report: ${escaped}</h1>`);
    expect(profile.html).toContain(`<title>PASS: ${escaped} (anpr-testbed load test report)`);
  });

  it('says FAIL in words with the error that ended a test, and draws nothing it lacks', () => {
    const { html, json } = unreachable;
    expect(html).toContain('>✗ FAIL</span>');
    expect(html).toContain('id="test-error"');
    expect(html).toContain('The test ended with an error: Cannot reach the hub at');
    expect(html).not.toContain('<figure');
    expect(html).toContain('<p class="empty" id="chart-rate">Nothing was sent');
    expect(json.series).toEqual([]);
  });

  it('prints the command that offers the same load again', () => {
    const { json, folder } = search;
    const s = json.saturation!;
    expect(search.html).toContain(
      `<pre class="command" id="reproduce">anpr-testbed load ${json.scenario.file} ` +
        `--hub ${json.hub.target} --token &quot;$HUB_TOKEN&quot; --find-saturation ` +
        `--rate ${s.startPerSecond} --step-factor ${s.factor} --max-steps 3 --duration 1s ` +
        `--batch 1 --connections 16 --alert-every 20 --max-p99-ms 250 --out ${folder.dir}</pre>`,
    );
    expect(profile.html).toContain(
      '--rate 200 --duration 2s --batch 1 --connections 16 --alert-every 20 ' +
        `--out ${profile.folder.dir}</pre>`,
    );
  });

  it('gives the same page for the same load.json and folder', async () => {
    expect(await renderLoadReport(search.json, search.folder.dir)).toBe(search.html);
  });
});

interface Case {
  name: string;
  failure?: { message: string; type: string };
  'system-out': string;
}
interface Suite {
  name: string;
  tests: string;
  failures: string;
  testcase: Case[];
  properties: { property: { name: string; value: string }[] };
}

async function suites(page: Page): Promise<Suite[]> {
  const xml = await readFile(join(page.folder.dir, LOAD_DIR_FILES.junit), 'utf8');
  return parseJunit<{ testsuites: { testsuite: Suite[] } }>(xml).testsuites.testsuite;
}

describe('JUnit XML of a load test', () => {
  it('validates against the JUnit schema with xmllint', async () => {
    for (const page of pages()) {
      const result = await xmllint(join(page.folder.dir, LOAD_DIR_FILES.junit));
      expect(result.output).toContain('validates');
      expect(result.valid).toBe(true);
    }
  });

  it('has one test case per threshold and per check, failing as they failed', async () => {
    for (const page of pages()) {
      const { thresholds, checks } = page.json;
      const cases = (await suites(page)).flatMap((s) => s.testcase);
      const failed = cases.filter((c) => c.failure).map((c) => c.name);

      expect(cases.map((c) => c.name)).toEqual([
        ...thresholds.map((t) => t.metric),
        ...checks.map((c) => c.name),
        RAN_TO_END,
      ]);
      expect(failed).toEqual([
        ...thresholds.filter((t) => !t.pass).map((t) => t.metric),
        ...checks.filter((c) => !c.pass).map((c) => c.name),
        ...(page.json.error ? [RAN_TO_END] : []),
      ]);
      expect(failed.length > 0).toBe(page.json.verdict === 'fail');
    }
  });

  it('states each threshold with its value, bound and where the bound came from', async () => {
    const [thresholds] = await suites(profile);
    const t = profile.json.thresholds[0]!;
    expect(thresholds!.name).toBe('thresholds');
    expect(thresholds!.testcase[0]!['system-out']).toBe(
      `${t.metric} = ${t.value}, required at most ${t.max} (set by the default)`,
    );
  });

  it('fails a test that ended with an error, naming it', async () => {
    const cases = (await suites(unreachable)).flatMap((s) => s.testcase);
    const ended = cases.find((c) => c.name === RAN_TO_END)!;
    expect(ended.failure?.message).toMatch(
      /^Cannot reach the hub at .*\[ATB_LOAD_HUB_UNREACHABLE\]$/,
    );
  });

  it('carries the scenario, hub, versions and the saturation point as properties', async () => {
    const [suite] = await suites(search);
    const properties = Object.fromEntries(suite!.properties.property.map((p) => [p.name, p.value]));
    const s = search.json.saturation!;
    expect(properties).toMatchObject({
      scenario: 'Small night',
      seed: '4242',
      hub: 'load-test-hub',
      'harness.version': search.json.harness.version,
      'saturation.highestHeldReadsPerSecond': String(s.highestHeldReadsPerSecond ?? ''),
      verdict: search.json.verdict,
    });
  });
});

describe('the Markdown summary of a load test', () => {
  async function markdown(page: Page): Promise<string> {
    return readFile(join(page.folder.dir, LOAD_DIR_FILES.markdown), 'utf8');
  }

  it('is short: the verdict, every threshold and check, the figures, and the report', async () => {
    const text = await markdown(profile);
    const j = profile.json;
    expect(text).toMatch(/^## ✔ PASS: load test of Small \\<b\\>night\\<\/b\\> & "load"\n/);
    for (const t of j.thresholds) expect(text).toContain(`| \`${t.metric}\` |`);
    for (const c of j.checks) expect(text).toContain(`| ${c.name} |`);
    expect(text).toContain(`offered ${rate(j.offered.readsPerSecond)}, sent`);
    expect(text.trimEnd().endsWith(`Full report: \`${profile.folder.report}\``)).toBe(true);
    expect(text.split('\n').length).toBeLessThan(40);
  });

  it('lists the saturation steps and the conclusion', async () => {
    const text = await markdown(search);
    const s = search.json.saturation!;
    expect(text).toContain('### Saturation search');
    expect(text).toContain(s.conclusion.slice(0, 20));
    const rows = text.split('\n').filter((line) => /^\| \d+ \|/.test(line));
    expect(rows).toHaveLength(s.steps.length);
  });

  it('names the error that ended a test', async () => {
    const text = await markdown(unreachable);
    expect(text).toMatch(/^## ✘ FAIL: /);
    expect(text).toContain(`| ✘ | ${RAN_TO_END} | Cannot reach the hub at`);
  });
});
