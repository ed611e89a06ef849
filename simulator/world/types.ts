import type { CameraKind } from '../network/fixture.js';
import type { HotlistCategory, OffenceKind } from '../scenario/schema.js';

/**
 * The records the world produces. Times are simulated epoch milliseconds (UTC); the harness
 * formats them as ISO 8601 when it writes files. Ids are stable strings built from the
 * entities they belong to, so that a shard of a run produces exactly the records the whole
 * run would, and merging shards by (time, id) gives back the whole.
 */

export type VehicleType = 'car' | 'van' | 'pickup' | 'hgv' | 'motorcycle';

export type PlateFormat =
  'current' | 'prefix' | 'suffix' | 'dateless' | 'northern-ireland' | 'foreign';

/** A registered vehicle: what its plate says and what it looks like. */
export interface Vehicle {
  /** Index in the registry; stable for a given scenario and seed. */
  id: number;
  /** The registration mark, upper case without spaces, e.g. `YK71ABC`. */
  vrm: string;
  format: PlateFormat;
  make: string;
  model: string;
  colour: string;
  type: VehicleType;
  /** Index of the zone (place or gateway) the vehicle is kept at. */
  homeZone: number;
}

/** A journey of one vehicle over the network. */
export interface Trip {
  /** e.g. `t-1234-0-2`: vehicle, day and trip number; offender trips start `o-`. */
  id: string;
  vehicleId: number;
  /** The plate the vehicle shows on this trip (a cloned plate differs from its own). */
  vrm: string;
  departMs: number;
  /** Graph edges in order of travel. */
  edges: ArrayLike<number> & Iterable<number>;
  fromZone: number;
  toZone: number;
}

/** A vehicle truly passing a working camera: ground truth. */
export interface Sighting {
  sightingId: string;
  vehicleId: number;
  tripId: string;
  /** The plate shown. */
  vrm: string;
  cameraId: string;
  cameraKind: CameraKind;
  atMs: number;
  /** The edge and direction the camera read, for routing units later. */
  edge: number;
  /** Compass heading of the vehicle's travel past the camera, whole degrees. */
  headingDeg: number;
}

/** What a camera reports. `sightingId` is for scoring only and is never sent to a hub. */
export interface Read {
  readId: string;
  sightingId: string;
  vrm: string;
  cameraId: string;
  /** By the camera's own clock, which may be offset and drifting. */
  capturedAtMs: number;
  deliveredAtMs: number;
  /** 0 to 1. */
  confidence: number;
  /** Compass heading of the vehicle's travel, whole degrees: a site knows which way it looks. */
  headingDeg: number;
  /** How the read differs from the plate shown, for scoring and summaries. */
  error: 'none' | 'misread' | 'partial';
  duplicate: boolean;
  /** Ground truth for scoring: the vehicle read and the plate it really showed. */
  vehicleId: number;
  shownVrm: string;
}

export type HotlistAction = 'add' | 'remove';

/** A change to the hotlist, as the hub would receive it. */
export interface HotlistChange {
  changeId: string;
  atMs: number;
  action: HotlistAction;
  entryId: string;
  vrm: string;
  category: HotlistCategory;
  /** 1 is the most urgent. */
  priority: 1 | 2 | 3 | 4;
  reason: string;
  make: string;
  model: string;
  colour: string;
  keeper: { name: string; address: string };
  /** Ground truth for scoring: the entry is wrong (its mark is not the vehicle meant). */
  wrong: boolean;
  /** Ground truth: the vehicle was already recovered when listed (a stale entry). */
  stale: boolean;
  vehicleId: number | null;
}

export interface Offence {
  offenceId: string;
  kind: OffenceKind;
  groupName: string;
  place: string;
  atMs: number;
  /** When the victim reports it; the hotlist learns of stolen vehicles after this. */
  reportedAtMs: number;
  /** For a vehicle theft, the stolen vehicle. */
  stolenVehicleId: number | null;
}

/** Ground truth of one journey to crime: who, in what, which way, when. */
export interface Journey {
  journeyId: string;
  groupName: string;
  awareness: 'aware' | 'unaware';
  home: string;
  target: string;
  vehicles: {
    vehicleId: number;
    vrm: string;
    shownVrm: string;
    kind: 'own' | 'stolen' | 'cloned';
  }[];
  outboundTripIds: string[];
  returnTripIds: string[];
  departMs: number;
  arriveMs: number;
  offenceId: string;
  leaveMs: number;
  homeMs: number;
}
