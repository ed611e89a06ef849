import type { UnitKind } from '../network/fixture.js';

/**
 * What the field tells the harness and the hub about police units. Times are
 * simulated epoch milliseconds; a node is an index into the network's graph.
 */

/**
 * `available`: free at a node (usually its base). `en-route`: driving to a dispatch
 * point. `waiting`: at the point, watching for the target. `stopping`: dealing with
 * a stopped vehicle. `returning`: driving back to base, and free to be dispatched
 * again.
 */
export type UnitStatus = 'available' | 'en-route' | 'waiting' | 'stopping' | 'returning';

/** A unit's position and status, as reported to the hub. */
export interface UnitState {
  unitId: string;
  callsign: string;
  kind: UnitKind;
  status: UnitStatus;
  /** The node reached most recently: a moving unit is at the last junction passed. */
  node: number;
  lon: number;
  lat: number;
  atMs: number;
  /** The dispatch the unit is working on, or null when it has none. */
  dispatchId: string | null;
}

/** A hub's order: send a unit to a point to stop a vehicle. */
export interface DispatchOrder {
  dispatchId: string;
  unitId: string;
  atMs: number;
  to: { lon: number; lat: number };
  /** The vehicle meant, as the harness resolved it; the mark is for reports. */
  target: { vehicleId: number; vrm: string };
}

export type DispatchRejection =
  'unknown-unit' | 'unit-busy' | 'repeated-dispatch' | 'off-road' | 'unreachable';

export type DispatchAnswer =
  | { accepted: true; arriveMs: number; node: number }
  | { accepted: false; reason: DispatchRejection; message: string };

export type MissReason = 'passed-before-arrival' | 'not-on-path' | 'waited-too-long';

/** How a stop came about: the target drove up to the unit, or was parked there. */
export type StopKind = 'on-route' | 'parked';

export type FieldEvent =
  | {
      kind: 'arrived';
      dispatchId: string;
      unitId: string;
      atMs: number;
      node: number;
    }
  | {
      kind: 'stopped';
      dispatchId: string;
      unitId: string;
      vehicleId: number;
      /** The plate the vehicle showed on the trip it was stopped on. */
      vrm: string;
      atMs: number;
      node: number;
      lon: number;
      lat: number;
      how: StopKind;
    }
  | {
      kind: 'missed';
      dispatchId: string;
      unitId: string;
      atMs: number;
      reason: MissReason;
    }
  | { kind: 'available'; unitId: string; atMs: number; node: number };

/** One unit's work over a run. */
export interface UnitStats {
  unitId: string;
  callsign: string;
  kind: UnitKind;
  /** Dispatches accepted. */
  dispatches: number;
  stops: number;
  misses: number;
  /** From each dispatch until the unit was free again: en route, waiting, stopping. */
  busyMs: number;
}

export interface FieldOptions {
  /** Response driving is this many times faster than free-flow traffic. */
  responseSpeedFactor?: number;
  /** How long a unit waits at its point for the target before giving up. */
  maxWaitMs?: number;
  /** How long a stop keeps a unit busy. */
  stopDurationMs?: number;
  /** Trips that ended this long before the latest advance are forgotten. */
  horizonMs?: number;
}
