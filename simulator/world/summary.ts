import { CAMERA_KINDS, type CameraKind, type Network } from '../network/index.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { HOTLIST_CATEGORIES } from '../scenario/schema.js';
import { HOURLY_SHARE } from '../traffic/profiles.js';
import { ukHourOfDay } from '../time.js';
import type { Registry } from '../vehicles/registry.js';
import type { HotlistChange, Journey, Offence, Read, Sighting, Trip } from './types.js';

/** A traffic count to compare modelled flows with. */
export interface CountPoint {
  id: string;
  road: string;
  label: string;
  lon: number;
  lat: number;
  /** Vehicles a day, both directions; a range where the source gives one. */
  dailyFlow: number | [number, number];
  /** Share of goods vehicles where the source gives one. */
  hgvShare?: number;
  source: string;
}

export interface CalibrationRow {
  id: string;
  road: string;
  label: string;
  counted: number | [number, number];
  modelledInWindow: number;
  /** The window's count scaled up to a whole day by the hourly profile. */
  modelledDaily: number;
  countedHgvShare: number | null;
  modelledHgvShare: number;
}

export interface WorldSummary {
  vehicles: number;
  trips: { ordinary: number; offender: number };
  sightings: { total: number; byKind: Record<CameraKind, number>; byHour: number[] };
  reads: {
    total: number;
    byKind: Record<CameraKind, number>;
    byHour: number[];
    misreads: number;
    partials: number;
    duplicates: number;
    misreadRate: number;
    captureRate: number;
  };
  offenders: {
    journeys: number;
    nightShare: number;
    aware: number;
    offencesByKind: Record<string, number>;
  };
  hotlist: {
    adds: number;
    removes: number;
    byCategory: Record<string, number>;
    stale: number;
    wrong: number;
  };
  calibration: CalibrationRow[];
  routesCached: number;
  notes: string[];
}

const zeroKinds = (): Record<CameraKind, number> =>
  Object.fromEntries(CAMERA_KINDS.map((k) => [k, 0])) as Record<CameraKind, number>;

/** Tallies a run as its records go by, so the summary costs no second pass. */
export class SummaryCounter {
  private readonly scenario: ResolvedScenario;
  private readonly kindOf = new Map<string, CameraKind>();
  private readonly countEdge: Int32Array;
  private readonly points: readonly CountPoint[];
  private readonly pointCounts: number[];
  private readonly pointHgv: number[];
  private readonly s = { total: 0, byKind: zeroKinds(), byHour: new Array<number>(24).fill(0) };
  private readonly r = {
    total: 0,
    byKind: zeroKinds(),
    byHour: new Array<number>(24).fill(0),
    misreads: 0,
    partials: 0,
    duplicates: 0,
  };
  private sightingsRead = 0;
  private readonly trips = { ordinary: 0, offender: 0 };
  private offenders: WorldSummary['offenders'] = {
    journeys: 0,
    nightShare: 0,
    aware: 0,
    offencesByKind: {},
  };
  private hotlistMakeUp: WorldSummary['hotlist'] = {
    adds: 0,
    removes: 0,
    byCategory: {},
    stale: 0,
    wrong: 0,
  };

  constructor(scenario: ResolvedScenario, network: Network, points: readonly CountPoint[] = []) {
    this.scenario = scenario;
    for (const c of network.cameras) this.kindOf.set(c.cameraId, c.kind);
    this.points = points;
    this.pointCounts = points.map(() => 0);
    this.pointHgv = points.map(() => 0);
    this.countEdge = countPointEdges(network, points);
  }

  trip(trip: Trip, hgv: boolean): void {
    if (trip.id.startsWith('o-')) this.trips.offender++;
    else this.trips.ordinary++;
    if (this.points.length === 0) return;
    if (trip.departMs < this.scenario.startMs || trip.departMs >= this.scenario.endMs) return;
    for (const e of trip.edges) {
      const point = this.countEdge[e]!;
      if (point < 0) continue;
      this.pointCounts[point]!++;
      if (hgv) this.pointHgv[point]!++;
    }
  }

  sightings(list: readonly Sighting[], from: number): void {
    for (let i = from; i < list.length; i++) {
      const s = list[i]!;
      this.s.total++;
      this.s.byKind[s.cameraKind]++;
      this.s.byHour[ukHourOfDay(s.atMs)]!++;
    }
  }

  reads(list: readonly Read[], from: number): void {
    for (let i = from; i < list.length; i++) {
      const r = list[i]!;
      this.r.total++;
      this.r.byKind[this.kindOf.get(r.cameraId)!]++;
      this.r.byHour[ukHourOfDay(r.capturedAtMs)]!++;
      if (r.error === 'misread') this.r.misreads++;
      if (r.error === 'partial') this.r.partials++;
      if (r.duplicate) this.r.duplicates++;
      else this.sightingsRead++;
    }
  }

  hotlist(changes: readonly HotlistChange[]): void {
    const byCategory: Record<string, number> = Object.fromEntries(
      HOTLIST_CATEGORIES.map((c) => [c, 0]),
    );
    let adds = 0;
    for (const c of changes) {
      if (c.action !== 'add') continue;
      adds++;
      byCategory[c.category] = (byCategory[c.category] ?? 0) + 1;
    }
    this.hotlistMakeUp = {
      adds,
      removes: changes.length - adds,
      byCategory,
      stale: changes.filter((c) => c.action === 'add' && c.stale).length,
      wrong: changes.filter((c) => c.action === 'add' && c.wrong).length,
    };
  }

  offending(journeys: readonly Journey[], offences: readonly Offence[]): void {
    const night = journeys.filter((j) => {
      const hour = ukHourOfDay(j.departMs);
      return hour >= 20 || hour < 4;
    }).length;
    const byKind: Record<string, number> = {};
    for (const o of offences) byKind[o.kind] = (byKind[o.kind] ?? 0) + 1;
    this.offenders = {
      journeys: journeys.length,
      nightShare: journeys.length === 0 ? 0 : round4(night / journeys.length),
      aware: journeys.filter((j) => j.awareness === 'aware').length,
      offencesByKind: byKind,
    };
  }

  result(registry: Registry, routesCached: number, notes: string[]): WorldSummary {
    const shareOfDay = windowShareOfDay(this.scenario);
    return {
      vehicles: registry.size,
      trips: { ...this.trips },
      sightings: { ...this.s, byKind: { ...this.s.byKind }, byHour: [...this.s.byHour] },
      reads: {
        ...this.r,
        byKind: { ...this.r.byKind },
        byHour: [...this.r.byHour],
        misreadRate: this.r.total === 0 ? 0 : round4(this.r.misreads / this.r.total),
        captureRate: this.s.total === 0 ? 0 : round4(this.sightingsRead / this.s.total),
      },
      offenders: this.offenders,
      hotlist: this.hotlistMakeUp,
      calibration: this.points.map((p, i) => ({
        id: p.id,
        road: p.road,
        label: p.label,
        counted: p.dailyFlow,
        modelledInWindow: this.pointCounts[i]!,
        modelledDaily: Math.round(this.pointCounts[i]! / shareOfDay),
        countedHgvShare: p.hgvShare ?? null,
        modelledHgvShare:
          this.pointCounts[i] === 0 ? 0 : round4(this.pointHgv[i]! / this.pointCounts[i]!),
      })),
      routesCached,
      notes,
    };
  }
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** The share of a day's trips that depart within the window, by the hourly profile. */
function windowShareOfDay(scenario: ResolvedScenario): number {
  let share = 0;
  for (let t = scenario.startMs; t < scenario.endMs; t += 3_600_000) {
    const hours = Math.min(1, (scenario.endMs - t) / 3_600_000);
    share += HOURLY_SHARE[scenario.day][ukHourOfDay(t)]! * hours;
  }
  return share > 0 ? share : 1;
}

/** For each edge, the count point it carries (both directions), or -1. */
function countPointEdges(network: Network, points: readonly CountPoint[]): Int32Array {
  const g = network.graph;
  const mask = new Int32Array(g.edgeCount).fill(-1);
  points.forEach((p, i) => {
    const road = g.roads.findIndex((r) => r.ref === p.road || r.id === p.road);
    const hit = network.index.nearestEdge([p.lon, p.lat], {
      maxDistanceM: 5000,
      ...(road >= 0 ? { accept: (e: number) => g.edgeRoad[e] === road } : {}),
    });
    if (!hit) return;
    mask[hit.edge] = i;
    const twin = g.edgeTwin[hit.edge]!;
    if (twin >= 0) mask[twin] = i;
  });
  return mask;
}
