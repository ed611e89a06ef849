import type {
  HotlistChange,
  Journey,
  Offence,
  Read,
  Sighting,
} from '../../simulator/world/types.js';

/**
 * The simulator's records as the lines of the output files, times as ISO 8601 UTC. Reads
 * and sightings are written by the million, so their lines are built by hand. Ids and
 * marks are made by the simulator from letters, digits and dashes and need no escaping;
 * camera ids come from the network's files, so each is escaped once and remembered.
 */

/**
 * Minutes whose date and minute part is remembered, each in the slot of its number modulo
 * this. A read's capture and delivery often fall in different minutes, and reads go out in
 * order of delivery, so remembering a single minute would recompute it for most lines.
 */
const PREFIX_SLOTS = 64;
const cachedMinutes = new Float64Array(PREFIX_SLOTS).fill(NaN);
const cachedPrefixes = new Array<string>(PREFIX_SLOTS).fill('');

/** `new Date(ms).toISOString()`, reusing the date and minute part between calls. */
export function iso(ms: number): string {
  const minute = Math.floor(ms / 60_000);
  const slot = minute & (PREFIX_SLOTS - 1);
  if (cachedMinutes[slot] !== minute) {
    cachedMinutes[slot] = minute;
    cachedPrefixes[slot] = new Date(minute * 60_000).toISOString().slice(0, 17);
  }
  const rest = ms - minute * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = Math.floor(rest - seconds * 1000);
  const ss = seconds < 10 ? `0${seconds}` : `${seconds}`;
  const mmm = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : `${millis}`;
  return `${cachedPrefixes[slot]}${ss}.${mmm}Z`;
}

/**
 * The parts of read and sighting lines that repeat, each made once and remembered: the
 * fewer pieces a line is joined from, the less it costs to copy it into the file's buffer.
 */
const readCameraParts = new Map<string, string>();
const sightingCameraParts = new Map<string, Map<string, string>>();
const readEndParts = [new Map<string, string>(), new Map<string, string>()] as const;

/** `","cameraId":…,"capturedAt":"` for a camera: the middle of its reads' lines. */
function readCameraPart(cameraId: string): string {
  let part = readCameraParts.get(cameraId);
  if (part === undefined) {
    part = `","cameraId":${JSON.stringify(cameraId)},"capturedAt":"`;
    readCameraParts.set(cameraId, part);
  }
  return part;
}

/** `","error":…,"duplicate":…}`: the end of a read's line. */
function readEndPart(error: string, duplicate: boolean): string {
  const parts = readEndParts[duplicate ? 1 : 0];
  let part = parts.get(error);
  if (part === undefined) {
    part = `","error":"${error}","duplicate":${duplicate}}`;
    parts.set(error, part);
  }
  return part;
}

/** `","cameraId":…,"cameraKind":…,"at":"` for a camera: the end of its sightings' lines. */
function sightingCameraPart(cameraId: string, kind: string): string {
  let parts = sightingCameraParts.get(kind);
  if (parts === undefined) {
    parts = new Map();
    sightingCameraParts.set(kind, parts);
  }
  let part = parts.get(cameraId);
  if (part === undefined) {
    part = `","cameraId":${JSON.stringify(cameraId)},"cameraKind":"${kind}","at":"`;
    parts.set(cameraId, part);
  }
  return part;
}

export function readLine(r: Read): string {
  return (
    `{"readId":"${r.readId}","vrm":"${r.vrm}${readCameraPart(r.cameraId)}` +
    `${iso(r.capturedAtMs)}","deliveredAt":"${iso(r.deliveredAtMs)}",` +
    `"confidence":${r.confidence},"headingDeg":${r.headingDeg},` +
    `"sightingId":"${r.sightingId}${readEndPart(r.error, r.duplicate)}`
  );
}

export function sightingLine(s: Sighting): string {
  return (
    `{"sightingId":"${s.sightingId}","vehicleId":${s.vehicleId},"tripId":"${s.tripId}",` +
    `"vrm":"${s.vrm}${sightingCameraPart(s.cameraId, s.cameraKind)}${iso(s.atMs)}"}`
  );
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
