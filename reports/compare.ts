import type { RunSummary } from '../harness/scoring/summary.js';
import {
  SIGNIFICANCE,
  scoreSpecs,
  scoreValue,
  unitOf,
  type Better,
  type ScoreSpec,
  type Significance,
  type Unit,
} from './compare-scores.js';
import type { LoadedRun } from './run-dir.js';

/**
 * What changed between two runs: two hubs, or one hub before and after a change, on
 * the same scenario. Every score is set side by side with the change, whether it got
 * better or worse, and whether the change is big enough to matter; verdicts, checks
 * and thresholds that flipped always matter. Runs that differ in what they played
 * (another scenario, seed or window) are still compared, with warnings first.
 */

export type Direction = 'better' | 'worse' | 'changed' | 'unchanged';

export interface ComparedRun {
  /** The run's folder, when it was read from one. */
  dir: string | null;
  scenario: string;
  file: string;
  seed: number;
  window: { start: string; end: string };
  hub: string;
  verdict: 'pass' | 'fail';
}

export interface ScoreChange {
  key: string;
  label: string;
  unit: Unit;
  better: Better;
  a: number | null;
  b: number | null;
  /** B less A. */
  change: number | null;
  /** The change over A; null when A is 0 or either is missing. */
  relative: number | null;
  direction: Direction;
  matters: boolean;
  /** How big a change must be to matter. */
  rule: string;
}

/** A verdict, check or threshold; null where a run does not have it. */
export interface VerdictChange {
  subject: 'verdict' | 'check' | 'threshold';
  name: string;
  a: 'pass' | 'fail' | null;
  b: 'pass' | 'fail' | null;
  direction: Direction;
  matters: boolean;
}

/** A hub setting that differs between the runs; null where a hub did not report it. */
export interface SettingChange {
  name: string;
  a: string | number | boolean | null;
  b: string | number | boolean | null;
}

export interface RunComparison {
  a: ComparedRun;
  b: ComparedRun;
  /** The hub settings that differ: what was changed between the runs, if it was a setting. */
  settings: SettingChange[];
  /** False when the runs played different worlds or were timed differently. */
  comparable: boolean;
  /** Why they may not be comparable, one sentence each. */
  warnings: string[];
  verdicts: VerdictChange[];
  scores: ScoreChange[];
}

type Input = RunSummary | Pick<LoadedRun, 'dir' | 'summary'>;

export function compareRuns(a: Input, b: Input): RunComparison {
  const [runA, runB] = [unpack(a), unpack(b)];
  const warnings = comparability(runA.summary, runB.summary);
  return {
    a: describe(runA),
    b: describe(runB),
    settings: settingChanges(runA.summary, runB.summary),
    comparable: warnings.length === 0,
    warnings,
    verdicts: verdictChanges(runA.summary, runB.summary),
    scores: scoreSpecs(runA.summary, runB.summary).map((spec) =>
      scoreChange(spec, scoreValue(runA.summary, spec.key), scoreValue(runB.summary, spec.key)),
    ),
  };
}

/** Everything that matters, verdicts first. */
export function changesThatMatter(result: RunComparison): {
  verdicts: VerdictChange[];
  scores: ScoreChange[];
} {
  return {
    verdicts: result.verdicts.filter((v) => v.matters),
    scores: result.scores.filter((s) => s.matters),
  };
}

function settingChanges(a: RunSummary, b: RunSummary): SettingChange[] {
  const [sa, sb] = [a.hub.settings ?? {}, b.hub.settings ?? {}];
  const names = [...new Set([...Object.keys(sa), ...Object.keys(sb)])];
  return names
    .map((name) => ({ name, a: sa[name] ?? null, b: sb[name] ?? null }))
    .filter((c) => c.a !== c.b);
}

function unpack(input: Input): { dir: string | null; summary: RunSummary } {
  return 'summary' in input ? input : { dir: null, summary: input };
}

function describe(run: { dir: string | null; summary: RunSummary }): ComparedRun {
  const { scenario, hub, verdict } = run.summary;
  return {
    dir: run.dir,
    scenario: scenario.name,
    file: scenario.file,
    seed: scenario.seed,
    window: scenario.window,
    hub: hub.name === null ? 'no hub answered' : `${hub.name} ${hub.version ?? ''}`.trim(),
    verdict,
  };
}

function scoreChange(spec: ScoreSpec, a: number | null, b: number | null): ScoreChange {
  const significance: Significance = SIGNIFICANCE[spec.kind];
  const both = a !== null && b !== null;
  return {
    key: spec.key,
    label: spec.label,
    unit: unitOf(spec.kind),
    better: spec.better,
    a,
    b,
    change: both ? tidy(b - a) : null,
    relative: both && a !== 0 ? tidy((b - a) / Math.abs(a)) : null,
    ...judge(a, b, spec.better, significance),
    rule: significance.rule,
  };
}

function judge(
  a: number | null,
  b: number | null,
  better: Better,
  significance: Significance,
): { direction: Direction; matters: boolean } {
  if (a === b) return { direction: 'unchanged', matters: false };
  // A score that one run could not measure (no alerts, no listed sightings) is news.
  if (a === null || b === null) return { direction: 'changed', matters: better !== 'neither' };
  if (better === 'neither') return { direction: 'changed', matters: false };
  const improved = better === 'higher' ? b > a : b < a;
  return { direction: improved ? 'better' : 'worse', matters: exceeds(a, b, significance) };
}

function exceeds(a: number, b: number, s: Significance): boolean {
  const delta = tidy(Math.abs(b - a));
  if (s.points !== undefined) return delta > s.points;
  if (delta <= (s.atLeast ?? 0)) return false;
  if (s.relative === undefined || a === 0) return true;
  return delta / Math.abs(a) > s.relative;
}

/**
 * Rounds away floating-point dust, so that 0.9979 - 0.9929 is 0.005 and not more.
 */
function tidy(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

function verdictChanges(a: RunSummary, b: RunSummary): VerdictChange[] {
  const out: VerdictChange[] = [flip('verdict', 'verdict', a.verdict, b.verdict)];
  const checks = (s: RunSummary) => new Map(s.checks.map((c) => [c.name, c.pass]));
  const thresholds = (s: RunSummary) => new Map(s.thresholds.map((t) => [t.metric, t.pass]));
  for (const [subject, of] of [
    ['check', checks],
    ['threshold', thresholds],
  ] as const) {
    const [inA, inB] = [of(a), of(b)];
    for (const name of new Set([...inA.keys(), ...inB.keys()])) {
      out.push(flip(subject, name, verdictOf(inA.get(name)), verdictOf(inB.get(name))));
    }
  }
  return out;
}

function verdictOf(pass: boolean | undefined): 'pass' | 'fail' | null {
  return pass === undefined ? null : pass ? 'pass' : 'fail';
}

function flip(
  subject: VerdictChange['subject'],
  name: string,
  a: 'pass' | 'fail' | null,
  b: 'pass' | 'fail' | null,
): VerdictChange {
  if (a === b) return { subject, name, a, b, direction: 'unchanged', matters: false };
  if (a === null || b === null)
    return { subject, name, a, b, direction: 'changed', matters: false };
  return { subject, name, a, b, direction: b === 'pass' ? 'better' : 'worse', matters: true };
}

/** The ways two runs differ that make their scores differ whatever the hubs did. */
function comparability(a: RunSummary, b: RunSummary): string[] {
  const warnings: string[] = [];
  const differ = (what: string, va: unknown, vb: unknown) => {
    if (JSON.stringify(va) !== JSON.stringify(vb))
      warnings.push(`${what} differ: A ${show(va)}, B ${show(vb)}.`);
  };
  // The same file can be named two ways (a relative path, another machine's folder);
  // its digest says whether it is the same scenario.
  const sameFile =
    a.scenario.sha256 !== undefined && b.scenario.sha256 !== undefined
      ? a.scenario.sha256 === b.scenario.sha256
      : a.scenario.file === b.scenario.file;
  if (!sameFile) {
    warnings.push(
      `The scenario files differ: A ${a.scenario.file}, B ${b.scenario.file}` +
        `${a.scenario.file === b.scenario.file ? ' (the same name, another content)' : ''}.`,
    );
  } else differ('The scenarios', a.scenario.name, b.scenario.name);
  differ('The seeds', a.scenario.seed, b.scenario.seed);
  differ('The windows', windowText(a), windowText(b));
  differ('The time modes', a.mode, b.mode);
  differ('The harness versions', a.harness.version, b.harness.version);
  if (warnings.length === 0 && a.reads.generated !== b.reads.generated) {
    warnings.push(
      'The worlds played differ although scenario and seed agree: A generated ' +
        `${a.reads.generated} reads, B ${b.reads.generated}.`,
    );
  }
  for (const [label, s] of [
    ['A', a],
    ['B', b],
  ] as const) {
    if (s.run.interrupted) warnings.push(`Run ${label} was stopped before the end of its window.`);
  }
  return warnings;
}

function windowText(s: RunSummary): string {
  return `${s.scenario.window.start} to ${s.scenario.window.end}`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'kind' in value) {
    const mode = value as RunSummary['mode'];
    return mode.kind === 'virtual' ? `virtual, ${mode.tickMs} ms ticks` : `real, ${mode.speed}x`;
  }
  return JSON.stringify(value);
}
