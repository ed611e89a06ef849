import type { Network } from '../network/index.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { buildZones, type Zone } from '../traffic/zones.js';
import { daysBetween, Gravity, planVehicleDay, type DayInfo } from '../traffic/demand.js';
import { PlanStore } from '../traffic/plans.js';
import { RouteCache, type CachedRoute } from '../traffic/routes.js';
import { buildRegistry, type Registry } from '../vehicles/registry.js';
import { planOffending } from '../offenders/journeys.js';
import { buildHotlist } from './hotlist-plan.js';
import { CameraService } from './cameras.js';
import { PendingReads, PendingSightings } from './pending.js';
import { TimeQueue } from './queue.js';
import { ShardFilter, type ShardSpec } from './shard.js';
import { SummaryCounter, type CountPoint, type WorldSummary } from './summary.js';
import type { HotlistChange, Journey, Offence, Read, Sighting, Trip } from './types.js';

/** Trips depart up to this long before the window so that traffic is flowing at its start. */
const LEAD_IN_MS = 4 * 3_600_000;

/** Records are handed out in batches after this many trips, unless told otherwise. */
const TRIPS_PER_BATCH = 25_000;

export interface WorldBatch {
  reads: Read[];
  sightings: Sighting[];
  hotlist: HotlistChange[];
  /** Trips, for a SUMO route file; only filled when asked for. */
  trips: Trip[];
  tripsDone: number;
  /** Simulated time reached, for progress: every trip departing before it has been played. */
  simTimeMs: number;
}

export interface WorldOptions {
  shard?: ShardSpec;
  /** Keep each trip's edges in the batches (for SUMO route files). */
  keepTrips?: boolean;
  /** Traffic counts to compare modelled flows with, in the summary. */
  countPoints?: CountPoint[];
  /** Hand out a batch after this many trips (25,000 unless set). */
  tripsPerBatch?: number;
}

/**
 * The world of one scenario: builds the registry, the offenders' plans and the hotlist up
 * front, then plays every trip in departure order and hands out sightings (by time seen),
 * reads (by time delivered) and hotlist changes (by time made) in batches. Memory holds one
 * day's trip plans and the records not yet due.
 */
export class World {
  readonly scenario: ResolvedScenario;
  readonly network: Network;
  readonly zones: Zone[];
  readonly registry: Registry;
  readonly offences: Offence[];
  readonly journeys: Journey[];
  readonly notes: string[];
  private readonly routes: RouteCache;
  private readonly gravity: Gravity;
  private readonly shard: ShardFilter;
  private readonly cameras: CameraService;
  private readonly offenderTrips: Trip[];
  /** Vehicles in thieves' hands, from when: their owners make no trips after that. */
  private readonly stolenFromMs: Map<number, number>;
  private readonly hotlist: HotlistChange[];
  private readonly counter: SummaryCounter;
  private readonly keepTrips: boolean;
  private readonly tripsPerBatch: number;
  /** Slots of the sightings a flush finds due, reused from one flush to the next. */
  private readonly dueSlots: number[] = [];

  constructor(scenario: ResolvedScenario, network: Network, options: WorldOptions = {}) {
    this.scenario = scenario;
    this.network = network;
    this.shard = new ShardFilter(options.shard ?? { index: 0, count: 1 });
    this.keepTrips = options.keepTrips ?? false;
    this.tripsPerBatch = options.tripsPerBatch ?? TRIPS_PER_BATCH;
    this.zones = buildZones(network);
    this.routes = new RouteCache(network, this.zones, scenario.seed);
    this.gravity = new Gravity(this.zones, scenario);
    this.registry = buildRegistry(registryOptions(scenario, this.zones));
    this.cameras = new CameraService(scenario, network);

    const plan = planOffending({
      seed: scenario.seed,
      network,
      registry: this.registry,
      groups: scenario.offenders.groups,
      settings: scenario.offenders,
      startMs: scenario.startMs,
      endMs: scenario.endMs,
    });
    this.notes = plan.notes;
    this.stolenFromMs = stolenVehicles(plan);
    this.offenderTrips = plan.trips.filter((t) => this.shard.hasVehicle(t.vehicleId));
    this.offences = plan.offences.filter((o) => this.shard.hasGroup(o.groupName));
    this.journeys = plan.journeys.filter((j) => this.shard.hasGroup(j.groupName));
    this.hotlist = buildHotlist(scenario, this.registry, this.zones, plan).filter((c) =>
      this.shard.hasHotlistChange(c),
    );
    this.counter = new SummaryCounter(scenario, network, options.countPoints ?? []);
  }

  /** Plays the scenario, yielding records in time order. */
  *play(): Generator<WorldBatch> {
    const pending = new PendingSightings();
    const sightings = new TimeQueue((slot) => pending.idOf(slot));
    const pendingReads = new PendingReads();
    const reads = new TimeQueue((slot) => pendingReads.idOf(slot));
    const hotlist = new TimeQueue((i) => this.hotlist[i]!.changeId);
    const queues = { pending, sightings, pendingReads, reads, hotlist };
    this.hotlist.forEach((change, i) => hotlist.push(i, change.atMs));
    this.counter.hotlist(this.hotlist);
    this.counter.offending(this.journeys, this.offences);

    let batch = emptyBatch();
    for (const trip of this.tripsInOrder()) {
      this.flush(trip.departMs, queues, batch);
      this.playTrip(trip, pending, sightings);
      if (this.keepTrips) batch.trips.push(trip);
      batch.simTimeMs = trip.departMs;
      if (++batch.tripsDone >= this.tripsPerBatch) {
        yield batch;
        batch = emptyBatch();
      }
    }
    this.flush(Infinity, queues, batch);
    batch.simTimeMs = this.scenario.endMs;
    yield batch;
  }

  summary(): WorldSummary {
    return this.counter.result(this.registry, this.routes.size, this.notes);
  }

  private flush(beforeMs: number, queues: Queues, batch: WorldBatch): void {
    const from = { s: batch.sightings.length, r: batch.reads.length };
    queues.hotlist.drainBefore(beforeMs, this.dueSlots);
    for (const i of this.dueSlots) batch.hotlist.push(this.hotlist[i]!);
    this.dueSlots.length = 0;
    queues.sightings.drainBefore(beforeMs, this.dueSlots);
    // A sighting's reads are made once it is due, not when its trip is played: each read
    // is delivered after its sighting, so it still comes out in this flush or a later one,
    // and it is held for seconds rather than for the whole trip.
    for (const slot of this.dueSlots) {
      const pending = queues.pending.take(slot);
      const sighting = this.cameras.sighting(pending);
      batch.sightings.push(sighting);
      for (const read of this.cameras.readsFor(sighting, pending.pass.placement))
        queues.reads.push(queues.pendingReads.add(read), read.deliveredAtMs);
    }
    this.dueSlots.length = 0;
    queues.reads.drainBefore(beforeMs, this.dueSlots);
    for (const slot of this.dueSlots) batch.reads.push(queues.pendingReads.take(slot));
    this.dueSlots.length = 0;
    this.counter.sightings(batch.sightings, from.s);
    this.counter.reads(batch.reads, from.r);
  }

  private playTrip(
    trip: Trip & { route?: CachedRoute },
    pending: PendingSightings,
    sightings: TimeQueue,
  ): void {
    this.counter.trip(trip, this.registry.typeOf(trip.vehicleId) === 'hgv');
    // Ordinary trips carry their cached route; offenders' trips are described here.
    const route = trip.route ?? this.cameras.describeEdges(trip.edges);
    const { startMs, endMs } = this.scenario;
    this.cameras.passesSeen(trip, route, (k, pass, atMs) => {
      if (atMs >= startMs && atMs < endMs) sightings.push(pending.add(trip, k, pass, atMs), atMs);
    });
  }

  private days(): DayInfo[] {
    const { startMs, endMs } = this.scenario;
    return daysBetween(startMs - LEAD_IN_MS, endMs, this.scenario.dayOverride);
  }

  private planDay(day: DayInfo, store: PlanStore): PlanStore {
    const ctx = {
      seed: this.scenario.seed,
      scenario: this.scenario,
      gravity: this.gravity,
      routes: this.routes,
    };
    const fromMs = this.scenario.startMs - LEAD_IN_MS;
    const toMs = this.scenario.endMs;
    const sink = {
      add: (
        vehicleId: number,
        tripNo: number,
        departMs: number,
        from: number,
        to: number,
        variant: 0 | 1,
      ) => {
        if (departMs >= fromMs && departMs < toMs)
          store.add(day.day, vehicleId, tripNo, departMs, from, to, variant);
      },
    };
    for (let id = 0; id < this.registry.size; id++) {
      if (this.shard.hasVehicle(id))
        planVehicleDay({ id, homeZone: this.registry.homeZoneOf(id) }, day, ctx, sink);
    }
    return store;
  }

  /**
   * Ordinary trips day by day, merged with the offenders' trips, in departure order. A
   * day's late trips home run past midnight, so those are carried into the next day's
   * plans rather than played before the next day's early trips.
   */
  private *tripsInOrder(): Generator<Trip & { route?: CachedRoute }> {
    const offenders = [...this.offenderTrips].sort(byDeparture);
    let next = 0;
    const days = this.days();
    let carried = new PlanStore();
    for (let d = 0; d < days.length; d++) {
      const day = days[d]!;
      const plans = this.planDay(day, carried);
      const untilMs = days[d + 1]?.midnightMs ?? Infinity;
      carried = new PlanStore();
      for (const i of plans.orderByDeparture()) {
        const departMs = plans.departMs[i]!;
        if (departMs >= untilMs) {
          carried.addFrom(plans, i);
          continue;
        }
        while (next < offenders.length && offenders[next]!.departMs <= departMs)
          yield offenders[next++]!;
        const trip = this.ordinaryTrip(plans, i);
        if (trip) yield trip;
      }
    }
    while (next < offenders.length) yield offenders[next++]!;
  }

  private ordinaryTrip(plans: PlanStore, i: number): (Trip & { route: CachedRoute }) | null {
    const stolenMs = this.stolenFromMs.get(plans.vehicle[i]!);
    if (stolenMs !== undefined && plans.departMs[i]! >= stolenMs) return null;
    const route = this.routes.get(plans.from[i]!, plans.to[i]!, plans.variant[i] as 0 | 1);
    if (!route) return null;
    const vehicleId = plans.vehicle[i]!;
    return {
      id: `t-${vehicleId}-${plans.day[i]}-${plans.tripNo[i]}`,
      vehicleId,
      vrm: this.registry.vrmOf(vehicleId),
      departMs: plans.departMs[i]!,
      edges: route.edges,
      fromZone: plans.from[i]!,
      toZone: plans.to[i]!,
      route,
    };
  }
}

/**
 * Vehicles the offenders take: those stolen before a journey make no ordinary trips at all
 * (the plan steals them hours before), those taken at a target none after the offence.
 */
function stolenVehicles(plan: ReturnType<typeof planOffending>): Map<number, number> {
  const from = new Map<number, number>();
  for (const j of plan.journeys) {
    for (const v of j.vehicles) if (v.kind === 'stolen') from.set(v.vehicleId, -Infinity);
  }
  for (const o of plan.offences) {
    if (o.stolenVehicleId !== null)
      from.set(o.stolenVehicleId, Math.min(from.get(o.stolenVehicleId) ?? Infinity, o.atMs));
  }
  return from;
}

function byDeparture(a: Trip, b: Trip): number {
  return a.departMs - b.departMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** What is played but not yet handed out. */
interface Queues {
  pending: PendingSightings;
  /** Slots of `pending`, by the time each sighting is made. */
  sightings: TimeQueue;
  pendingReads: PendingReads;
  /** Slots of `pendingReads`, by the time each read is delivered. */
  reads: TimeQueue;
  /** Places in the world's hotlist changes, by the time each change is made. */
  hotlist: TimeQueue;
}

function emptyBatch(): WorldBatch {
  return { reads: [], sightings: [], hotlist: [], trips: [], tripsDone: 0, simTimeMs: 0 };
}

/**
 * Goods vehicles make up far more of through traffic than of local traffic (a quarter of
 * the A66's vehicles, by National Highways' figure), so vehicles kept at gateways are
 * this many times likelier to be HGVs, and local ones less likely, keeping the overall
 * share at the scenario's `hgvShare`.
 */
const THROUGH_HGV_FACTOR = 2.5;

function hgvFactors(throughShare: number): { place: number; gateway: number } {
  if (throughShare <= 0 || throughShare >= 1) return { place: 1, gateway: 1 };
  const place = Math.max(0.2, (1 - THROUGH_HGV_FACTOR * throughShare) / (1 - throughShare));
  return { place, gateway: (1 - place * (1 - throughShare)) / throughShare };
}

function registryOptions(scenario: ResolvedScenario, zones: readonly Zone[]) {
  const t = scenario.traffic;
  const total = (kind: Zone['kind']): number =>
    zones.filter((z) => z.kind === kind).reduce((s, z) => s + z.weight, 0);
  const placeTotal = total('place');
  const gatewayTotal = total('gateway');
  const factors = hgvFactors(t.throughShare);
  return {
    seed: scenario.seed,
    size: Math.round(t.dailyTrips / t.tripsPerVehicle),
    zones: zones.map((z) => ({
      region: z.area,
      lat: z.lat,
      weight:
        z.kind === 'place'
          ? (z.weight / placeTotal) * (1 - t.throughShare)
          : (z.weight / gatewayTotal) * t.throughShare,
      hgvFactor: z.kind === 'place' ? factors.place : factors.gateway,
    })),
    hgvShare: t.hgvShare,
    foreignShare: t.foreignShare,
    olderPlateShare: t.olderPlateShare,
    safePlates: t.safePlates,
    atMs: scenario.startMs,
  };
}
