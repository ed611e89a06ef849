import { describe, expect, it } from 'vitest';
import type { Read, Sighting } from '../../simulator/world/types.js';
import { iso, readLine, sightingLine } from './records.js';

describe('output lines', () => {
  it('formats times exactly as Date does, across minutes, days and years', () => {
    const samples = [
      0, 59_999, 60_000, 1_794_506_399_999, 1_794_506_400_000, 1_798_761_599_500, 1_709_251_199_005,
    ];
    for (const ms of samples) expect(iso(ms)).toBe(new Date(ms).toISOString());
    for (let ms = 1_794_506_000_000; ms < 1_794_506_400_000; ms += 7_919) {
      expect(iso(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('writes reads and sightings as the JSON their fields make', () => {
    const read: Read = {
      readId: 't-1-2-3-0-r1',
      sightingId: 't-1-2-3-0',
      vrm: 'YK71ABC',
      cameraId: 'fx-a64-border',
      capturedAtMs: 1_794_506_400_123,
      deliveredAtMs: 1_794_506_401_500,
      confidence: 0.931,
      headingDeg: 271,
      error: 'none',
      duplicate: false,
      vehicleId: 1,
      shownVrm: 'YK71ABC',
    };
    expect(JSON.parse(readLine(read))).toEqual({
      readId: 't-1-2-3-0-r1',
      vrm: 'YK71ABC',
      cameraId: 'fx-a64-border',
      capturedAt: '2026-11-12T18:00:00.123Z',
      deliveredAt: '2026-11-12T18:00:01.500Z',
      confidence: 0.931,
      headingDeg: 271,
      sightingId: 't-1-2-3-0',
      error: 'none',
      duplicate: false,
    });
    const sighting: Sighting = {
      sightingId: 's-1',
      vehicleId: 4,
      tripId: 't',
      vrm: 'AB1',
      cameraId: 'c"a\\b',
      cameraKind: 'in-car',
      atMs: 0,
      edge: 3,
      headingDeg: 0,
    };
    expect(JSON.parse(sightingLine(sighting))).toMatchObject({
      cameraId: 'c"a\\b',
      vrm: 'AB1',
      at: '1970-01-01T00:00:00.000Z',
    });
  });
});
