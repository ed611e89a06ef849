import type {
  CameraSite,
  HotlistChange,
  HotlistEntry,
  Read,
  SessionStart,
  UnitReport,
} from '../harness/hub-api/protocol.js';
import type { Network } from '../simulator/network/index.js';
import { cameraRegistry } from '../harness/runner/wire.js';

/** Builders of protocol messages for the reference hub's tests and benchmark. */

export const START_AT = '2026-11-12T21:00:00.000Z';
export const START_MS = Date.parse(START_AT);

/** The simulated time `minutes` after START_AT, on the wire. */
export function at(minutes: number): string {
  return new Date(START_MS + minutes * 60_000).toISOString();
}

export function sessionStart(extra: Partial<SessionStart> = {}): SessionStart {
  return {
    sessionId: 's1',
    scenario: 'test',
    seed: 1,
    mode: 'virtual',
    startAt: START_AT,
    speed: 1,
    delivery: 'pull',
    ...extra,
  };
}

/** The network's camera sites as the harness registers them. */
export function cameraSites(network: Network): CameraSite[] {
  return cameraRegistry(network).cameras;
}

export function entry(
  entryId: string,
  vrm: string,
  extra: Partial<HotlistEntry> = {},
): HotlistEntry {
  return {
    entryId,
    vrm,
    category: 'stolen',
    priority: 2,
    reason: 'Stolen overnight from outside home address',
    make: 'Ford',
    model: 'Transit',
    colour: 'White',
    ...extra,
  };
}

export function upsert(changeId: string, listed: HotlistEntry, minutes = 0): HotlistChange {
  return { action: 'upsert', changeId, at: at(minutes), entry: listed };
}

export function remove(changeId: string, entryId: string, minutes = 0): HotlistChange {
  return { action: 'remove', changeId, at: at(minutes), entryId };
}

export function read(
  readId: string,
  vrm: string,
  cameraId: string,
  minutes: number,
  confidence = 0.93,
): Read {
  return { readId, vrm, cameraId, capturedAt: at(minutes), confidence };
}

/** A unit report at a graph node. */
export function unitAt(
  network: Network,
  unitId: string,
  node: number,
  extra: Partial<UnitReport> = {},
): UnitReport {
  return {
    unitId,
    callsign: unitId.toUpperCase(),
    kind: 'road-crime',
    status: 'available',
    position: { lon: network.graph.nodeLon[node]!, lat: network.graph.nodeLat[node]! },
    dispatchId: null,
    ...extra,
  };
}
