import type {
  HotlistChange,
  Journey,
  Offence,
  Read,
  Sighting,
} from '../../simulator/world/types.js';

/** The simulator's records as the lines of the output files: times as ISO 8601 UTC. */

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function readLine(r: Read): string {
  return JSON.stringify({
    readId: r.readId,
    vrm: r.vrm,
    cameraId: r.cameraId,
    capturedAt: iso(r.capturedAtMs),
    deliveredAt: iso(r.deliveredAtMs),
    confidence: r.confidence,
    sightingId: r.sightingId,
    error: r.error,
    duplicate: r.duplicate,
  });
}

export function sightingLine(s: Sighting): string {
  return JSON.stringify({
    sightingId: s.sightingId,
    vehicleId: s.vehicleId,
    tripId: s.tripId,
    vrm: s.vrm,
    cameraId: s.cameraId,
    cameraKind: s.cameraKind,
    at: iso(s.atMs),
  });
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
