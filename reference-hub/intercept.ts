import { distanceM, headingDifferenceDeg, type CameraWatch } from '../simulator/network/index.js';
import type { Camera, Cameras } from './cameras.js';
import type { LastRead } from './journeys.js';
import type { PathPoint } from './likely-path.js';
import { INTERCEPT_LEAD_MS, RESPONSE_SPEED_FACTOR } from './options.js';
import type { RoadModel } from './road-model.js';
import type { UnitRecord, Units } from './units.js';

/** A unit sent to a junction on the vehicle's likely path. */
export interface Intercept {
  unit: UnitRecord;
  point: PathPoint;
  /**
   * How long until the vehicle is due at the point, and until the unit gets there.
   */
  vehicleInMs: number;
  unitInMs: number;
  /**
   * False when the camera reads both ways and the vehicle's direction was a guess.
   */
  directionKnown: boolean;
}

export const NO_DISPATCH_REASONS = [
  /** The camera's reads do not place the vehicle (in-car cameras). */
  'camera-moves',
  /** The camera is not on any road of the network in a direction it reads. */
  'camera-off-road',
  'no-unit-free',
  /** The vehicle is past every junction on its likely path, or nearly so. */
  'vehicle-gone',
  /** Free units exist but none can reach the path in time. */
  'no-unit-ahead',
] as const;
export type NoDispatchReason = (typeof NO_DISPATCH_REASONS)[number];

export interface InterceptRequest {
  camera: Camera;
  capturedMs: number;
  nowMs: number;
  priority: number;
  /** The mark's read before this one, which may tell its direction of travel. */
  previous: LastRead | undefined;
  /** The heading of travel the read reports, when the site knows it. */
  headingDeg: number | undefined;
}

/** A read's heading names a direction the site watches when it is this close to it. */
const HEADING_MATCH_DEG = 60;

/**
 * A previous read further back than this says nothing about where the vehicle is
 * going.
 */
const DIRECTION_MEMORY_MS = 30 * 60_000;

/** Sites closer than this (a site's twin, a duplicate read) cannot tell a direction. */
const MIN_DIRECTION_DISTANCE_M = 1_000;

/**
 * Plans the stop of a vehicle just read: along its likely path from the camera, the
 * junction where it can be stopped soonest by a free unit that gets there at least
 * `INTERCEPT_LEAD_MS` before it. Priority 1 goes to a road crime unit when one can make
 * it. A site may read both ways: the read's heading says which way the vehicle went;
 * without one, an earlier read elsewhere may; failing both, each way is covered by its
 * own unit where one can get ahead.
 */
export function planIntercepts(
  roads: RoadModel,
  cameras: Cameras,
  units: Units,
  request: InterceptRequest,
): Intercept[] | NoDispatchReason {
  // Limitation: reads from in-car cameras send no unit. The registry gives only the
  // base of the car that carries one, not where it was when it read.
  if (!request.camera.placesVehicle) return 'camera-moves';
  const watches = cameras.watchesOf(request.camera);
  if (watches.length === 0) return 'camera-off-road';
  const free = units.free();
  if (free.length === 0) return 'no-unit-free';

  const ways = directionsOf(roads, watches, request);
  const taken = new Set<UnitRecord>();
  const plans: Intercept[] = [];
  let anyAhead = false;
  for (const path of ways.map((w) => roads.pathFrom(w))) {
    const passedMs = request.capturedMs - request.nowMs;
    anyAhead ||= path.some((p) => passedMs + p.afterS * 1000 > INTERCEPT_LEAD_MS);
    const candidates = free.filter((u) => !taken.has(u));
    const plan = soonest(roads, path, passedMs, candidates, request.priority);
    if (!plan) continue;
    taken.add(plan.unit);
    plans.push({ ...plan, directionKnown: ways.length === 1 });
  }
  if (plans.length > 0) return plans;
  return anyAhead ? 'no-unit-ahead' : 'vehicle-gone';
}

/**
 * The directions the vehicle may be going: the one the read's heading names, else the
 * one leading away from the mark's previous read when that read is recent and elsewhere, otherwise every direction
 * the camera reads.
 */
function directionsOf(
  roads: RoadModel,
  watches: CameraWatch[],
  request: InterceptRequest,
): CameraWatch[] {
  if (watches.length < 2) return watches;
  if (request.headingDeg !== undefined) {
    const heading = request.headingDeg;
    const nearest = watches.reduce((best, w) =>
      headingDifferenceDeg(w.headingDeg, heading) < headingDifferenceDeg(best.headingDeg, heading)
        ? w
        : best,
    );
    if (headingDifferenceDeg(nearest.headingDeg, heading) <= HEADING_MATCH_DEG) return [nearest];
  }
  const previous = request.previous;
  if (!previous || !previous.camera.placesVehicle) return watches;
  const sinceMs = request.capturedMs - previous.capturedMs;
  if (sinceMs <= 0 || sinceMs > DIRECTION_MEMORY_MS) return watches;
  const apartM = distanceM(previous.camera.position, request.camera.position);
  if (apartM < MIN_DIRECTION_DISTANCE_M) return watches;
  const [lon, lat] = previous.camera.position;
  const awayM = (w: CameraWatch): number =>
    roads.nodeDistanceM(roads.graph.edgeTo[w.edge]!, lon, lat);
  return [watches.reduce((best, w) => (awayM(w) > awayM(best) ? w : best))];
}

/**
 * The soonest stop on one path; for priority 1 by a road crime unit if one can make
 * it.
 */
function soonest(
  roads: RoadModel,
  path: readonly PathPoint[],
  passedMs: number,
  units: UnitRecord[],
  priority: number,
): Omit<Intercept, 'directionKnown'> | null {
  if (priority === 1) {
    const roadCrime = units.filter((u) => u.kind === 'road-crime');
    const plan = roadCrime.length > 0 ? soonestBy(roads, path, passedMs, roadCrime) : null;
    if (plan) return plan;
  }
  return soonestBy(roads, path, passedMs, units);
}

function soonestBy(
  roads: RoadModel,
  path: readonly PathPoint[],
  passedMs: number,
  units: UnitRecord[],
): Omit<Intercept, 'directionKnown'> | null {
  const times = units.map((u) => roads.timesFrom(u.node));
  for (const point of path) {
    const vehicleInMs = passedMs + point.afterS * 1000;
    let best = -1;
    let bestMs = vehicleInMs - INTERCEPT_LEAD_MS;
    for (let i = 0; i < units.length; i++) {
      const unitInMs = (times[i]![point.node]! * 1000) / RESPONSE_SPEED_FACTOR;
      if (unitInMs <= bestMs) {
        best = i;
        bestMs = unitInMs;
      }
    }
    if (best >= 0) return { unit: units[best]!, point, vehicleInMs, unitInMs: bestMs };
  }
  return null;
}

/** What the unit is told, for the control room's log. */
export function interceptNote(intercept: Intercept, road: string): string {
  const minutes = (ms: number): string => `${Math.max(0, Math.round(ms / 60_000))} min`;
  const note =
    `Intercept on the ${road}: vehicle due in ${minutes(intercept.vehicleInMs)}, ` +
    `unit in ${minutes(intercept.unitInMs)}`;
  return intercept.directionKnown ? note : `${note}; direction unknown, each way covered`;
}
