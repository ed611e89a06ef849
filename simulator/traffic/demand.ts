import { distanceM } from '../network/index.js';
import { AliasTable, streamFor, type Random } from '../random.js';
import type { DayType, ResolvedScenario } from '../scenario/resolve.js';
import { dayOfWeek, MS_PER_DAY, ukStartOfDay } from '../time.js';
import { drawTimeOfDayMs } from './profiles.js';
import type { RouteCache } from './routes.js';
import type { Zone } from './zones.js';

/** Where planned trips go: a vehicle's trips of one day, numbered from 0. */
export interface PlanSink {
  add(
    vehicleId: number,
    tripNo: number,
    departMs: number,
    from: number,
    to: number,
    variant: 0 | 1,
  ): void;
}

/** What the demand model needs to know about a vehicle. */
export interface DemandVehicle {
  id: number;
  homeZone: number;
}

/**
 * The gravity model: trips from zone o go to zone d in proportion to d's weight, any
 * scenario attraction on d, and exp(-distance / scale). One alias table per origin.
 */
export class Gravity {
  private readonly zones: readonly Zone[];
  private readonly scaleM: number;
  private readonly attraction: Float64Array;
  private readonly tables = new Map<number, AliasTable>();

  constructor(zones: readonly Zone[], scenario: ResolvedScenario) {
    this.zones = zones;
    this.scaleM = scenario.traffic.gravityDistanceKm * 1000;
    const boost = scenario.traffic.attraction;
    this.attraction = Float64Array.from(zones, (z) => boost[z.name] ?? 1);
  }

  destination(from: number, random: Random): number {
    let table = this.tables.get(from);
    if (!table) {
      table = new AliasTable(this.weightsFrom(from));
      this.tables.set(from, table);
    }
    return table.draw(random);
  }

  private weightsFrom(from: number): Float64Array {
    const o = this.zones[from]!;
    const weights = Float64Array.from(this.zones, (d, i) => {
      if (i === from) return 0;
      const km = distanceM([o.lon, o.lat], [d.lon, d.lat]);
      // Gateways stand for whole counties beyond, so distance matters less between them.
      const scale = o.kind === 'gateway' && d.kind === 'gateway' ? this.scaleM * 6 : this.scaleM;
      return d.weight * this.attraction[i]! * Math.exp(-km / scale);
    });
    return o.kind === 'gateway' ? this.throughMix(weights) : weights;
  }

  /**
   * Most traffic entering at a gateway is passing through (the A1(M) and A19 carry
   * London to Scotland traffic), so from a gateway this share of trips leaves by another.
   */
  private throughMix(weights: Float64Array): Float64Array {
    let gateways = 0;
    let places = 0;
    this.zones.forEach((z, i) =>
      z.kind === 'gateway' ? (gateways += weights[i]!) : (places += weights[i]!),
    );
    if (gateways === 0 || places === 0) return weights;
    return weights.map((w, i) =>
      this.zones[i]!.kind === 'gateway'
        ? (w / gateways) * THROUGH_SHARE_AT_GATEWAYS
        : (w / places) * (1 - THROUGH_SHARE_AT_GATEWAYS),
    );
  }
}

/** Our estimate, set so that modelled A1(M) flows approach National Highways' counts. */
const THROUGH_SHARE_AT_GATEWAYS = 0.7;

/** Calendar facts about one local day of the window. */
export interface DayInfo {
  day: number;
  midnightMs: number;
  type: DayType;
}

/** The local days that trips departing within [fromMs, toMs) can fall on. */
export function daysBetween(fromMs: number, toMs: number, forced?: DayType): DayInfo[] {
  const days: DayInfo[] = [];
  for (let midnight = ukStartOfDay(fromMs); midnight < toMs;) {
    const day = Math.round(midnight / MS_PER_DAY);
    const dow = dayOfWeek(midnight + 12 * 3_600_000);
    const type = forced ?? (dow === 0 ? 'sunday' : dow === 6 ? 'saturday' : 'weekday');
    days.push({ day, midnightMs: midnight, type });
    midnight = ukStartOfDay(midnight + 36 * 3_600_000);
  }
  return days;
}

export interface DemandContext {
  seed: number;
  scenario: ResolvedScenario;
  gravity: Gravity;
  routes: RouteCache;
}

/**
 * A vehicle's trips on one day, as tours from home and back. Drawn only from the stream
 * keyed by (vehicle, day), so any vehicle's day can be planned on its own.
 */
export function planVehicleDay(
  vehicle: DemandVehicle,
  info: DayInfo,
  ctx: DemandContext,
  out: PlanSink,
): void {
  const random = streamFor(ctx.seed, 'demand', vehicle.id, info.day);
  const traffic = ctx.scenario.traffic;
  const tourMean = traffic.tripsPerVehicle / 2;
  const commuter =
    info.type === 'weekday' && isCommuter(ctx.seed, vehicle.id, traffic.commuterShare);
  let tours = commuter ? 1 + random.poisson(Math.max(0, tourMean - 1)) : random.poisson(tourMean);
  let tripNo = 0;
  let busyUntilMs = info.midnightMs;
  while (tours-- > 0) {
    const isCommute = commuter && tripNo === 0;
    const to = isCommute
      ? workZone(ctx, vehicle)
      : ctx.gravity.destination(vehicle.homeZone, random);
    const departMs = isCommute
      ? info.midnightMs + random.normal(7.7, 0.7) * 3_600_000
      : info.midnightMs + drawTimeOfDayMs(info.type, random.next(), random.next());
    const start = Math.max(departMs, busyUntilMs);
    const variant = random.chance(traffic.routeSpread) ? 1 : 0;
    const out1 = ctx.routes.get(vehicle.homeZone, to, variant);
    if (!out1 || start >= info.midnightMs + MS_PER_DAY) continue;
    const dwellMs = isCommute
      ? random.normal(8.8, 0.8) * 3_600_000
      : random.logNormal(90, 0.8) * 60_000;
    const backMs = start + out1.timeS * 1000 + Math.max(5 * 60_000, dwellMs);
    out.add(vehicle.id, tripNo++, Math.round(start), vehicle.homeZone, to, variant);
    out.add(vehicle.id, tripNo++, Math.round(backMs), to, vehicle.homeZone, variant);
    busyUntilMs = backMs + (ctx.routes.get(to, vehicle.homeZone, variant)?.timeS ?? 0) * 1000;
  }
}

function isCommuter(seed: number, vehicleId: number, share: number): boolean {
  return streamFor(seed, 'demand', vehicleId, 0x5eed).chance(share);
}

/** A commuter's workplace: the same zone every day, from the gravity model. */
function workZone(ctx: DemandContext, vehicle: DemandVehicle): number {
  return ctx.gravity.destination(
    vehicle.homeZone,
    streamFor(ctx.seed, 'demand', vehicle.id, 0x3011),
  );
}
