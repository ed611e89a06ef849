import type { SessionRequest } from '../driver.js';
import type { CameraRegistry, HotlistChanges, Read, ReadBatch, UnitReports } from '../protocol.js';

/** Small, valid protocol messages for tests: one camera, one listed mark, one unit. */

export const START_AT = '2026-11-12T21:00:00.000Z';
export const LISTED_VRM = 'YK71ABC';

export function sessionRequest(sessionId = 'run-1'): SessionRequest {
  return { sessionId, scenario: 'test', seed: 1, mode: 'virtual', startAt: START_AT, speed: 1 };
}

export const CAMERAS: CameraRegistry = {
  cameras: [
    {
      cameraId: 'cam-a64-malton',
      kind: 'fixed',
      name: 'A64 Malton bypass',
      road: 'A64',
      position: { lon: -0.79, lat: 54.14 },
      headingsDeg: [60, 240],
    },
  ],
};

export const HOTLIST: HotlistChanges = {
  changes: [
    {
      action: 'upsert',
      changeId: 'change-1',
      at: START_AT,
      entry: {
        entryId: 'entry-1',
        vrm: LISTED_VRM,
        category: 'stolen',
        priority: 1,
        reason: 'Taken in a burglary in Leeds',
        make: 'Ford',
        model: 'Focus',
        colour: 'Blue',
      },
    },
  ],
};

export const UNITS: UnitReports = {
  at: START_AT,
  units: [
    {
      unitId: 'unit-rct-1',
      callsign: 'NY41',
      kind: 'road-crime',
      status: 'available',
      position: { lon: -1.08, lat: 53.96 },
      dispatchId: null,
    },
  ],
};

export function read(readId: string, vrm: string): Read {
  return { readId, vrm, cameraId: 'cam-a64-malton', capturedAt: START_AT, confidence: 0.93 };
}

/** A batch of reads, one for each mark, with ids `prefix-0`, `prefix-1` and so on. */
export function batch(prefix: string, vrms: readonly string[]): ReadBatch {
  return { sentAt: START_AT, reads: vrms.map((vrm, i) => read(`${prefix}-${i}`, vrm)) };
}
