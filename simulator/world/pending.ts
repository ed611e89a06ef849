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
 *
 * A slot's references sit side by side in one array and its numbers in another, so
 * keeping and taking a sighting, minutes apart, each touch two places in memory rather
 * than one per field.
 */
export class PendingSightings {
  /** Trip id, plate shown and pass, per slot. */
  private readonly refs: (string | CameraPass | undefined)[] = [];
  /** Vehicle id, pass number and time, per slot. */
  private numbers = new Float64Array(3 * 1024);
  private size = 0;
  private readonly freeSlots: number[] = [];

  /** Keeps a pass until it is due, and returns its slot. */
  add(trip: Trip, k: number, pass: CameraPass, atMs: number): number {
    const slot = this.freeSlots.pop() ?? this.size++;
    if (3 * this.size > this.numbers.length) this.numbers = grown(this.numbers);
    const at = 3 * slot;
    this.refs[at] = trip.id;
    this.refs[at + 1] = trip.vrm;
    this.refs[at + 2] = pass;
    this.numbers[at] = trip.vehicleId;
    this.numbers[at + 1] = k;
    this.numbers[at + 2] = atMs;
    return slot;
  }

  /** The pass in a slot, which is then free for another. */
  take(slot: number): PendingSighting {
    const { refs, numbers } = this;
    const at = 3 * slot;
    const pending = {
      tripId: refs[at] as string,
      vehicleId: numbers[at]!,
      vrm: refs[at + 1] as string,
      k: numbers[at + 1]!,
      pass: refs[at + 2] as CameraPass,
      atMs: numbers[at + 2]!,
    };
    refs[at] = undefined;
    refs[at + 1] = undefined;
    refs[at + 2] = undefined;
    this.freeSlots.push(slot);
    return pending;
  }

  /** The id the sighting in a slot will have, for ordering sightings of one millisecond. */
  idOf(slot: number): string {
    return sightingId(this.refs[3 * slot] as string, this.numbers[3 * slot + 1]!);
  }
}

/** The id of the sighting a trip makes at its k-th camera pass. */
export function sightingId(tripId: string, k: number): string {
  return `${tripId}-${k}`;
}

/** A read's error and whether it is a duplicate, as one number. */
const ERRORS: readonly Read['error'][] = ['none', 'misread', 'partial'];

/**
 * Reads made but not yet delivered, each kept in a numbered slot as its fields, not as the
 * record. A store-and-forward camera holds its reads for up to a quarter of an hour, long
 * enough for a record to outlive two collections and be copied into the old generation,
 * where millions of them would die and make the collector's slowest work. Kept as fields,
 * each record is made when it is due and dropped young. Slots are reused once taken.
 *
 * As with sightings, a slot's strings sit side by side in one array and its numbers in a
 * typed array the collector need not scan.
 */
export class PendingReads {
  /** Read id, sighting id, text read, plate shown and camera id, per slot. */
  private readonly strings: (string | undefined)[] = [];
  /** Capture and delivery times, confidence, heading, vehicle id, error and duplicate. */
  private numbers = new Float64Array(6 * 1024);
  private size = 0;
  private readonly freeSlots: number[] = [];

  /** Keeps a read until it is delivered, and returns its slot. */
  add(read: Read): number {
    const slot = this.freeSlots.pop() ?? this.size++;
    if (6 * this.size > this.numbers.length) this.numbers = grown(this.numbers);
    const s = 5 * slot;
    this.strings[s] = read.readId;
    this.strings[s + 1] = read.sightingId;
    this.strings[s + 2] = read.vrm;
    this.strings[s + 3] = read.shownVrm;
    this.strings[s + 4] = read.cameraId;
    const n = 6 * slot;
    this.numbers[n] = read.capturedAtMs;
    this.numbers[n + 1] = read.deliveredAtMs;
    this.numbers[n + 2] = read.confidence;
    this.numbers[n + 3] = read.headingDeg;
    this.numbers[n + 4] = read.vehicleId;
    this.numbers[n + 5] = ERRORS.indexOf(read.error) * 2 + (read.duplicate ? 1 : 0);
    return slot;
  }

  /** The read in a slot, which is then free for another. */
  take(slot: number): Read {
    const { strings, numbers } = this;
    const s = 5 * slot;
    const n = 6 * slot;
    const code = numbers[n + 5]!;
    const read: Read = {
      readId: strings[s]!,
      sightingId: strings[s + 1]!,
      vrm: strings[s + 2]!,
      cameraId: strings[s + 4]!,
      capturedAtMs: numbers[n]!,
      deliveredAtMs: numbers[n + 1]!,
      confidence: numbers[n + 2]!,
      headingDeg: numbers[n + 3]!,
      error: ERRORS[code >> 1]!,
      duplicate: (code & 1) === 1,
      vehicleId: numbers[n + 4]!,
      shownVrm: strings[s + 3]!,
    };
    strings[s] = undefined;
    strings[s + 1] = undefined;
    strings[s + 2] = undefined;
    strings[s + 3] = undefined;
    strings[s + 4] = undefined;
    this.freeSlots.push(slot);
    return read;
  }

  /** The id of the read in a slot, for ordering reads delivered in one millisecond. */
  idOf(slot: number): string {
    return this.strings[5 * slot]!;
  }
}

/** A copy of a slot table with twice the room. */
function grown(numbers: Float64Array): Float64Array<ArrayBuffer> {
  const larger = new Float64Array(numbers.length * 2);
  larger.set(numbers);
  return larger;
}
