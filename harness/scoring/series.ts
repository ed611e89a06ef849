import type { CameraKind } from '../../simulator/network/fixture.js';
import { CAMERA_KINDS } from '../../simulator/network/fixture.js';
import type { Network } from '../../simulator/network/index.js';
import type { Journey, Read, Trip } from '../../simulator/world/types.js';
import { iso } from '../generate/records.js';

/**
 * What a run's report draws, beyond the scores in `summary.json`: reads over time, the
 * latency distribution, the detection funnel, and the map (the roads, camera sites sized by
 * reads, offender routes, alerts and stops). The runner gathers it as it goes and writes it
 * into the run log as one `series` line, so that a report can be rebuilt from the run's
 * folder alone.
 */
export interface RunSeries {
  /** Start of each hour of the run, ISO 8601 UTC; the hourly arrays follow it. */
  hours: string[];
  /** Reads delivered to the hub in each hour, by the kind of camera that took them. */
  readsPerHour: Record<CameraKind, number[]>;
  /** Alerts received in each hour: true ones and false ones. */
  alertsPerHour: { true: number[]; false: number[] };
  /** Alert latencies in buckets: count of alerts with latency up to `upToMs` (and above the last). */
  latencyBuckets: { upToMs: number; count: number }[];
  /** Every camera site with the reads the hub accepted from it. */
  cameras: {
    cameraId: string;
    kind: CameraKind;
    name: string;
    lon: number;
    lat: number;
    reads: number;
  }[];
  /**
   * Sighting to read to alert, by hotlist category: listed sightings, those with a read
   * delivered to the hub, those detected.
   */
  funnel: Record<string, { sightings: number; delivered: number; detected: number }>;
  /** The road network, as polylines of [lon, lat] by road class, for the map. */
  roads: { class: string; ref: string; line: [number, number][] }[];
  /** Offender journeys: their route out and home as [lon, lat] polylines. */
  journeys: { journeyId: string; group: string; outcome: string; routes: [number, number][][] }[];
  /** True and false alerts, where and when. */
  alerts: {
    at: string;
    cameraId: string;
    lon: number;
    lat: number;
    category: string;
    priority: number;
    true: boolean;
  }[];
  /** Dispatches: which unit went where, and how it ended. */
  dispatches: {
    at: string;
    dispatchId: string;
    unitId: string;
    lon: number;
    lat: number;
    outcome: string;
  }[];
  /** Stops: who was stopped, where and when, and how the stop is judged. */
  stops: {
    at: string;
    unitId: string;
    lon: number;
    lat: number;
    vrm: string;
    verdict: 'offender' | 'justified' | 'innocent';
  }[];
}

const HOUR_MS = 3_600_000;
const LATENCY_BOUNDS_MS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000,
];

/** Gathers a run's series as the runner goes. */
export class SeriesBook {
  private readonly startMs: number;
  private readonly hourCount: number;
  private readonly readsPerHour: Record<CameraKind, number[]>;
  private readonly alertsTrue: number[];
  private readonly alertsFalse: number[];
  private readonly latency = new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0);
  private readonly cameraReads = new Map<string, number>();
  private readonly kindOf = new Map<string, CameraKind>();
  private readonly journeyRoutes = new Map<string, [number, number][][]>();
  private readonly groupOf = new Map<string, string>();
  private readonly positions = new Map<string, [number, number]>();
  private readonly tripOfJourney = new Map<string, string>();
  readonly alerts: RunSeries['alerts'] = [];
  readonly dispatches: RunSeries['dispatches'] = [];
  readonly stops: RunSeries['stops'] = [];

  constructor(
    private readonly network: Network,
    startMs: number,
    endMs: number,
    journeys: readonly Journey[],
  ) {
    this.startMs = Math.floor(startMs / HOUR_MS) * HOUR_MS;
    this.hourCount = Math.max(1, Math.ceil((endMs - this.startMs) / HOUR_MS));
    const zeros = () => new Array<number>(this.hourCount).fill(0);
    this.readsPerHour = Object.fromEntries(CAMERA_KINDS.map((k) => [k, zeros()])) as Record<
      CameraKind,
      number[]
    >;
    this.alertsTrue = zeros();
    this.alertsFalse = zeros();
    for (const c of network.cameras) this.kindOf.set(c.cameraId, c.kind);
    for (const f of network.fixture.cameras.features) {
      this.positions.set(f.properties.id, [f.geometry.coordinates[0], f.geometry.coordinates[1]]);
    }
    for (const j of journeys) {
      this.journeyRoutes.set(j.journeyId, []);
      this.groupOf.set(j.journeyId, j.groupName);
      for (const id of [...j.outboundTripIds, ...j.returnTripIds])
        this.tripOfJourney.set(id, j.journeyId);
    }
  }

  /** A trip as the world plays it; offenders' trips are kept as lines for the map. */
  trip(trip: Trip): void {
    const journeyId = this.tripOfJourney.get(trip.id);
    if (journeyId === undefined) return;
    this.journeyRoutes.get(journeyId)!.push(this.line(trip.edges));
  }

  delivered(read: Read, atMs: number): void {
    const kind = this.kindOf.get(read.cameraId);
    if (kind) this.readsPerHour[kind][this.hour(atMs)]!++;
    this.cameraReads.set(read.cameraId, (this.cameraReads.get(read.cameraId) ?? 0) + 1);
  }

  alert(
    atMs: number,
    isTrue: boolean,
    latencyMs: number | null,
    entry: Omit<RunSeries['alerts'][number], 'at' | 'true' | 'lon' | 'lat'>,
  ): void {
    (isTrue ? this.alertsTrue : this.alertsFalse)[this.hour(atMs)]!++;
    if (latencyMs !== null) {
      const at = LATENCY_BOUNDS_MS.findIndex((b) => latencyMs <= b);
      this.latency[at === -1 ? LATENCY_BOUNDS_MS.length : at]!++;
    }
    const [lon, lat] = this.cameraPosition(entry.cameraId);
    this.alerts.push({ at: iso(atMs), ...entry, lon, lat, true: isTrue });
  }

  result(funnel: RunSeries['funnel'], outcomes: ReadonlyMap<string, string>): RunSeries {
    const features = new Map(
      this.network.fixture.cameras.features.map((f) => [f.properties.id, f]),
    );
    return {
      hours: Array.from({ length: this.hourCount }, (_, h) => iso(this.startMs + h * HOUR_MS)),
      readsPerHour: this.readsPerHour,
      alertsPerHour: { true: this.alertsTrue, false: this.alertsFalse },
      latencyBuckets: [
        ...LATENCY_BOUNDS_MS.map((upToMs, i) => ({ upToMs, count: this.latency[i]! })),
        { upToMs: Infinity, count: this.latency[LATENCY_BOUNDS_MS.length]! },
      ].map((b) => ({ ...b, upToMs: Number.isFinite(b.upToMs) ? b.upToMs : -1 })),
      cameras: this.network.cameras.map((c) => {
        const f = features.get(c.cameraId)!;
        const [lon, lat] = f.geometry.coordinates;
        return {
          cameraId: c.cameraId,
          kind: c.kind,
          name: f.properties.name,
          lon,
          lat,
          reads: this.cameraReads.get(c.cameraId) ?? 0,
        };
      }),
      funnel,
      roads: this.network.fixture.roads.features.map((f) => ({
        class: f.properties.class,
        ref: f.properties.ref ?? '',
        line: f.geometry.coordinates.map(
          ([lon, lat]) => [round6(lon), round6(lat)] as [number, number],
        ),
      })),
      journeys: [...this.journeyRoutes].map(([journeyId, routes]) => ({
        journeyId,
        group: this.groupOf.get(journeyId) ?? '',
        outcome: outcomes.get(journeyId) ?? 'not-intercepted',
        routes,
      })),
      alerts: this.alerts,
      dispatches: this.dispatches,
      stops: this.stops,
    };
  }

  /** A camera site's position; [0, 0] for an id the network does not have. */
  cameraPosition(cameraId: string): [number, number] {
    return this.positions.get(cameraId) ?? [0, 0];
  }

  private line(edges: Iterable<number>): [number, number][] {
    const g = this.network.graph;
    const out: [number, number][] = [];
    for (const e of edges) {
      for (let k = g.geomStart[e]!; k < g.geomStart[e + 1]!; k++) {
        out.push([round6(g.geomLon[k]!), round6(g.geomLat[k]!)]);
      }
    }
    return out;
  }

  private hour(atMs: number): number {
    return Math.min(this.hourCount - 1, Math.max(0, Math.floor((atMs - this.startMs) / HOUR_MS)));
  }
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
