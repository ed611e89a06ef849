import type { Route } from '../network/index.js';
import type { OffenceKind } from '../scenario/schema.js';
import type { GroupContext } from './group.js';
import { journeyStream } from './keys.js';
import { pickVehicleAtZone } from './registry-view.js';
import type { JourneyVehicle, OffendingInput } from './types.js';

/**
 * One journey to crime before it is placed in time: where, in what, which way, and
 * how long each part takes, as offsets from the moment the first vehicle leaves
 * home. Its length decides where in the window it can go; `journeyRecords` dates it.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Convoy vehicles leave a minute or two apart, so cameras see them together. */
const CONVOY_GAP_MS = { min: 1 * MINUTE_MS, max: 2.5 * MINUTE_MS };
/**
 * A vehicle stolen at the target follows the group home soon after its last vehicle.
 */
const THEFT_GAP_MS = { min: 0.5 * MINUTE_MS, max: 1.5 * MINUTE_MS };
const DWELL_SIGMA = 0.5;
const DWELL_MS = { min: 5 * MINUTE_MS, max: 6 * HOUR_MS };
/** A vehicle for the job is stolen near home hours to a day before (assumed). */
const STOLEN_AHEAD_MS = { min: 3 * HOUR_MS, max: 24 * HOUR_MS };
/** Its keeper tends to find it gone the next morning (assumed). */
const STOLEN_REPORT_LAG = { medianMs: 5 * HOUR_MS, sigma: 0.8 };
/** Types a team takes from a farm or rural business: machinery carriers first. */
const THEFT_TYPES = ['pickup', 'van', 'car'] as const;

/** A vehicle stolen near home for the journey, and when its theft comes to light. */
export interface StolenAhead {
  vehicleId: number;
  stolenBeforeMs: number;
  reportLagMs: number;
}

export interface JourneyShape {
  index: number;
  /** Index of the target in `network.places`, which is also its zone. */
  target: number;
  offenceKind: OffenceKind;
  out: Route;
  back: Route;
  /** The group's vehicles in slot order; the first leads. */
  vehicles: JourneyVehicle[];
  outGapsMs: number[];
  backGapsMs: number[];
  stolenAhead: StolenAhead[];
  /**
   * The vehicle taken in a vehicle theft; it leaves `gapMs` after the group's last.
   */
  theft: { vehicle: JourneyVehicle; gapMs: number } | null;
  /**
   * Offsets from the leader's departure: all there, the offence, leaving, all home.
   */
  arriveOffsetMs: number;
  offenceOffsetMs: number;
  leaveOffsetMs: number;
  homeOffsetMs: number;
}

export interface ShapeResult {
  shape: JourneyShape | null;
  notes: string[];
}

export function shapeJourney(
  input: OffendingInput,
  context: GroupContext,
  index: number,
  avoidanceS: Float64Array | undefined,
): ShapeResult {
  const { key, group } = context;
  const target = context.targets.draw(journeyStream(key, index, 'target'));
  const offenceKind = journeyStream(key, index, 'offenceKind').pick(group.offences);
  const label = `Group "${group.name}" journey ${index}`;

  const routes = routesFor(input, context, target, avoidanceS);
  if (!routes) {
    const to = input.network.places[target]!.name;
    return dropped(`${label} is dropped: no route between ${context.homeName} and ${to}.`);
  }
  const crew = crewFor(input, context, index);
  if (!crew) return dropped(`${label} is dropped: no vehicle to steal at ${context.homeName}.`);

  const notes: string[] = [];
  const taken = new Set(crew.vehicles.map((v) => v.vehicleId));
  const theft =
    offenceKind === 'vehicle-theft' ? theftFor(input, context, index, target, taken) : null;
  if (offenceKind === 'vehicle-theft' && !theft) {
    notes.push(`${label}: no vehicle is kept at ${input.network.places[target]!.name} to steal.`);
  }
  const gaps = convoyGaps(context, index, crew.vehicles.length);
  const timing = timeline(input, context, index, routes, gaps, theft);
  const shape = { index, target, offenceKind, ...routes, ...crew, ...gaps, theft, ...timing };
  return { shape, notes };
}

function dropped(note: string): ShapeResult {
  return { shape: null, notes: [note] };
}

/** The way there and back, quickest for the group (round cameras if aware). */
function routesFor(
  input: OffendingInput,
  context: GroupContext,
  target: number,
  avoidanceS: Float64Array | undefined,
): { out: Route; back: Route } | null {
  const { router, places } = input.network;
  const home = places[context.homePlace]!.node;
  const there = places[target]!.node;
  const options = avoidanceS ? { extraCostS: avoidanceS } : {};
  const out = router.route(home, there, options);
  const back = router.route(there, home, options);
  if (!out || !back || out.edges.length === 0 || back.edges.length === 0) return null;
  return { out, back };
}

/**
 * The vehicles for one journey: the group's own, and any stolen near home for it.
 */
function crewFor(
  input: OffendingInput,
  context: GroupContext,
  index: number,
): { vehicles: JourneyVehicle[]; stolenAhead: StolenAhead[] } | null {
  const held = context.fleet.filter((v): v is JourneyVehicle => v !== null);
  const exclude = new Set(held.map((v) => v.vehicleId));
  const vehicles: JourneyVehicle[] = [];
  const stolenAhead: StolenAhead[] = [];
  for (const [slot, kept] of context.fleet.entries()) {
    if (kept) {
      vehicles.push(kept);
      continue;
    }
    const random = journeyStream(context.key, index, 'stolenAhead', slot);
    const types = [context.group.vehicles[slot]?.type ?? 'car'];
    const pick = { zone: context.homePlace, types, exclude };
    const id = pickVehicleAtZone(input.registry, random, pick);
    if (id === null) return null;
    exclude.add(id);
    vehicles.push(asShown(input, id, 'stolen'));
    stolenAhead.push({
      vehicleId: id,
      stolenBeforeMs: Math.round(random.between(STOLEN_AHEAD_MS.min, STOLEN_AHEAD_MS.max)),
      reportLagMs: Math.round(
        random.logNormal(STOLEN_REPORT_LAG.medianMs, STOLEN_REPORT_LAG.sigma),
      ),
    });
  }
  return { vehicles, stolenAhead };
}

function asShown(input: OffendingInput, id: number, kind: 'stolen'): JourneyVehicle {
  const vrm = input.registry.get(id).vrm;
  return { vehicleId: id, vrm, shownVrm: vrm, kind };
}

/** A vehicle kept at the target, stolen and driven home behind the group. */
function theftFor(
  input: OffendingInput,
  context: GroupContext,
  index: number,
  target: number,
  exclude: ReadonlySet<number>,
): JourneyShape['theft'] {
  const random = journeyStream(context.key, index, 'theft');
  const pick = { zone: target, types: THEFT_TYPES, exclude };
  const id = pickVehicleAtZone(input.registry, random, pick);
  if (id === null) return null;
  const gapMs = Math.round(random.between(THEFT_GAP_MS.min, THEFT_GAP_MS.max));
  return { vehicle: asShown(input, id, 'stolen'), gapMs };
}

/** Departure offsets of each vehicle behind the leader, out and back. */
function convoyGaps(
  context: GroupContext,
  index: number,
  count: number,
): { outGapsMs: number[]; backGapsMs: number[] } {
  const random = journeyStream(context.key, index, 'convoy');
  const gap = (): number => Math.round(random.between(CONVOY_GAP_MS.min, CONVOY_GAP_MS.max));
  const outGapsMs = [0];
  const backGapsMs = [0];
  for (let i = 1; i < count; i++) {
    outGapsMs.push(outGapsMs[i - 1]! + gap());
    backGapsMs.push(backGapsMs[i - 1]! + gap());
  }
  return { outGapsMs, backGapsMs };
}

function timeline(
  input: OffendingInput,
  context: GroupContext,
  index: number,
  routes: { out: Route; back: Route },
  gaps: { outGapsMs: number[]; backGapsMs: number[] },
  theft: JourneyShape['theft'],
): Pick<JourneyShape, 'arriveOffsetMs' | 'offenceOffsetMs' | 'leaveOffsetMs' | 'homeOffsetMs'> {
  const arriveOffsetMs = Math.max(...gaps.outGapsMs) + driveMs(routes.out);
  const dwellMs = dwellFor(input, context, index);
  const share = journeyStream(context.key, index, 'offence').between(0.15, 0.85);
  const offenceOffsetMs = arriveOffsetMs + Math.round(dwellMs * share);
  const leaveOffsetMs = arriveOffsetMs + dwellMs;
  const lastOut = Math.max(...gaps.backGapsMs) + (theft ? theft.gapMs : 0);
  const homeOffsetMs = leaveOffsetMs + lastOut + driveMs(routes.back);
  return { arriveOffsetMs, offenceOffsetMs, leaveOffsetMs, homeOffsetMs };
}

function dwellFor(input: OffendingInput, context: GroupContext, index: number): number {
  const random = journeyStream(context.key, index, 'dwell');
  const drawnMs = random.logNormal(input.settings.dwellMinutesMedian * MINUTE_MS, DWELL_SIGMA);
  return Math.round(Math.min(DWELL_MS.max, Math.max(DWELL_MS.min, drawnMs)));
}

/** Whole milliseconds of free-flow driving along a route. */
function driveMs(route: Route): number {
  return Math.round(route.timeS * 1000);
}
