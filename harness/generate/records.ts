import type {
  HotlistChange,
  Journey,
  Offence,
  Read,
  Sighting,
} from '../../simulator/world/types.js';
import type { NdjsonWriter } from './ndjson.js';

/**
 * The simulator's records as the lines of the output files, times as ISO 8601 UTC. Reads
 * and sightings are written by the million, so their lines are written byte by byte (see
 * `writeRead`). Ids and marks are made by the simulator from letters, digits and dashes and
 * need no escaping; camera ids come from the network's files, so each is escaped once and
 * remembered.
 */

const encoder = new TextEncoder();
const bytesOf = (text: string): Uint8Array => encoder.encode(text);

/**
 * Minutes whose date and minute part is remembered, each in the slot of its number modulo
 * this. A read's capture and delivery often fall in different minutes, and reads go out in
 * order of delivery, so remembering a single minute would recompute it for most lines.
 */
const PREFIX_SLOTS = 64;
const cachedMinutes = new Float64Array(PREFIX_SLOTS).fill(NaN);
/** The date and minute part of a time (`2026-11-12T18:00:`) by minute slot, and its bytes. */
const cachedPrefixes = new Array<string>(PREFIX_SLOTS).fill('');
const cachedPrefixBytes = new Array<Uint8Array>(PREFIX_SLOTS);

/** The slot that holds a minute's date and minute part, filled if it held another. */
function prefixSlot(minute: number): number {
  const slot = minute & (PREFIX_SLOTS - 1);
  if (cachedMinutes[slot] !== minute) {
    cachedMinutes[slot] = minute;
    cachedPrefixes[slot] = new Date(minute * 60_000).toISOString().slice(0, 17);
    cachedPrefixBytes[slot] = bytesOf(cachedPrefixes[slot]);
  }
  return slot;
}

/** `new Date(ms).toISOString()`, reusing the date and minute part between calls. */
export function iso(ms: number): string {
  const minute = Math.floor(ms / 60_000);
  const slot = prefixSlot(minute);
  const rest = ms - minute * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = Math.floor(rest - seconds * 1000);
  const ss = seconds < 10 ? `0${seconds}` : `${seconds}`;
  const mmm = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : `${millis}`;
  return `${cachedPrefixes[slot]}${ss}.${mmm}Z`;
}

/**
 * Reads and sightings are written straight into the file's buffer, a piece at a time: the
 * parts of their lines that repeat are encoded once and remembered, and ids, marks and
 * numbers are written byte by byte, so no string is made for a line at all. Building each
 * line as a string and encoding it was half of generation's time.
 */
const READ_START = bytesOf('{"readId":"');
const READ_VRM = bytesOf('","vrm":"');
const READ_DELIVERED = bytesOf('","deliveredAt":"');
const READ_CONFIDENCE = bytesOf('","confidence":');
const READ_HEADING = bytesOf(',"headingDeg":');
const READ_SIGHTING = bytesOf(',"sightingId":"');
const SIGHTING_START = bytesOf('{"sightingId":"');
const SIGHTING_VEHICLE = bytesOf('","vehicleId":');
const SIGHTING_TRIP = bytesOf(',"tripId":"');
const SIGHTING_VRM = bytesOf('","vrm":"');
/** More than a line's fixed parts, times and numbers can take (about 180 bytes for a read). */
const LINE_SLACK = 256;

/** Writes `iso(ms)` into a line. */
function writeIso(out: NdjsonWriter, ms: number): void {
  const minute = Math.floor(ms / 60_000);
  out.bytes(cachedPrefixBytes[prefixSlot(minute)]!);
  const rest = ms - minute * 60_000;
  const seconds = Math.floor(rest / 1000);
  out.padded(seconds, 2);
  out.byte(0x2e);
  out.padded(Math.floor(rest - seconds * 1000), 3);
  out.byte(0x5a);
}

/** The text of each confidence in thousandths, as JavaScript writes the number. */
const confidenceBytes: Uint8Array[] = Array.from({ length: 1001 }, (_, k) =>
  bytesOf(String(k / 1000)),
);

function writeConfidence(out: NdjsonWriter, confidence: number): void {
  const k = Math.round(confidence * 1000);
  if (k >= 0 && k <= 1000 && k / 1000 === confidence) out.bytes(confidenceBytes[k]!);
  else out.number(confidence);
}

/** The parts of lines that depend on the camera, each encoded once. */
const readCameraParts = new Map<string, Uint8Array>();
const sightingCameraParts = new Map<string, Map<string, Uint8Array>>();
const readEndParts = [new Map<string, Uint8Array>(), new Map<string, Uint8Array>()] as const;

/** `","cameraId":…,"capturedAt":"` for a camera: the middle of its reads' lines. */
function readCameraPart(cameraId: string): Uint8Array {
  let part = readCameraParts.get(cameraId);
  if (part === undefined) {
    part = bytesOf(`","cameraId":${JSON.stringify(cameraId)},"capturedAt":"`);
    readCameraParts.set(cameraId, part);
  }
  return part;
}

/** `","error":…,"duplicate":…}`: the end of a read's line. */
function readEndPart(error: string, duplicate: boolean): Uint8Array {
  const parts = readEndParts[duplicate ? 1 : 0];
  let part = parts.get(error);
  if (part === undefined) {
    part = bytesOf(`","error":${JSON.stringify(error)},"duplicate":${duplicate}}`);
    parts.set(error, part);
  }
  return part;
}

/** `","cameraId":…,"cameraKind":…,"at":"` for a camera: the end of its sightings' lines. */
function sightingCameraPart(cameraId: string, kind: string): Uint8Array {
  let parts = sightingCameraParts.get(kind);
  if (parts === undefined) {
    parts = new Map();
    sightingCameraParts.set(kind, parts);
  }
  let part = parts.get(cameraId);
  if (part === undefined) {
    part = bytesOf(
      `","cameraId":${JSON.stringify(cameraId)},"cameraKind":${JSON.stringify(kind)},"at":"`,
    );
    parts.set(cameraId, part);
  }
  return part;
}

/** Writes a read as a line of `reads.ndjson`. */
export function writeRead(out: NdjsonWriter, r: Read): void {
  const camera = readCameraPart(r.cameraId);
  out.room(LINE_SLACK + camera.length + r.readId.length + r.sightingId.length + r.vrm.length);
  out.bytes(READ_START);
  out.ascii(r.readId);
  out.bytes(READ_VRM);
  out.ascii(r.vrm);
  out.bytes(camera);
  writeIso(out, r.capturedAtMs);
  out.bytes(READ_DELIVERED);
  writeIso(out, r.deliveredAtMs);
  out.bytes(READ_CONFIDENCE);
  writeConfidence(out, r.confidence);
  out.bytes(READ_HEADING);
  out.number(r.headingDeg);
  out.bytes(READ_SIGHTING);
  out.ascii(r.sightingId);
  out.bytes(readEndPart(r.error, r.duplicate));
  out.end();
}

/** Writes a sighting as a line of `sightings.ndjson`. */
export function writeSighting(out: NdjsonWriter, s: Sighting): void {
  const camera = sightingCameraPart(s.cameraId, s.cameraKind);
  out.room(LINE_SLACK + camera.length + s.sightingId.length + s.tripId.length + s.vrm.length);
  out.bytes(SIGHTING_START);
  out.ascii(s.sightingId);
  out.bytes(SIGHTING_VEHICLE);
  out.number(s.vehicleId);
  out.bytes(SIGHTING_TRIP);
  out.ascii(s.tripId);
  out.bytes(SIGHTING_VRM);
  out.ascii(s.vrm);
  out.bytes(camera);
  writeIso(out, s.atMs);
  out.byte(0x22);
  out.byte(0x7d);
  out.end();
}

export function hotlistLine(c: HotlistChange): string {
  const { changeId, atMs, ...rest } = c;
  return JSON.stringify({ changeId, at: iso(atMs), ...rest });
}

export function offenceLine(o: Offence): string {
  const { atMs, reportedAtMs, ...rest } = o;
  return JSON.stringify({ ...rest, at: iso(atMs), reportedAt: iso(reportedAtMs) });
}

export function journeyLine(j: Journey): string {
  const { departMs, arriveMs, leaveMs, homeMs, ...rest } = j;
  return JSON.stringify({
    ...rest,
    departAt: iso(departMs),
    arriveAt: iso(arriveMs),
    leaveAt: iso(leaveMs),
    homeAt: iso(homeMs),
  });
}
