import type { CameraPass } from '../traffic/routes.js';
import type { Read, Trip } from './types.js';

/** A camera pass a trip will make, not yet due: whose trip, which pass, and when. */
export interface PendingSighting {
  tripId: string;
  vehicleId: number;
  vrm: string;
  k: number;
  pass: CameraPass;
  atMs: number;
}

/**
 * Sightings played but not yet due, each kept in a numbered slot until its time comes.
 * Most wait for minutes while thousands of other trips are played, which is long enough
 * for the collector to copy a record made early twice over. A slot holds only what the
 * sighting needs of its trip and a reference to the route's cached pass, so the sighting
 * record and its id are made when it is due and thrown away soon after, and the trip can
 * be dropped as soon as it is played. Slots are reused once taken.
 */
export class PendingSightings {
  private readonly tripIds: (string | undefined)[] = [];
  private readonly vrms: (string | undefined)[] = [];
  private readonly passes: (CameraPass | undefined)[] = [];
  private readonly vehicleIds: number[] = [];
  private readonly ks: number[] = [];
  private readonly times: number[] = [];
  private readonly freeSlots: number[] = [];

  /** Keeps a pass until it is due, and returns its slot. */
  add(trip: Trip, k: number, pass: CameraPass, atMs: number): number {
    const slot = this.freeSlots.pop() ?? this.tripIds.length;
    this.tripIds[slot] = trip.id;
    this.vrms[slot] = trip.vrm;
    this.passes[slot] = pass;
    this.vehicleIds[slot] = trip.vehicleId;
    this.ks[slot] = k;
    this.times[slot] = atMs;
    return slot;
  }

  /** The pass in a slot, which is then free for another. */
  take(slot: number): PendingSighting {
    const pending = {
      tripId: this.tripIds[slot]!,
      vehicleId: this.vehicleIds[slot]!,
      vrm: this.vrms[slot]!,
      k: this.ks[slot]!,
      pass: this.passes[slot]!,
      atMs: this.times[slot]!,
    };
    this.tripIds[slot] = undefined;
    this.vrms[slot] = undefined;
    this.passes[slot] = undefined;
    this.freeSlots.push(slot);
    return pending;
  }

  /** The id the sighting in a slot will have, for ordering sightings of one millisecond. */
  idOf(slot: number): string {
    return sightingId(this.tripIds[slot]!, this.ks[slot]!);
  }
}

/** The id of the sighting a trip makes at its k-th camera pass. */
export function sightingId(tripId: string, k: number): string {
  return `${tripId}-${k}`;
}

/**
 * Reads made but not yet delivered, each kept in a numbered slot as its fields, not as the
 * record. A store-and-forward camera holds its reads for up to a quarter of an hour, long
 * enough for a record to outlive two collections and be copied into the old generation,
 * where millions of them would die and make the collector's slowest work. Kept as fields,
 * each record is made when it is due and dropped young. Slots are reused once taken.
 */
export class PendingReads {
  private readonly readIds: (string | undefined)[] = [];
  private readonly sightingIds: (string | undefined)[] = [];
  private readonly vrms: (string | undefined)[] = [];
  private readonly shownVrms: (string | undefined)[] = [];
  private readonly cameraIds: (string | undefined)[] = [];
  private readonly errors: Read['error'][] = [];
  private readonly capturedAt: number[] = [];
  private readonly deliveredAt: number[] = [];
  private readonly confidences: number[] = [];
  private readonly headings: number[] = [];
  private readonly vehicleIds: number[] = [];
  private readonly duplicates: boolean[] = [];
  private readonly freeSlots: number[] = [];

  /** Keeps a read until it is delivered, and returns its slot. */
  add(read: Read): number {
    const slot = this.freeSlots.pop() ?? this.readIds.length;
    this.readIds[slot] = read.readId;
    this.sightingIds[slot] = read.sightingId;
    this.vrms[slot] = read.vrm;
    this.shownVrms[slot] = read.shownVrm;
    this.cameraIds[slot] = read.cameraId;
    this.errors[slot] = read.error;
    this.capturedAt[slot] = read.capturedAtMs;
    this.deliveredAt[slot] = read.deliveredAtMs;
    this.confidences[slot] = read.confidence;
    this.headings[slot] = read.headingDeg;
    this.vehicleIds[slot] = read.vehicleId;
    this.duplicates[slot] = read.duplicate;
    return slot;
  }

  /** The read in a slot, which is then free for another. */
  take(slot: number): Read {
    const read: Read = {
      readId: this.readIds[slot]!,
      sightingId: this.sightingIds[slot]!,
      vrm: this.vrms[slot]!,
      cameraId: this.cameraIds[slot]!,
      capturedAtMs: this.capturedAt[slot]!,
      deliveredAtMs: this.deliveredAt[slot]!,
      confidence: this.confidences[slot]!,
      headingDeg: this.headings[slot]!,
      error: this.errors[slot]!,
      duplicate: this.duplicates[slot]!,
      vehicleId: this.vehicleIds[slot]!,
      shownVrm: this.shownVrms[slot]!,
    };
    this.readIds[slot] = undefined;
    this.sightingIds[slot] = undefined;
    this.vrms[slot] = undefined;
    this.shownVrms[slot] = undefined;
    this.cameraIds[slot] = undefined;
    this.freeSlots.push(slot);
    return read;
  }

  /** The id of the read in a slot, for ordering reads delivered in one millisecond. */
  idOf(slot: number): string {
    return this.readIds[slot]!;
  }
}
