import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../harness/scoring/summary.js';
import { changesThatMatter, compareRuns, type RunComparison, type ScoreChange } from './compare.js';
import { compareMarkdown, compareText } from './compare-output.js';
import { uncomparedMetrics } from './compare-scores.js';
import { removeSmallNights, runInto, smallNight, type TestRun } from './testing.js';

/**
 * Two runs of the small night against the reference hub: as it ships (one alert per
 * listed mark per 10 minutes), and with a window of an hour, so that it repeats
 * itself less (fewer duplicate alerts) but leaves later sightings of a mark without
 * an alert (lower recall), which fails the scenario's recall threshold.
 */
let before: TestRun;
let after: TestRun;
let result: RunComparison;

beforeAll(async () => {
  const scenario = await smallNight('thresholds:\n  detection.recall: { min: 0.95 }\n');
  before = await runInto(scenario, 'ten-minutes');
  after = await runInto(scenario, 'an-hour', { windowMs: 60 * 60_000 });
  result = compareRuns(before, after);
});
afterAll(removeSmallNights);

function score(key: string): ScoreChange {
  const found = result.scores.find((s) => s.key === key);
  if (!found) throw new Error(`no score ${key}`);
  return found;
}

describe('comparing a hub before and after a change', () => {
  it('finds the same scenario, seed and window, so the runs are comparable', () => {
    expect(result.warnings).toEqual([]);
    expect(result.comparable).toBe(true);
    expect(result.a).toMatchObject({ dir: before.dir, scenario: 'Small night', seed: 4242 });
    expect(result.b.verdict).toBe('fail');
  });

  it('names the hub setting that was changed between the runs', () => {
    expect(result.settings).toEqual([{ name: 'windowMs', a: 600_000, b: 3_600_000 }]);
    expect(compareText(result)).toMatch(
      /Hub settings that differ\n\s+windowMs\s+A --alert-window 10\s+B --alert-window 60/,
    );
    expect(compareMarkdown(result)).toContain(
      '| `windowMs` | `--alert-window 10` | `--alert-window 60` |',
    );
  });

  it('sees recall fall and calls it worse and worth a look', () => {
    const recall = score('detection.recall');
    const { a, b } = { a: before.summary.detection.recall!, b: after.summary.detection.recall! };

    expect(b).toBeLessThan(a - 0.005);
    expect(recall).toMatchObject({ a, b, direction: 'worse', matters: true, unit: 'share' });
    expect(recall.change).toBeCloseTo(b - a, 9);
  });

  it('sees duplicate alerts fall and calls it better', () => {
    const duplicates = score('detection.duplicateAlerts');
    const [a, b] = [before.summary, after.summary].map((s) => s.detection.duplicateAlerts);

    expect(b).toBeLessThan(a! * 0.9);
    expect(duplicates).toMatchObject({ a, b, change: b! - a!, direction: 'better', matters: true });
    expect(duplicates.relative).toBeCloseTo((b! - a!) / a!, 6);
  });

  it('flags the verdict and the recall threshold flipping from pass to fail', () => {
    const flips = changesThatMatter(result).verdicts.map((v) => [v.subject, v.name, v.a, v.b]);

    expect(flips).toEqual([
      ['verdict', 'verdict', 'pass', 'fail'],
      ['threshold', 'detection.recall', 'pass', 'fail'],
    ]);
    expect(result.verdicts.find((v) => v.name === 'detection.recall')?.direction).toBe('worse');
  });

  it('leaves what describes the world unchanged and unjudged', () => {
    expect(score('reads.generated')).toMatchObject({ direction: 'unchanged', better: 'neither' });
    expect(score('detection.opportunities').direction).toBe('unchanged');
    expect(score('detection.alerts')).toMatchObject({ direction: 'changed', matters: false });
  });

  it('compares recall by category and camera kind, and every score with a threshold', () => {
    const keys = result.scores.map((s) => s.key);
    const categories = Object.keys(before.summary.detection.recallByCategory);

    expect(categories.length).toBeGreaterThan(0);
    for (const c of categories) expect(keys).toContain(`detection.recallByCategory.${c}`);
    expect(keys).toContain('detection.recallByCameraKind.fixed');
    expect(uncomparedMetrics()).toEqual([]);
  });

  it('prints the changes that matter first, in words that stand out', () => {
    const out = compareText(result);
    const lines = out.split('\n');
    const matter = lines.findIndex((l) => / changes? that matter$/.test(l));
    const smaller = lines.findIndex((l) => l.startsWith('Smaller changes'));

    expect(out).not.toContain('WARNING');
    expect(lines[matter + 1]).toMatch(/^ {2}WORSE +verdict +pass +fail$/);
    expect(out).toMatch(
      /\n {2}WORSE +detection\.recall +[\d.]+% +[\d.]+% +-[\d.]+ pp +more than 0\.5/,
    );
    expect(out).toMatch(/\n {2}BETTER +detection\.duplicateAlerts +\d+ +\d+ +-\d+ \(-[\d.]+ %\)/);
    expect(smaller === -1 || smaller > matter).toBe(true);
    expect(out).toContain('Unchanged (');
  });

  it('writes the same as a Markdown table', () => {
    const md = compareMarkdown(result);

    expect(md).toMatch(/^### Comparing two runs: \d+ changes that matter\n/);
    expect(md).toMatch(/\| ✘ worse \| `detection\.recall` \| [\d.]+% \| [\d.]+% \| -[\d.]+ pp \|/);
    expect(md).toContain('| ✔ better | `detection.duplicateAlerts` |');
    expect(md).toContain('<details><summary>Unchanged (');
  });

  it('is plain data, as JSON', () => {
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe('comparing runs that differ in what they played', () => {
  it('warns first, naming each difference, and still compares', () => {
    const other: RunSummary = structuredClone(after.summary);
    other.scenario.seed = 7;
    other.scenario.file = 'scenarios/other.yaml';
    other.scenario.sha256 = '0'.repeat(64);
    other.mode = { kind: 'real', speed: 60 };

    const compared = compareRuns(before.summary, other);
    const text = compareText(compared);

    expect(compared.comparable).toBe(false);
    expect(compared.warnings).toEqual([
      `The scenario files differ: A ${before.summary.scenario.file}, B scenarios/other.yaml.`,
      'The seeds differ: A 4242, B 7.',
      'The time modes differ: A virtual, 5000 ms ticks, B real, 60x.',
    ]);
    expect(text.indexOf('WARNING')).toBeLessThan(text.indexOf('changes that matter'));
    expect(compareMarkdown(compared)).toContain('> [!WARNING]');
    expect(compared.scores.find((s) => s.key === 'detection.recall')?.direction).toBe('worse');
  });

  it('takes one scenario file named two ways for the same file', () => {
    const moved: RunSummary = structuredClone(before.summary);
    moved.scenario.file = `/elsewhere/${before.summary.scenario.file}`;

    expect(compareRuns(before.summary, moved).warnings).toEqual([]);
  });

  it('finds nothing that matters between a run and itself', () => {
    const same = compareRuns(before.summary, before.summary);

    expect(same.scores.every((s) => s.direction === 'unchanged')).toBe(true);
    expect(compareText(same)).toContain('No change that matters');
  });
});

describe('what matters', () => {
  function change(key: string, a: number | null, b: number | null): ScoreChange {
    const one: RunSummary = structuredClone(before.summary);
    const two: RunSummary = structuredClone(before.summary);
    set(one, key, a);
    set(two, key, b);
    return compareRuns(one, two).scores.find((s) => s.key === key)!;
  }

  it('takes recall moving half a point or less as noise', () => {
    expect(change('detection.recall', 0.9, 0.905).matters).toBe(false);
    expect(change('detection.recall', 0.9, 0.906)).toMatchObject({
      matters: true,
      direction: 'better',
    });
  });

  it('takes latency moving 20 % or a millisecond or less as noise', () => {
    expect(change('detection.latencyMs.p99', 10, 12).matters).toBe(false);
    expect(change('detection.latencyMs.p99', 2, 2.9).matters).toBe(false);
    expect(change('detection.latencyMs.p99', 10, 12.5)).toMatchObject({
      matters: true,
      direction: 'worse',
    });
  });

  it('takes any change in interceptions or innocent stops seriously', () => {
    expect(change('interception.intercepted', 3, 2)).toMatchObject({
      matters: true,
      direction: 'worse',
    });
    expect(change('interception.innocentStops', 3, 2)).toMatchObject({
      matters: true,
      direction: 'better',
    });
  });

  it('reports a score one run could not measure as a change that matters', () => {
    expect(change('detection.latencyMs.p99', 3, null)).toMatchObject({
      direction: 'changed',
      matters: true,
      change: null,
    });
  });
});

function set(summary: RunSummary, path: string, value: number | null): void {
  const keys = path.split('.');
  let at = summary as unknown as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1)!] = value;
}
