import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../harness/scoring/summary.js';
import { markdownSummary } from './markdown.js';
import { code, text } from './markdown-text.js';
import { RUN_DIR_FILES } from './run-dir.js';
import { removeSmallNights, runInto, smallNight, type TestRun } from './testing.js';
import { writeMarkdown } from './write-reports.js';

let small: TestRun;
let markdown: string;

beforeAll(async () => {
  const scenario = await smallNight(
    'thresholds:\n  detection.recall: { min: 0.5 }\n  reads.delivered: { max: 10 }\n',
  );
  small = await runInto(scenario, 'run');
  markdown = await readFile(await writeMarkdown(small.dir, 'runs/night/report.html'), 'utf8');
});
afterAll(removeSmallNights);

/** Cells of a table row, splitting on pipes that are not escaped. */
function cells(line: string): string[] {
  return line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

function tableRows(md: string, header: string): string[][] {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${header}`));
  const rows = [];
  for (let i = start; i < lines.length && lines[i]!.startsWith('|'); i++) {
    rows.push(cells(lines[i]!));
  }
  return rows;
}

describe('the Markdown summary of a run', () => {
  it('is written into the run folder as summary.md', async () => {
    expect(await readFile(join(small.dir, RUN_DIR_FILES.markdown), 'utf8')).toBe(markdown);
  });

  it('opens with the verdict, the scenario, the seed and the hub', () => {
    const [heading, , context] = markdown.split('\n');

    expect(heading).toBe('## ✘ FAIL: Small night');
    expect(context).toContain('Seed 4242');
    expect(context).toContain('**anpr-testbed reference hub 0.1.0**');
  });

  it('lists every check and threshold with a mark and its value', () => {
    const rows = tableRows(markdown, '  | check or threshold');
    const s = small.summary;

    expect(rows.slice(2).map((r) => [r[0], r[1]])).toEqual([
      ...s.checks.map((c) => ['✔', c.name]),
      ['✔', '`detection.recall`'],
      ['✘', '`reads.delivered`'],
    ]);
    expect(rows.at(-1)!.slice(2)).toEqual([String(s.reads.delivered), 'at most 10']);
  });

  it('gives the headline scores and the offender journeys', () => {
    const s = small.summary;
    const l = s.detection.latencyMs;

    expect(markdown).toContain(`| recall | ${(s.detection.recall! * 100).toFixed(2)}% of `);
    expect(markdown).toContain(`| alert latency p50 / p95 / p99 | ${l.p50!.toFixed(2)} ms / `);
    expect(markdown).toContain(
      `| offender journeys intercepted | ${s.interception.intercepted} of `,
    );
    expect(markdown).toContain('| innocent drivers stopped |');
    expect(markdown).toContain('(all accounted for)');
    const journeys = tableRows(markdown, 'group');
    expect(journeys.slice(2).map((r) => r[0])).toEqual(s.journeys.map((j) => j.group));
  });

  it('ends with the path of the HTML report when given one', () => {
    expect(markdown.trimEnd().split('\n').at(-1)).toBe('Full report: `runs/night/report.html`');
    expect(markdownSummary(small.summary)).not.toContain('Full report');
  });

  it('escapes pipes and markup in user text, so that tables keep their columns', () => {
    const summary: RunSummary = structuredClone(small.summary);
    summary.scenario.name = 'Night | *bold* <b>';
    summary.checks[0]!.detail = 'a | b\nc';
    summary.journeys[0]!.group = 'A|B team';

    const md = markdownSummary(summary);
    const verdicts = tableRows(md, '  | check or threshold');
    const journeys = tableRows(md, 'group');

    expect(md.split('\n')[0]).toBe('## ✘ FAIL: Night \\| \\*bold\\* \\<b\\>');
    expect(verdicts.every((r) => r.length === 4)).toBe(true);
    expect(verdicts[2]![2]).toBe('a \\| b c');
    expect(journeys.every((r) => r.length === 7)).toBe(true);
    expect(journeys[2]![0]).toBe('A\\|B team');
  });
});

describe('Markdown text', () => {
  it('fences code spans longer than the backticks inside them', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(code('a|b', true)).toBe('`a\\|b`');
    expect(text('[link](x) #1 _a_')).toBe('\\[link\\](x) \\#1 \\_a\\_');
  });
});
