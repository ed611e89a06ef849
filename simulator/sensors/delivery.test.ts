import { describe, expect, it } from 'vitest';
import { streamFor } from '../random.js';
import {
  BATCH_SPREAD_MS,
  deliveryMs,
  type DeliveryModel,
  nextUploadMs,
  slotConnects,
  uploadPhaseMs,
} from './delivery.js';
import { NOON_MS, TEST_SEED } from './testing.js';

const HOUR_MS = 3_600_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Reads captured every 7 s for 12 hours at one camera, with their delivery times.
 */
function deliveries(cameraIndex: number, model: DeliveryModel) {
  return Array.from({ length: (12 * HOUR_MS) / 7000 }, (_, i) => {
    const capturedMs = NOON_MS + i * 7000;
    const random = streamFor(TEST_SEED, 'capture', cameraIndex, i);
    return {
      cameraIndex,
      capturedMs,
      deliveredMs: deliveryMs(cameraIndex, capturedMs, model, TEST_SEED, random),
    };
  });
}

describe('deliveryMs for a connected camera', () => {
  it('delivers after a delay whose median is the configured one', () => {
    const model = { delayMedianS: 2, uploadIntervalMinutes: 0, offlineShare: 0 };
    const delays = deliveries(0, model).map((d) => d.deliveredMs - d.capturedMs);
    expect(Math.abs(median(delays) - 2000)).toBeLessThan(60);
    expect(Math.min(...delays)).toBeGreaterThan(0);
  });

  it('still delivers after the capture when the median delay is zero', () => {
    const model = { delayMedianS: 0, uploadIntervalMinutes: 0, offlineShare: 0 };
    const reads = deliveries(0, model);
    expect(reads.every((d) => d.deliveredMs > d.capturedMs)).toBe(true);
  });
});

describe('deliveryMs for a store-and-forward camera', () => {
  const model = { delayMedianS: 2, uploadIntervalMinutes: 15, offlineShare: 0.1 };
  const intervalMs = 15 * 60_000;

  it('delivers in batches a few seconds long at the camera upload slots', () => {
    const reads = deliveries(7, model);
    const phaseMs = uploadPhaseMs(TEST_SEED, 7, intervalMs);
    const intoSlot = reads.map(
      (r) => (((r.deliveredMs - phaseMs) % intervalMs) + intervalMs) % intervalMs,
    );
    expect(Math.max(...intoSlot)).toBeLessThan(BATCH_SPREAD_MS);
    expect(reads.every((r) => r.deliveredMs > r.capturedMs)).toBe(true);
  });

  it('skips slots without a connection and sends the backlog at the next', () => {
    const reads = deliveries(7, model);
    const phaseMs = uploadPhaseMs(TEST_SEED, 7, intervalMs);
    const slotOf = (ms: number) => Math.floor((ms - phaseMs) / intervalMs);
    const used = new Set(reads.map((r) => slotOf(r.deliveredMs)));
    const first = Math.min(...used);
    const last = Math.max(...used);
    const missed: number[] = [];
    for (let slot = first; slot <= last; slot++) {
      expect(used.has(slot)).toBe(slotConnects(TEST_SEED, 7, slot, 0.1));
      if (!used.has(slot)) missed.push(slot);
    }
    expect(missed.length).toBeGreaterThan(0);
    // The batch after a missed slot carries reads captured over two intervals.
    const after = reads.filter((r) => slotOf(r.deliveredMs) === missed[0]! + 1);
    const captured = after.map((r) => r.capturedMs);
    const capturedSpanMs = Math.max(...captured) - Math.min(...captured);
    expect(capturedSpanMs).toBeGreaterThan(1.5 * intervalMs);
  });

  it('gives two cameras their own phases, so reads arrive out of capture order', () => {
    const merged = [...deliveries(7, model), ...deliveries(8, model)].sort(
      (a, b) => a.deliveredMs - b.deliveredMs,
    );
    expect(uploadPhaseMs(TEST_SEED, 7, intervalMs)).not.toBe(
      uploadPhaseMs(TEST_SEED, 8, intervalMs),
    );
    const before = (i: number) => merged[i - 1] ?? merged[i]!;
    const earlier = merged.filter((r, i) => r.capturedMs < before(i).capturedMs);
    // Delivered after a read the other camera captured over a minute later.
    const crossCamera = merged.filter((r, i) => {
      const aheadMs = before(i).capturedMs - r.capturedMs;
      return before(i).cameraIndex !== r.cameraIndex && aheadMs > 60_000;
    });
    expect(earlier.length).toBeGreaterThan(100);
    expect(crossCamera.length).toBeGreaterThan(10);
  });

  it('agrees on the upload slot for every read that is ready before it', () => {
    const slotMs = nextUploadMs(3, NOON_MS, model, TEST_SEED);
    expect(slotMs).toBeGreaterThan(NOON_MS);
    expect(nextUploadMs(3, slotMs - 1, model, TEST_SEED)).toBe(slotMs);
    expect(nextUploadMs(3, NOON_MS + 1, model, TEST_SEED)).toBe(slotMs);
  });
});
