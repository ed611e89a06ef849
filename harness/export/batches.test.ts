import { describe, expect, it } from 'vitest';
import type { Read } from '../../simulator/world/types.js';
import { batchReads, type BatchRule } from './batches.js';

const START = Date.UTC(2026, 10, 12, 18);

function read(n: number, deliveredAfterMs: number): Read {
  return {
    readId: `r${n}`,
    sightingId: `s${n}`,
    vrm: 'YK71ABC',
    cameraId: 'fx-a64',
    capturedAtMs: START + deliveredAfterMs - 500,
    deliveredAtMs: START + deliveredAfterMs,
    confidence: 0.9,
    error: 'none',
    duplicate: false,
    vehicleId: n,
    shownVrm: 'YK71ABC',
    headingDeg: 90,
  };
}

function shape(reads: Read[], rule: Partial<BatchRule> = {}) {
  const full: BatchRule = { startMs: START, speed: 1, batch: 3, holdMs: 1000, ...rule };
  return [...batchReads(reads, full)].map((b) => ({
    offsetMs: b.offsetMs,
    sentAt: b.body.sentAt,
    reads: b.body.reads.map((r) => r.readId),
  }));
}

describe('batching reads into requests', () => {
  it('sends a full request at its last read, and a part-full one when its first has waited', () => {
    const reads = [read(1, 0), read(2, 100), read(3, 200), read(4, 300), read(5, 2000)];
    expect(shape(reads)).toEqual([
      { offsetMs: 200, sentAt: '2026-11-12T18:00:00.200Z', reads: ['r1', 'r2', 'r3'] },
      { offsetMs: 1300, sentAt: '2026-11-12T18:00:01.300Z', reads: ['r4'] },
      { offsetMs: 2000, sentAt: '2026-11-12T18:00:02.000Z', reads: ['r5'] },
    ]);
  });

  it('takes a read due exactly at the end of the hold into the request', () => {
    expect(shape([read(1, 0), read(2, 1000), read(3, 1001)])).toEqual([
      { offsetMs: 1000, sentAt: '2026-11-12T18:00:01.000Z', reads: ['r1', 'r2'] },
      { offsetMs: 1001, sentAt: '2026-11-12T18:00:01.001Z', reads: ['r3'] },
    ]);
  });

  it('scales delivery times to the wall clock, the hold staying in wall-clock time', () => {
    const reads = [read(1, 0), read(2, 30_000), read(3, 90_000)];
    expect(shape(reads, { speed: 60 })).toEqual([
      { offsetMs: 1000, sentAt: '2026-11-12T18:01:00.000Z', reads: ['r1', 'r2'] },
      { offsetMs: 1500, sentAt: '2026-11-12T18:01:30.000Z', reads: ['r3'] },
    ]);
  });

  it('leaves the scoring fields behind', () => {
    const [batch] = [
      ...batchReads([read(1, 0)], { startMs: START, speed: 1, batch: 3, holdMs: 1 }),
    ];
    expect(batch!.body.reads).toEqual([
      {
        readId: 'r1',
        vrm: 'YK71ABC',
        cameraId: 'fx-a64',
        capturedAt: '2026-11-12T17:59:59.500Z',
        confidence: 0.9,
        headingDeg: 90,
      },
    ]);
  });
});
