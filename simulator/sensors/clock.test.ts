import { describe, expect, it } from 'vitest';
import { cameraClock, cameraTime, TRUE_CLOCK } from './clock.js';
import { NOON_MS, TEST_SEED } from './testing.js';

const DAY_MS = 86_400_000;

function cameras(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

function spread(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}

describe('cameraClock', () => {
  it('spreads offsets and drifts across cameras as the model says', () => {
    const model = { clockOffsetSdS: 3, clockDriftPpmSd: 20 };
    const clocks = cameras(20_000).map((i) => cameraClock(TEST_SEED, i, model));
    expect(spread(clocks.map((c) => c.offsetMs))).toBeGreaterThan(2900);
    expect(spread(clocks.map((c) => c.offsetMs))).toBeLessThan(3100);
    expect(spread(clocks.map((c) => c.driftPpm))).toBeGreaterThan(19.3);
    expect(spread(clocks.map((c) => c.driftPpm))).toBeLessThan(20.7);
  });

  it('gives a camera the same clock however many other cameras are built', () => {
    const model = { clockOffsetSdS: 1, clockDriftPpmSd: 5 };
    const alone = cameraClock(TEST_SEED, 417, model);
    const among = cameras(1000).map((i) => cameraClock(TEST_SEED, i, model));
    expect(among[417]).toEqual(alone);
    expect(cameraClock(TEST_SEED + 1, 417, model)).not.toEqual(alone);
  });

  it('keeps perfect time when the model has no spread', () => {
    const model = { clockOffsetSdS: 0, clockDriftPpmSd: 0 };
    const clock = cameraClock(TEST_SEED, 3, model);
    const laterMs = NOON_MS + 5 * DAY_MS;
    expect(cameraTime(laterMs, clock, NOON_MS)).toBe(laterMs);
  });
});

describe('cameraTime', () => {
  it('adds the offset at the epoch and the drift as time goes on', () => {
    const clock = { offsetMs: 1500, driftPpm: 8 };
    expect(cameraTime(NOON_MS, clock, NOON_MS)).toBe(NOON_MS + 1500);
    // 8 ppm over 14 days is 9.68 s: just inside the statutory ±10 s over 14 days.
    const later = NOON_MS + 14 * DAY_MS;
    expect(cameraTime(later, clock, NOON_MS)).toBe(later + 1500 + 9677);
    const losing = { offsetMs: 0, driftPpm: -10 };
    const earlierMs = NOON_MS - DAY_MS;
    expect(cameraTime(earlierMs, losing, NOON_MS)).toBe(earlierMs + 864);
  });

  it('leaves true time alone on a true clock', () => {
    expect(cameraTime(NOON_MS + 123, TRUE_CLOCK, NOON_MS)).toBe(NOON_MS + 123);
  });
});
