import { LoadHistogram, type LoadPercentiles } from './histogram.js';
import type { SecondPoint } from './measures.js';
import type { ResolvedSaturation } from './options.js';
import type { ProbeCounts } from './probes.js';
import type { LoadProfile } from './profiles.js';
import type { SenderOutcome, StopReason } from './sender.js';
import { count } from '../format.js';

/**
 * What a load test found, as written to `load.json`. Rates are reads a second; latencies
 * are milliseconds from a request's intended send time (open loop), except `service`,
 * which runs from when it actually went, as a closed-loop tool would measure it.
 */
export interface LoadResult {
  kind: 'anpr-testbed/load';
  version: 1;
  verdict: 'pass' | 'fail';
  /** Wall-clock time the test started, and how long the whole command took. */
  startedAt: string;
  wallMs: number;
  /** The testbed that ran the test, as a run's summary names it. */
  harness: { name: string; version: string };
  scenario: { name: string; file: string; seed: number };
  hub: { target: string; name: string | null; version: string | null; inProcess: boolean };
  settings: LoadSettings;
  pool: PoolFigures;
  offered: Rate & { requests: number };
  sent: Rate & { requests: number };
  achieved: Rate;
  reads: ReadCounts;
  latencyMs: { ingest: LoadPercentiles; alert: LoadPercentiles; service: LoadPercentiles };
  alerts: ProbeCounts;
  errors: {
    /** Failed requests by fault kind, and requests that went late as `behind-schedule`. */
    byKind: Record<string, number>;
    /** The first message of each kind. */
    samples: Record<string, string>;
    /** Share of the reads sent whose request failed. */
    errorRate: number;
  };
  behindSchedule: BehindSchedule;
  generator: GeneratorFigures;
  /** One point a second from the start of the test (or of the saturation search). */
  series: SecondPoint[];
  saturation: SaturationResult | null;
  thresholds: LoadThreshold[];
  checks: LoadCheck[];
  /** Why the test ended early, if it did. */
  stopped: StopReason | null;
  /** The error that ended the test, if one did. */
  error: { code: string; message: string } | null;
  notes: string[];
}

export interface LoadSettings {
  profile: LoadProfile | null;
  description: string;
  durationMs: number;
  maxReads: number;
  batch: number;
  holdMs: number;
  connections: number;
  maxInFlight: number;
  probeEvery: number;
  delivery: 'push' | 'pull';
  lateAfterMs: number;
  graceMs: number;
  timeoutMs: number;
  /** What the test (or each step of a search) was judged by, and where each bound came from. */
  bounds: Bounds;
  /** The saturation search asked for; null when a profile was followed. */
  search: ResolvedSaturation | null;
}

export interface PoolFigures {
  reads: number;
  /** Passes over the pool begun during the test. */
  passes: number;
  hotlistChanges: number;
  seedMarks: number;
  generatedMs: number;
}

export interface Rate {
  reads: number;
  readsPerSecond: number;
}

export interface ReadCounts {
  offered: number;
  sent: number;
  accepted: number;
  rejected: number;
  failed: number;
  /** Sent, but neither accepted, refused nor failed: should always be 0. */
  unaccounted: number;
  /** Offered, but never sent because the test ended first. */
  unsent: number;
}

export interface BehindSchedule {
  /** Requests that went more than `lateAfterMs` after their intended time. */
  sends: number;
  share: number;
  worstLagMs: number;
  /** Of those, the ones that found every connection busy. */
  waitingForConnection: number;
  /** And the ones that had a connection free: this process was too busy to send them. */
  generatorLate: number;
}

export interface GeneratorFigures {
  /** Share of the time this process's event loop was busy while sending, 0 to 1. */
  eventLoopUtilisation: number;
  /** The rate asked for is more than this machine could offer. */
  limited: boolean;
  /** Offered rate less the rate actually sent. */
  shortfallReadsPerSecond: number;
}

export interface SaturationStep {
  step: number;
  /** The rate the step was asked to offer. */
  readsPerSecond: number;
  /** What it offered, measured over its schedule. */
  offeredReadsPerSecond: number;
  sentReadsPerSecond: number;
  achievedReadsPerSecond: number;
  ingestP50Ms: number | null;
  ingestP99Ms: number | null;
  alertP99Ms: number | null;
  errorRate: number;
  behindSchedule: number;
  generatorLimited: boolean;
  held: boolean;
  /** Why the step did not hold. */
  broke: string[];
  /** Where the step begins in the series. */
  startSecond: number;
}

export interface SaturationResult {
  startPerSecond: number;
  factor: number;
  stepMs: number;
  steps: SaturationStep[];
  /** The highest rate at which every threshold held; null when even the first broke. */
  highestHeldReadsPerSecond: number | null;
  /** The first rate that broke a threshold; null when none did. */
  brokeAtReadsPerSecond: number | null;
  conclusion: string;
}

export interface LoadThreshold {
  metric: string;
  max: number;
  value: number | null;
  pass: boolean;
  /** Where the bound came from: the command line, the scenario or the default. */
  source: 'option' | 'scenario' | 'default';
}

export interface LoadCheck {
  name: string;
  pass: boolean;
  detail: string;
}

/** One sender run and what became of its probes. */
export interface MeasuredRun {
  outcome: SenderOutcome;
  probes: ProbeCounts;
}

/** The figures a LoadResult carries for one run, or for every step of a search. */
export type Figures = Pick<
  LoadResult,
  | 'offered'
  | 'sent'
  | 'achieved'
  | 'reads'
  | 'latencyMs'
  | 'alerts'
  | 'errors'
  | 'behindSchedule'
  | 'generator'
  | 'series'
>;

/**
 * Beyond this share of its time busy, the sender's process is taken to be what held the
 * rate back: its event loop had no time left to send on schedule.
 */
export const BUSY_UTILISATION = 0.9;
/** More than this share of requests late (or any unsent) with the loop busy: limited. */
const LATE_SHARE = 0.01;

/** The figures of runs in order, their seconds counted from `originAbs`. */
export function figuresOf(runs: readonly MeasuredRun[], originAbs: number): Figures {
  const sum = (f: (r: MeasuredRun) => number) => runs.reduce((n, r) => n + f(r), 0);
  const m = (r: MeasuredRun) => r.outcome.measures;
  const reads: ReadCounts = {
    offered: sum((r) => m(r).offered.reads),
    sent: sum((r) => m(r).sent.reads),
    accepted: sum((r) => m(r).accepted),
    rejected: sum((r) => m(r).rejected),
    failed: sum((r) => m(r).failed),
    unaccounted: sum((r) => m(r).unaccounted),
    unsent: sum((r) => m(r).unsent.reads),
  };
  const offeredSeconds = sum((r) => r.outcome.offeredSpanMs) / 1000;
  const sendingSeconds = sum((r) => Math.max(r.outcome.offeredSpanMs, r.outcome.sendingMs)) / 1000;
  const elapsedSeconds = sum((r) => Math.max(r.outcome.offeredSpanMs, r.outcome.elapsedMs)) / 1000;
  const answered = reads.accepted + reads.rejected;
  const requests = sum((r) => m(r).sent.requests);
  const generators = runs.map(generatorOf);
  return {
    offered: {
      ...rate(reads.offered, offeredSeconds),
      requests: sum((r) => m(r).offered.requests),
    },
    sent: { ...rate(reads.sent, sendingSeconds), requests },
    achieved: rate(answered, elapsedSeconds),
    reads,
    latencyMs: latencyOf(runs),
    alerts: {
      expected: sum((r) => r.probes.expected),
      alerted: sum((r) => r.probes.alerted),
      missing: sum((r) => r.probes.missing),
    },
    errors: errorsOf(runs, reads),
    behindSchedule: behindOf(runs, requests),
    generator: {
      eventLoopUtilisation: Math.max(0, ...generators.map((g) => g.eventLoopUtilisation)),
      limited: generators.some((g) => g.limited),
      shortfallReadsPerSecond: Math.max(0, ...generators.map((g) => g.shortfallReadsPerSecond)),
    },
    series: seriesOf(runs, originAbs),
  };
}

/** Whether this process, rather than the hub, is what kept the rate from being offered. */
export function generatorOf(run: MeasuredRun): GeneratorFigures {
  const { measures: m, offeredSpanMs, sendingMs, eventLoopUtilisation } = run.outcome;
  const offered = m.offered.reads / (offeredSpanMs / 1000);
  const sent = m.sent.reads / (Math.max(offeredSpanMs, sendingMs) / 1000);
  const lateShare = m.behind.sends / Math.max(1, m.sent.requests);
  const behind = lateShare > LATE_SHARE || m.unsent.reads > 0;
  return {
    eventLoopUtilisation,
    limited: behind && eventLoopUtilisation >= BUSY_UTILISATION,
    shortfallReadsPerSecond: Math.max(0, Math.round(offered - sent)),
  };
}

function rate(reads: number, seconds: number): Rate {
  return { reads, readsPerSecond: seconds > 0 ? Math.round((reads / seconds) * 10) / 10 : 0 };
}

function latencyOf(runs: readonly MeasuredRun[]): LoadResult['latencyMs'] {
  const ingest = new LoadHistogram();
  const service = new LoadHistogram();
  const alert = new LoadHistogram();
  for (const { outcome } of runs) {
    ingest.add(outcome.measures.ingest);
    service.add(outcome.measures.service);
    alert.add(outcome.measures.alert);
  }
  return {
    ingest: ingest.percentiles(),
    alert: alert.percentiles(),
    service: service.percentiles(),
  };
}

function errorsOf(runs: readonly MeasuredRun[], reads: ReadCounts): LoadResult['errors'] {
  const byKind: Record<string, number> = {};
  const samples: Record<string, string> = {};
  for (const { outcome } of runs) {
    for (const [kind, n] of outcome.measures.faults) byKind[kind] = (byKind[kind] ?? 0) + n;
    for (const [kind, why] of outcome.measures.faultSamples) samples[kind] ??= why;
  }
  const errorRate = reads.sent === 0 ? 0 : reads.failed / reads.sent;
  return { byKind, samples, errorRate: Math.round(errorRate * 1e6) / 1e6 };
}

function behindOf(runs: readonly MeasuredRun[], requests: number): BehindSchedule {
  const b = runs.map((r) => r.outcome.measures.behind);
  const sends = b.reduce((n, x) => n + x.sends, 0);
  return {
    sends,
    share: requests === 0 ? 0 : Math.round((sends / requests) * 1e6) / 1e6,
    worstLagMs: Math.round(Math.max(0, ...b.map((x) => x.worstLagMs)) * 1000) / 1000,
    waitingForConnection: b.reduce((n, x) => n + x.waitingForConnection, 0),
    generatorLate: b.reduce((n, x) => n + x.generatorLate, 0),
  };
}

/** The runs' seconds on one timeline, quiet seconds between runs filled with zeros. */
function seriesOf(runs: readonly MeasuredRun[], originAbs: number): SecondPoint[] {
  const series: SecondPoint[] = [];
  for (const { outcome } of runs) {
    const offset = Math.max(0, Math.round((outcome.measures.originAbs - originAbs) / 1000));
    while (series.length < offset) series.push(quietSecond(series.length));
    for (const point of outcome.measures.series()) {
      series.push({ ...point, second: series.length });
    }
  }
  return series;
}

function quietSecond(second: number): SecondPoint {
  return {
    second,
    offered: 0,
    sent: 0,
    achieved: 0,
    failed: 0,
    behindSchedule: 0,
    p50Ms: null,
    p99Ms: null,
    maxMs: null,
    alertP99Ms: null,
  };
}

export interface Bounds {
  maxP99Ms: { value: number; source: LoadThreshold['source'] };
  maxErrorRate: { value: number; source: LoadThreshold['source'] };
}

/** The thresholds a run's figures are judged by. */
export function thresholdsOf(figures: Figures, bounds: Bounds): LoadThreshold[] {
  const p99 = bounds.maxP99Ms;
  const judged: LoadThreshold[] = [
    judge('latencyMs.ingest.p99', figures.latencyMs.ingest.p99, p99.value, p99.source),
  ];
  if (figures.alerts.expected > 0) {
    judged.push(judge('latencyMs.alert.p99', figures.latencyMs.alert.p99, p99.value, p99.source));
  }
  const errors = bounds.maxErrorRate;
  judged.push(judge('errors.errorRate', figures.errors.errorRate, errors.value, errors.source));
  return judged;
}

function judge(
  metric: string,
  value: number | null,
  max: number,
  source: LoadThreshold['source'],
): LoadThreshold {
  return { metric, max, value, pass: value !== null && value <= max, source };
}

/** What must hold of any test whatever its thresholds. */
export function checksOf(figures: Figures, stopped: StopReason | null): LoadCheck[] {
  const r = figures.reads;
  const g = figures.generator;
  const lost = stopped?.kind === 'hub-lost';
  const checks: LoadCheck[] = [
    {
      name: 'the hub answered throughout',
      pass: !lost,
      detail: lost ? `it stopped at ${stopped.atMs / 1000} s: ${stopped.message}` : 'yes',
    },
    {
      name: 'every read offered was sent',
      pass: r.unsent === 0,
      detail: r.unsent === 0 ? 'yes' : `${r.unsent} reads were never sent`,
    },
    {
      name: 'every read sent was accounted for',
      pass: r.unaccounted === 0,
      detail:
        r.unaccounted === 0
          ? 'accepted + rejected + failed = sent'
          : `${count(r.unaccounted)} reads were neither accepted, rejected nor failed`,
    },
    {
      name: 'the generator kept up',
      pass: !g.limited,
      detail: g.limited
        ? `short by ${count(g.shortfallReadsPerSecond)} reads/s, this process busy ` +
          `${Math.round(g.eventLoopUtilisation * 100)}% of the time`
        : 'yes',
    },
  ];
  if (figures.alerts.expected > 0) {
    const a = figures.alerts;
    checks.push({
      name: 'every probe read raised its alert',
      pass: a.missing === 0,
      detail:
        a.missing === 0
          ? `${a.alerted} alerts`
          : `${count(a.missing)} of ${count(a.expected)} missing`,
    });
  }
  return checks;
}
