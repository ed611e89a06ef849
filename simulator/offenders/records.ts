import type { Journey, Offence, Trip } from '../world/types.js';
import type { GroupContext } from './group.js';
import type { JourneyShape } from './journey-shape.js';
import { journeyId, journeyStream, offenceId, tripId, type Leg } from './keys.js';
import type { Listing, OffendingPlan } from './types.js';
import { nextUkHour, ukLocalHour } from './uk-time.js';

/**
 * Dates a shaped journey and writes its records: a trip out and back per vehicle
 * (and one home for a vehicle stolen at the target), the journey, the offence, and
 * the stolen vehicles' listings once their thefts are reported.
 */

const MINUTE_MS = 60_000;
/** A break-in after dark is found at first light, 06:30 to 08:30 (assumed). */
const DARK_FROM_HOUR = 19;
const DAWN_HOUR = 6;
const DAWN_REPORT_MS = { min: 30 * MINUTE_MS, max: 150 * MINUTE_MS };
/** By day someone notices within hours (assumed). */
const DAY_REPORT = { medianMs: 120 * MINUTE_MS, sigma: 0.7 };
/**
 * A missing vehicle is noticed and reported sooner than a break-in, often within the
 * hour (assumed; farm vehicles and plant commonly carry trackers or alarms).
 */
const VEHICLE_REPORT = { medianMs: 40 * MINUTE_MS, sigma: 0.8 };

export interface JourneyDates {
  departMs: number;
  /** Listings dated before the run are given at its start, as the list holds them. */
  startMs: number;
}

export function journeyRecords(
  context: GroupContext,
  shape: JourneyShape,
  placeName: (place: number) => string,
  dates: JourneyDates,
): OffendingPlan {
  const { departMs } = dates;
  const trips = [
    ...outboundTrips(context, shape, departMs),
    ...returnTrips(context, shape, departMs),
  ];
  const offence = offenceRecord(context, shape, placeName(shape.target), departMs);
  const journey = journeyRecord(context, shape, placeName(shape.target), trips, departMs);
  const listings = [
    ...stolenAheadListings(context, shape, dates),
    ...theftListings(shape, offence, placeName(shape.target)),
  ];
  return { trips, journeys: [journey], offences: [offence], listings, notes: [] };
}

function tripOf(
  context: GroupContext,
  shape: JourneyShape,
  slot: number,
  leg: Leg,
  departMs: number,
): Trip {
  const vehicle = slot < shape.vehicles.length ? shape.vehicles[slot]! : shape.theft!.vehicle;
  const route = leg === 'out' ? shape.out : shape.back;
  const [fromZone, toZone] =
    leg === 'out' ? [context.homePlace, shape.target] : [shape.target, context.homePlace];
  return {
    id: tripId(context.key, shape.index, slot, leg),
    vehicleId: vehicle.vehicleId,
    vrm: vehicle.shownVrm,
    departMs,
    edges: route.edges,
    fromZone,
    toZone,
  };
}

function outboundTrips(context: GroupContext, shape: JourneyShape, departMs: number): Trip[] {
  return shape.vehicles.map((_, slot) =>
    tripOf(context, shape, slot, 'out', departMs + shape.outGapsMs[slot]!),
  );
}

function returnTrips(context: GroupContext, shape: JourneyShape, departMs: number): Trip[] {
  const leaveMs = departMs + shape.leaveOffsetMs;
  const trips = shape.vehicles.map((_, slot) =>
    tripOf(context, shape, slot, 'back', leaveMs + shape.backGapsMs[slot]!),
  );
  if (shape.theft) {
    const lastMs = leaveMs + Math.max(...shape.backGapsMs) + shape.theft.gapMs;
    trips.push(tripOf(context, shape, shape.vehicles.length, 'back', lastMs));
  }
  return trips;
}

function offenceRecord(
  context: GroupContext,
  shape: JourneyShape,
  place: string,
  departMs: number,
): Offence {
  const atMs = departMs + shape.offenceOffsetMs;
  return {
    offenceId: offenceId(context.key, shape.index),
    kind: shape.offenceKind,
    groupName: context.group.name,
    place,
    atMs,
    reportedAtMs: reportedAt(context, shape, atMs),
    stolenVehicleId: shape.theft ? shape.theft.vehicle.vehicleId : null,
  };
}

function reportedAt(context: GroupContext, shape: JourneyShape, atMs: number): number {
  const random = journeyStream(context.key, shape.index, 'report');
  if (shape.offenceKind === 'vehicle-theft') {
    return atMs + Math.round(random.logNormal(VEHICLE_REPORT.medianMs, VEHICLE_REPORT.sigma));
  }
  const hour = ukLocalHour(atMs);
  if (hour >= DARK_FROM_HOUR || hour < DAWN_HOUR) {
    const dawnMs = nextUkHour(atMs, DAWN_HOUR);
    return dawnMs + Math.round(random.between(DAWN_REPORT_MS.min, DAWN_REPORT_MS.max));
  }
  return atMs + Math.round(random.logNormal(DAY_REPORT.medianMs, DAY_REPORT.sigma));
}

function journeyRecord(
  context: GroupContext,
  shape: JourneyShape,
  target: string,
  trips: readonly Trip[],
  departMs: number,
): Journey {
  const ids = (leg: Leg): string[] =>
    trips.filter((t) => t.id.endsWith(`-${leg}`)).map((t) => t.id);
  const vehicles = shape.theft ? [...shape.vehicles, shape.theft.vehicle] : shape.vehicles;
  return {
    journeyId: journeyId(context.key, shape.index),
    groupName: context.group.name,
    awareness: context.group.awareness,
    home: context.homeName,
    target,
    vehicles: vehicles.map((v) => ({ ...v })),
    outboundTripIds: ids('out'),
    returnTripIds: ids('back'),
    departMs,
    arriveMs: departMs + shape.arriveOffsetMs,
    offenceId: offenceId(context.key, shape.index),
    leaveMs: departMs + shape.leaveOffsetMs,
    homeMs: departMs + shape.homeOffsetMs,
  };
}

/** Each vehicle stolen near home is listed once its keeper reports it. */
function stolenAheadListings(
  context: GroupContext,
  shape: JourneyShape,
  dates: JourneyDates,
): Listing[] {
  return shape.stolenAhead.map((stolen) => {
    const reportedMs = dates.departMs - stolen.stolenBeforeMs + stolen.reportLagMs;
    return {
      vehicleId: stolen.vehicleId,
      category: 'stolen',
      atMs: Math.max(dates.startMs, reportedMs),
      reason: `Reported stolen at ${context.homeName}`,
    };
  });
}

function theftListings(shape: JourneyShape, offence: Offence, place: string): Listing[] {
  if (!shape.theft) return [];
  const vehicleId = shape.theft.vehicle.vehicleId;
  const reason = `Reported stolen at ${place}`;
  return [{ vehicleId, category: 'stolen', atMs: offence.reportedAtMs, reason }];
}
