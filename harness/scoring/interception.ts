import type { FieldEvent, UnitStats } from '../../simulator/units/index.js';
import type { Journey, Offence } from '../../simulator/world/types.js';
import type { TruthHotlist } from './truth-hotlist.js';
import { LatencyRecorder, type Percentiles } from './latency.js';

export type InnocentReason =
  'misread' | 'cloned-plate' | 'stale-entry' | 'wrong-entry' | 'not-listed';

/** What became of one offender journey. */
export interface JourneyOutcome {
  journeyId: string;
  group: string;
  home: string;
  target: string;
  marks: string[];
  departAt: number;
  offenceAt: number;
  homeAt: number;
  /** First true alert on any of its vehicles (simulated ms), or null. */
  firstAlertAt: number | null;
  outcome: 'intercepted-before-offence' | 'intercepted-after-offence' | 'not-intercepted';
  interceptedAt: number | null;
  interceptedBy: string | null;
}

export interface InterceptionScores {
  journeys: number;
  /** Journeys alerted on at least once. */
  alerted: number;
  intercepted: number;
  interceptedBeforeOffence: number;
  interceptedAfterOffence: number;
  /** Minutes from a journey's first alert to its interception. */
  alertToInterceptionMin: Percentiles;
  stops: number;
  /** Stops of listed vehicles that were not on an offender journey: right, but not the aim. */
  justifiedStops: number;
  innocentStops: number;
  innocentStopsByReason: Record<InnocentReason, number>;
  dispatches: number;
  dispatchesRefused: number;
  dispatchesRefusedByReason: Record<string, number>;
  misses: number;
  missesByReason: Record<string, number>;
  standDowns: number;
  /** Unit time spent on dispatches, minutes. */
  unitMinutes: number;
}

/**
 * Interception scoring: every stop the field reports is judged against ground truth: an
 * offender on a journey, a vehicle rightly listed, or an innocent driver stopped because of
 * a misread, a stale or wrong entry, or a cloned plate.
 */
export class InterceptionBook {
  private readonly outcomes: JourneyOutcome[];
  private readonly journeyOf = new Map<number, JourneyOutcome[]>();
  private readonly innocent: Record<InnocentReason, number> = {
    misread: 0,
    'cloned-plate': 0,
    'stale-entry': 0,
    'wrong-entry': 0,
    'not-listed': 0,
  };
  private readonly refused = new Map<string, number>();
  private readonly missed = new Map<string, number>();
  private readonly toInterception = new LatencyRecorder();
  private stops = 0;
  private justified = 0;
  private dispatches = 0;
  private standDowns = 0;

  constructor(
    journeys: readonly Journey[],
    offences: readonly Offence[],
    private readonly clonedMarks: ReadonlySet<string>,
  ) {
    const offenceAt = new Map(offences.map((o) => [o.offenceId, o.atMs]));
    this.outcomes = journeys.map((j) => {
      const outcome: JourneyOutcome = {
        journeyId: j.journeyId,
        group: j.groupName,
        home: j.home,
        target: j.target,
        marks: j.vehicles.map((v) => v.shownVrm),
        departAt: j.departMs,
        offenceAt: offenceAt.get(j.offenceId) ?? j.arriveMs,
        homeAt: j.homeMs,
        firstAlertAt: null,
        outcome: 'not-intercepted',
        interceptedAt: null,
        interceptedBy: null,
      };
      for (const v of j.vehicles) {
        const list = this.journeyOf.get(v.vehicleId) ?? [];
        list.push(outcome);
        this.journeyOf.set(v.vehicleId, list);
      }
      return outcome;
    });
  }

  /** A true alert on a vehicle, at simulated time `atMs`. */
  alerted(vehicleId: number, atMs: number): void {
    const journey = this.activeJourney(vehicleId, atMs);
    if (journey && journey.firstAlertAt === null) journey.firstAlertAt = atMs;
  }

  dispatched(): void {
    this.dispatches++;
  }

  dispatchRefused(reason: string): void {
    this.refused.set(reason, (this.refused.get(reason) ?? 0) + 1);
  }

  stoodDown(): void {
    this.standDowns++;
  }

  /**
   * A field event. `falseAlert` says whether the alert behind the dispatch was false, so
   * that a stop it caused is put down to a misread.
   */
  field(
    event: FieldEvent,
    hotlist: TruthHotlist,
    falseAlert: boolean,
  ): 'offender' | 'justified' | 'innocent' | null {
    if (event.kind === 'missed') {
      this.missed.set(event.reason, (this.missed.get(event.reason) ?? 0) + 1);
      return null;
    }
    if (event.kind !== 'stopped') return null;
    this.stops++;
    const journey = this.activeJourney(event.vehicleId, event.atMs);
    if (journey) {
      if (journey.interceptedAt === null) {
        journey.interceptedAt = event.atMs;
        journey.interceptedBy = event.unitId;
        journey.outcome =
          event.atMs < journey.offenceAt
            ? 'intercepted-before-offence'
            : 'intercepted-after-offence';
        if (journey.firstAlertAt !== null)
          this.toInterception.recordMs((event.atMs - journey.firstAlertAt) / 60_000);
      }
      return 'offender';
    }
    const entries = hotlist.entries(event.vrm);
    const rightful = entries.some((e) => e.vehicleId === event.vehicleId && !e.wrong && !e.stale);
    if (rightful && !falseAlert) {
      this.justified++;
      return 'justified';
    }
    this.innocent[innocentReason(event.vrm, entries, falseAlert, this.clonedMarks)]++;
    return 'innocent';
  }

  scores(units: readonly UnitStats[]): InterceptionScores {
    const count = (o: JourneyOutcome['outcome']) =>
      this.outcomes.filter((j) => j.outcome === o).length;
    const before = count('intercepted-before-offence');
    const after = count('intercepted-after-offence');
    return {
      journeys: this.outcomes.length,
      alerted: this.outcomes.filter((j) => j.firstAlertAt !== null).length,
      intercepted: before + after,
      interceptedBeforeOffence: before,
      interceptedAfterOffence: after,
      alertToInterceptionMin: this.toInterception.percentiles(),
      stops: this.stops,
      justifiedStops: this.justified,
      innocentStops: Object.values(this.innocent).reduce((a, b) => a + b, 0),
      innocentStopsByReason: { ...this.innocent },
      dispatches: this.dispatches,
      dispatchesRefused: [...this.refused.values()].reduce((a, b) => a + b, 0),
      dispatchesRefusedByReason: Object.fromEntries([...this.refused].sort()),
      misses: [...this.missed.values()].reduce((a, b) => a + b, 0),
      missesByReason: Object.fromEntries([...this.missed].sort()),
      standDowns: this.standDowns,
      unitMinutes: Math.round(units.reduce((sum, u) => sum + u.busyMs, 0) / 60_000),
    };
  }

  journeys(): readonly JourneyOutcome[] {
    return this.outcomes;
  }

  private activeJourney(vehicleId: number, atMs: number): JourneyOutcome | undefined {
    return this.journeyOf.get(vehicleId)?.find((j) => atMs >= j.departAt && atMs <= j.homeAt);
  }
}

function innocentReason(
  vrm: string,
  entries: readonly { vehicleId: number | null; wrong: boolean; stale: boolean }[],
  falseAlert: boolean,
  clonedMarks: ReadonlySet<string>,
): InnocentReason {
  if (clonedMarks.has(vrm)) return 'cloned-plate';
  if (falseAlert) return 'misread';
  if (entries.some((e) => e.stale)) return 'stale-entry';
  if (entries.some((e) => e.wrong)) return 'wrong-entry';
  return 'not-listed';
}
