import type { TestbedError } from '../../simulator/errors.js';
import { HARNESS } from '../scoring/summary.js';
import { count } from '../format.js';
import { LOAD_DEFAULTS, type ResolvedLoadOptions } from './options.js';
import { describeProfile } from './profiles.js';
import {
  checksOf,
  figuresOf,
  thresholdsOf,
  type Bounds,
  type Figures,
  type LoadCheck,
  type LoadResult,
  type LoadThreshold,
  type MeasuredRun,
  type PoolFigures,
  type SaturationResult,
} from './result.js';

/** What a load test learnt as it went, from which its result is made. */
export interface RunContext {
  settings: ResolvedLoadOptions;
  startedAt: Date;
  scenario?: LoadResult['scenario'];
  /** The scenario's own bound on alert latency p99, if it sets one. */
  thresholdP99Ms?: number | null;
  pool?: PoolFigures;
  hub?: LoadResult['hub'];
  /** Where the series begins. */
  originAbs?: number;
  runs: MeasuredRun[];
  saturation?: SaturationResult;
}

/** The bounds a run is judged by: the options first, then the scenario, then defaults. */
export function boundsOf(context: RunContext): Bounds {
  const o = context.settings;
  const fromScenario = context.thresholdP99Ms ?? null;
  return {
    maxP99Ms:
      o.maxP99Ms !== null
        ? { value: o.maxP99Ms, source: 'option' }
        : fromScenario !== null
          ? { value: fromScenario, source: 'scenario' }
          : { value: LOAD_DEFAULTS.maxP99Ms, source: 'default' },
    maxErrorRate:
      o.maxErrorRate !== null
        ? { value: o.maxErrorRate, source: 'option' }
        : { value: LOAD_DEFAULTS.maxErrorRate, source: 'default' },
  };
}

export function buildResult(context: RunContext, error: TestbedError | null): LoadResult {
  const o = context.settings;
  const figures = figuresOf(context.runs, context.originAbs ?? 0);
  const stopped = context.runs.findLast((r) => r.outcome.stopped)?.outcome.stopped ?? null;
  const judged = judgement(context, figures, stopped);
  const failed = error !== null || [...judged.checks, ...judged.thresholds].some((c) => !c.pass);
  return {
    kind: 'anpr-testbed/load',
    version: 1,
    verdict: failed ? 'fail' : 'pass',
    startedAt: context.startedAt.toISOString(),
    wallMs: Date.now() - context.startedAt.getTime(),
    harness: HARNESS,
    scenario: context.scenario ?? { name: '', file: o.scenarioPath, seed: 0 },
    hub: context.hub ?? {
      target: o.hub?.url ?? 'loopback',
      name: o.hub === null ? 'reference hub' : null,
      version: null,
      inProcess: o.hub === null,
    },
    settings: settingsOf(o, boundsOf(context)),
    pool: context.pool ?? { reads: 0, passes: 0, hotlistChanges: 0, seedMarks: 0, generatedMs: 0 },
    ...figures,
    saturation: context.saturation ?? null,
    ...judged,
    stopped,
    error: error ? { code: error.code, message: error.message } : null,
    notes: notesOf(context, figures),
  };
}

function settingsOf(o: ResolvedLoadOptions, bounds: Bounds): LoadResult['settings'] {
  return {
    profile: o.saturation ? null : o.profile,
    description: o.saturation
      ? `saturation search from ${o.saturation.startPerSecond} reads/s, ` +
        `x${o.saturation.factor} a step`
      : describeProfile(o.profile),
    durationMs: o.durationMs,
    maxReads: o.maxReads,
    batch: o.batch,
    holdMs: o.holdMs,
    connections: o.connections,
    maxInFlight: o.maxInFlight,
    probeEvery: o.probeEvery,
    delivery: o.delivery,
    lateAfterMs: o.lateAfterMs,
    graceMs: o.graceMs,
    timeoutMs: o.timeoutMs,
    bounds,
    search: o.saturation,
  };
}

/**
 * A profile's run is judged whole. A saturation search judges each step by the same
 * thresholds (see saturation.ts); the search itself passes when some rate held.
 */
function judgement(
  context: RunContext,
  figures: Figures,
  stopped: LoadResult['stopped'],
): { thresholds: LoadThreshold[]; checks: LoadCheck[] } {
  if (context.runs.length === 0) return { thresholds: [], checks: [] };
  if (!context.saturation) {
    return {
      thresholds: thresholdsOf(figures, boundsOf(context)),
      checks: checksOf(figures, stopped),
    };
  }
  const accounted = checksOf(figures, stopped).filter((c) => c.name.includes('accounted'));
  const highest = context.saturation.highestHeldReadsPerSecond;
  const held: LoadCheck = {
    name: 'a rate held',
    pass: highest !== null,
    detail: context.saturation.conclusion,
  };
  return { thresholds: [], checks: [...accounted, held] };
}

function notesOf(context: RunContext, figures: Figures): string[] {
  const o = context.settings;
  const notes: string[] = [];
  if (context.hub?.inProcess && context.runs.length > 0) {
    notes.push(
      'The reference hub ran in this process and shared its event loop with the generator, ' +
        'so these figures describe the two together. Serve it apart (anpr-testbed hub) and ' +
        'pass --hub to measure it alone.',
    );
  }
  if (figures.generator.limited) {
    notes.push(
      `This machine could not offer the rate asked for: it sent ` +
        `${count(figures.sent.readsPerSecond)} reads/s of the ` +
        `${count(figures.offered.readsPerSecond)} offered ` +
        `(short by ${count(figures.generator.shortfallReadsPerSecond)} reads/s` +
        `${context.runs.length > 1 ? ' in its worst step' : ''}), its event loop busy ` +
        `${Math.round(figures.generator.eventLoopUtilisation * 100)}% of the time. ` +
        'The figures measure this generator, not the hub.',
    );
  }
  const waiting = figures.behindSchedule.waitingForConnection;
  if (waiting > 0.01 * Math.max(1, figures.sent.requests)) {
    notes.push(
      `${count(waiting)} requests found all ${o.maxInFlight} request slots (${o.connections} ` +
        'connections) busy and went late: the hub answered more slowly than the rate needs. ' +
        'Their latency counts from when they were due.',
    );
  }
  const passes = context.pool?.passes ?? 0;
  if (passes > 1) {
    notes.push(
      `The pool of ${context.pool!.reads} reads was sent ${passes} times over, ` +
        'with fresh read ids on each pass after the first.',
    );
  }
  if (o.delivery === 'pull' && figures.alerts.expected > 0) {
    notes.push('Alerts were polled every 250 ms, which adds up to that to alert latency.');
  }
  return notes;
}
