import { describe, expect, it } from 'vitest';
import { PendingReads } from './pending.js';
import type { Read } from './types.js';

function read(n: number): Read {
  return {
    readId: `t-${n}-0-1-2-r1`,
    sightingId: `t-${n}-0-1-2`,
    vrm: n % 2 ? 'YK71ABC' : 'YK71A8C',
    cameraId: `cam-${n % 3}`,
    capturedAtMs: 1_000 + n,
    deliveredAtMs: 2_000 + n,
    confidence: n / 100,
    headingDeg: n % 360,
    error: n % 2 ? 'none' : 'misread',
    duplicate: n % 5 === 0,
    vehicleId: n * 7,
    shownVrm: 'YK71ABC',
  };
}

describe('pending reads', () => {
  it('gives back each read as it was kept, in any order, and reuses freed slots', () => {
    const pending = new PendingReads();
    const slots = [0, 1, 2, 3].map((n) => pending.add(read(n)));
    expect(new Set(slots).size).toBe(4);
    expect(pending.idOf(slots[2]!)).toBe('t-2-0-1-2-r1');
    expect(pending.take(slots[2]!)).toEqual(read(2));
    expect(pending.take(slots[0]!)).toEqual(read(0));
    const reused = [pending.add(read(10)), pending.add(read(11))];
    expect(reused.sort()).toEqual([slots[0], slots[2]].sort());
    expect(pending.add(read(12))).toBe(4);
    for (const [slot, n] of [
      [slots[1]!, 1],
      [slots[3]!, 3],
      [4, 12],
    ] as const) {
      expect(pending.take(slot)).toEqual(read(n));
    }
  });
});
