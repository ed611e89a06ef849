import { iso } from '../generate/records.js';
import type { HubInfo } from '../hub-api/protocol.js';
import type { RunRecord, TimeMode } from '../runner/runner.js';
import type { DetectionScores } from './detection.js';
import type { InterceptionScores, JourneyOutcome } from './interception.js';
import { judge, type ThresholdResult, type Thresholds } from './thresholds.js';
import { count } from '../format.js';

export const HARNESS = { name: 'anpr-testbed', version: '0.1.0' } as const;

/** A check every run must pass whatever its thresholds say. */
export interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

/** What `summary.json` holds. */
export interface RunSummary {
  verdict: 'pass' | 'fail';
  scenario: {
    name: string;
    file: string;
    /** SHA-256 of the scenario file, so that two runs of the same file can be told apart. */
    sha256: string;
    seed: number;
    window: { start: string; end: string };
  };
  hub: {
    name: string | null;
    version: string | null;
    protocol: string | null;
    target: string;
    /** The settings the hub said change its decisions; empty when it said none. */
    settings: Record<string, string | number | boolean>;
  };
  harness: typeof HARNESS;
  mode: TimeMode;
  run: {
    wallMs: number;
    simulatedMs: number;
    /** Simulated time over wall-clock time. */
    speedup: number;
    ticks: number;
    interrupted: boolean;
  };
  reads: RunRecord['reads'] & { rejectedByReason: Record<string, number> };
  hubEvents: RunRecord['events'];
  faults: {
    byKind: Record<string, number>;
    failedCalls: Record<string, number>;
    retries: number;
    hubDownSpells: number;
  };
  detection: DetectionScores;
  interception: InterceptionScores;
  units: ReturnType<RunRecord['field']['stats']>;
  journeys: (Omit<
    JourneyOutcome,
    'departAt' | 'offenceAt' | 'homeAt' | 'firstAlertAt' | 'interceptedAt'
  > & {
    departAt: string;
    offenceAt: string;
    homeAt: string;
    firstAlertAt: string | null;
    interceptedAt: string | null;
  })[];
  checks: Check[];
  thresholds: ThresholdResult[];
  notes: string[];
}

export interface SummaryContext {
  scenarioName: string;
  scenarioFile: string;
  scenarioSha256: string;
  seed: number;
  thresholds: Thresholds;
  mode: TimeMode;
  target: string;
}

/** Judges a run: its scores, the checks every run must pass and the scenario's thresholds. */
export function summarise(record: RunRecord, context: SummaryContext): RunSummary {
  const units = record.field.stats();
  const simulatedMs = record.sim.reachedMs - record.sim.startMs;
  const hub: HubInfo | null = record.hub;
  const reads = record.reads;
  const accounted = reads.delivered + reads.rejected + reads.failed + reads.unsent;
  const checks: Check[] = [
    {
      name: 'hub answered',
      pass: hub !== null,
      detail: hub
        ? `${hub.name} ${hub.version}`
        : 'the hub never described itself (GET /v1/hub failed)',
    },
    {
      name: 'reads accounted for',
      pass: accounted === reads.generated,
      detail:
        `${count(reads.generated)} generated; ${count(reads.delivered)} delivered, ` +
        `${count(reads.rejected)} rejected, ${count(reads.failed)} failed, ` +
        `${count(reads.unsent)} unsent`,
    },
    {
      name: 'every read delivered or rejected',
      pass: reads.failed === 0 && reads.unsent === 0,
      detail:
        reads.failed + reads.unsent === 0
          ? 'no read was lost to hub faults'
          : `${count(reads.failed)} reads failed after retries and ` +
            `${count(reads.unsent)} were never sent`,
    },
  ];
  const base = {
    scenario: {
      name: context.scenarioName,
      file: context.scenarioFile,
      sha256: context.scenarioSha256,
      seed: context.seed,
      window: { start: iso(record.sim.startMs), end: iso(record.sim.endMs) },
    },
    hub: {
      name: hub?.name ?? null,
      version: hub?.version ?? null,
      protocol: hub?.protocol ?? null,
      target: context.target,
      settings: hub?.settings ?? {},
    },
    harness: HARNESS,
    mode: context.mode,
    run: {
      wallMs: Math.round(record.wallMs),
      simulatedMs,
      speedup: record.wallMs > 0 ? Math.round(simulatedMs / record.wallMs) : 0,
      ticks: record.sim.ticks,
      interrupted: record.interrupted,
    },
    reads: { ...reads, rejectedByReason: record.rejectedByReason },
    hubEvents: record.events,
    faults: {
      byKind: Object.fromEntries([...record.link.faults].sort()),
      failedCalls: Object.fromEntries([...record.link.failedCalls].sort()),
      retries: record.link.retries,
      hubDownSpells: record.link.downSpells,
    },
    detection: record.detection.scores(),
    interception: record.interception.scores(units),
    units,
    journeys: record.interception.journeys().map((j) => ({
      ...j,
      departAt: iso(j.departAt),
      offenceAt: iso(j.offenceAt),
      homeAt: iso(j.homeAt),
      firstAlertAt: j.firstAlertAt === null ? null : iso(j.firstAlertAt),
      interceptedAt: j.interceptedAt === null ? null : iso(j.interceptedAt),
    })),
    checks,
    notes: record.notes,
  };
  const thresholds = judge(context.thresholds, base);
  const pass = checks.every((c) => c.pass) && thresholds.every((t) => t.pass);
  return { verdict: pass ? 'pass' : 'fail', ...base, thresholds };
}
