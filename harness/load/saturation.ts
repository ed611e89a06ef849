import { setTimeout as sleep } from 'node:timers/promises';
import type { ResolvedSaturation } from './options.js';
import {
  checksOf,
  figuresOf,
  thresholdsOf,
  type Bounds,
  type MeasuredRun,
  type SaturationResult,
  type SaturationStep,
} from './result.js';
import { count as n } from '../format.js';

/**
 * The saturation search: constant rates, each `factor` times the last, each offered for
 * the same bounded time, until a step breaks a threshold (latency p99, error rate, lost
 * alerts or reads) or the generator cannot offer the rate. The highest rate that held is
 * the hub's capacity to within one factor; every step is kept as the saturation curve.
 */

/** Runs one step at a constant rate and measures it. */
export type StepRunner = (readsPerSecond: number, step: number) => Promise<MeasuredRun>;

export interface SearchOptions extends ResolvedSaturation {
  stepMs: number;
  bounds: Bounds;
  /** Where the series of the whole search begins. */
  originAbs: number;
  signal?: AbortSignal;
}

export interface SearchOutcome {
  result: SaturationResult;
  runs: MeasuredRun[];
}

export async function findSaturation(
  run: StepRunner,
  options: SearchOptions,
): Promise<SearchOutcome> {
  const steps: SaturationStep[] = [];
  const runs: MeasuredRun[] = [];
  let readsPerSecond = options.startPerSecond;
  for (let step = 1; step <= options.maxSteps && !options.signal?.aborted; step++) {
    const rate = Math.round(readsPerSecond);
    const measured = await run(rate, step);
    runs.push(measured);
    const judged = judgeStep(measured, step, rate, options);
    steps.push(judged);
    if (!judged.held || measured.outcome.stopped) break;
    readsPerSecond *= options.factor;
    if (step < options.maxSteps) await rest(options.restMs, options.signal);
  }
  return { result: resultOf(steps, options), runs };
}

/** The quiet time between steps, cut short when the search is interrupted. */
async function rest(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, signal ? { signal } : {});
  } catch (err) {
    if (!signal?.aborted) throw err;
  }
}

function judgeStep(
  measured: MeasuredRun,
  step: number,
  readsPerSecond: number,
  options: SearchOptions,
): SaturationStep {
  const start = measured.outcome.measures.originAbs;
  const figures = figuresOf([measured], start);
  const broke = [
    ...thresholdsOf(figures, options.bounds)
      .filter((t) => !t.pass)
      .map((t) => `${t.metric} ${t.value ?? 'not measured'} over ${t.max}`),
    ...checksOf(figures, measured.outcome.stopped)
      .filter((c) => !c.pass)
      .map((c) => `${c.name}: no (${c.detail})`),
  ];
  return {
    step,
    readsPerSecond,
    offeredReadsPerSecond: figures.offered.readsPerSecond,
    sentReadsPerSecond: figures.sent.readsPerSecond,
    achievedReadsPerSecond: figures.achieved.readsPerSecond,
    ingestP50Ms: figures.latencyMs.ingest.p50,
    ingestP99Ms: figures.latencyMs.ingest.p99,
    alertP99Ms: figures.latencyMs.alert.p99,
    errorRate: figures.errors.errorRate,
    behindSchedule: figures.behindSchedule.sends,
    generatorLimited: figures.generator.limited,
    held: broke.length === 0,
    broke,
    startSecond: Math.max(0, Math.round((start - options.originAbs) / 1000)),
  };
}

function resultOf(steps: SaturationStep[], options: SearchOptions): SaturationResult {
  const held = steps.filter((s) => s.held);
  const last = steps[steps.length - 1];
  const highest = held.length === 0 ? null : held[held.length - 1]!.readsPerSecond;
  const hubBroke = last !== undefined && !last.held && !last.generatorLimited;
  return {
    startPerSecond: options.startPerSecond,
    factor: options.factor,
    stepMs: options.stepMs,
    steps,
    highestHeldReadsPerSecond: highest,
    brokeAtReadsPerSecond: hubBroke ? last.readsPerSecond : null,
    conclusion: conclusion(steps, highest, options),
  };
}

function conclusion(steps: SaturationStep[], highest: number | null, o: SearchOptions): string {
  const last = steps[steps.length - 1];
  if (!last) return 'The search was interrupted before its first step.';
  const heldUpTo = highest === null ? 'no rate' : `up to ${n(highest)} reads/s`;
  if (last.held) {
    return (
      `Every step held, ${heldUpTo}: the hub's limit is higher. Start higher or allow ` +
      `more than ${o.maxSteps} steps to find it.`
    );
  }
  if (last.generatorLimited) {
    return (
      `This machine could not offer ${n(last.readsPerSecond)} reads/s (it sent ` +
      `${n(last.sentReadsPerSecond)}); the hub held every rate it was offered, ${heldUpTo}. ` +
      'Its limit lies beyond what this generator can reach.'
    );
  }
  const why = last.broke.join('; ');
  if (highest === null) {
    return `Even the first step, ${n(last.readsPerSecond)} reads/s, broke: ${why}.`;
  }
  return `The hub held ${n(highest)} reads/s; at ${n(last.readsPerSecond)} reads/s: ${why}.`;
}
