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

let cachedMinute = NaN;
let cachedPrefix = '';

/** `new Date(ms).toISOString()`, reusing the date and minute part between calls. */
export function iso(ms: number): string {
  const minute = Math.floor(ms / 60_000);
  if (minute !== cachedMinute) {
    cachedMinute = minute;
    cachedPrefix = new Date(minute * 60_000).toISOString().slice(0, 17);
  }
  const rest = ms - minute * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = Math.floor(rest - seconds * 1000);
  const ss = seconds < 10 ? `0${seconds}` : `${seconds}`;
  const mmm = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : `${millis}`;
  return `${cachedPrefix}${ss}.${mmm}Z`;
}

const cameraLiterals = new Map<string, string>();

/** A camera id as a JSON string literal. */
function camera(id: string): string {
  let literal = cameraLiterals.get(id);
  if (literal === undefined) {
    literal = JSON.stringify(id);
    cameraLiterals.set(id, literal);
  }
  return literal;
}

export function readLine(r: Read): string {
  return (
    `{"readId":"${r.readId}","vrm":"${r.vrm}","cameraId":${camera(r.cameraId)},` +
    `"capturedAt":"${iso(r.capturedAtMs)}","deliveredAt":"${iso(r.deliveredAtMs)}",` +
    `"confidence":${r.confidence},"headingDeg":${r.headingDeg},"sightingId":"${r.sightingId}","error":"${r.error}",` +
    `"duplicate":${r.duplicate}}`
  );
}

export function sightingLine(s: Sighting): string {
  return (
    `{"sightingId":"${s.sightingId}","vehicleId":${s.vehicleId},"tripId":"${s.tripId}",` +
    `"vrm":"${s.vrm}","cameraId":${camera(s.cameraId)},"cameraKind":"${s.cameraKind}",` +
    `"at":"${iso(s.atMs)}"}`
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
