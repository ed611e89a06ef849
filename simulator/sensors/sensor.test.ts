import { describe, expect, it } from 'vitest';
import type { Read, Sighting } from '../world/types.js';
import { cameraClock, cameraTime, TRUE_CLOCK, type CameraClock } from './clock.js';
import { isCurrentFormat } from './confusions.js';
import { BATCH_SPREAD_MS, uploadPhaseMs } from './delivery.js';
import { readsForSighting, type SensorContext } from './sensor.js';
import { defaultModel, NOON_MS, sightings, TEST_SEED } from './testing.js';

const COUNT = 200_000;
const all = sightings(COUNT);
const fixed = defaultModel('fixed');
const bySighting = new Map(all.map((s) => [s.sightingId, s]));

/** The sighting a read came from. */
function truth(read: Read): Sighting {
  return bySighting.get(read.sightingId)!;
}

function context(overrides: Partial<SensorContext> = {}): SensorContext {
  return {
    seed: TEST_SEED,
    model: fixed,
    cameraIndex: 0,
    night: false,
    rain: false,
    clock: TRUE_CLOCK,
    epochMs: NOON_MS,
    ...overrides,
  };
}

function readAll(ctx: SensorContext, list: Sighting[] = all): (readonly Read[])[] {
  return list.map((s) => readsForSighting(s, ctx));
}

/** Asserts that `actual` is within `tolerance` of `expected`. */
function expectNear(actual: number, expected: number, tolerance: number): void {
  expect(actual).toBeGreaterThanOrEqual(expected - tolerance);
  expect(actual).toBeLessThanOrEqual(expected + tolerance);
}

function captureRate(results: (readonly Read[])[]): number {
  return results.filter((reads) => reads.length > 0).length / results.length;
}

describe('readsForSighting capture', () => {
  it('captures at the day rate by day', () => {
    expectNear(captureRate(readAll(context())), fixed.captureDay, 0.01);
  });

  it('captures at the night rate at night', () => {
    const rate = captureRate(readAll(context({ night: true })));
    expectNear(rate, fixed.captureNight, 0.01);
  });

  it('captures less in rain, by the rain factor', () => {
    const rate = captureRate(readAll(context({ rain: true })));
    expectNear(rate, fixed.captureDay * fixed.rainFactor, 0.01);
  });

  it('captures at the lower in-car rates', () => {
    const inCar = defaultModel('in-car');
    const rate = captureRate(readAll(context({ model: inCar, night: true })));
    expectNear(rate, inCar.captureNight, 0.01);
  });
});

describe('readsForSighting errors and duplicates', () => {
  const inCar = defaultModel('in-car');
  const results = readAll(context({ model: inCar }));
  const firsts = results.flatMap((reads) => reads.slice(0, 1));
  const share = (error: Read['error']) =>
    firsts.filter((r) => r.error === error).length / firsts.length;

  it('misreads and cuts plates at the configured rates', () => {
    expectNear(share('misread'), inCar.misreadRate, 0.003);
    expectNear(share('partial'), inCar.partialRate, 0.002);
  });

  it('keeps every misread of a current-format mark in shape and different', () => {
    const misreads = results.flat().filter((r) => r.error === 'misread');
    const bad = misreads.filter((r) => !isCurrentFormat(r.vrm) || r.vrm === truth(r).vrm);
    expect(misreads.length).toBeGreaterThan(10_000);
    expect(bad).toEqual([]);
  });

  it('reports correct reads exactly and partial reads one character short', () => {
    const reads = results.flat();
    const wrongCorrect = reads.filter((r) => r.error === 'none' && r.vrm !== truth(r).vrm);
    const shortBy = (r: Read) => truth(r).vrm.length - r.vrm.length;
    const wrongPartial = reads.filter((r) => r.error === 'partial' && shortBy(r) !== 1);
    expect(wrongCorrect).toEqual([]);
    expect(wrongPartial).toEqual([]);
  });

  it('reads a pass twice at the duplicate rate, a few hundred ms apart', () => {
    const doubled = results.filter((reads) => reads.length === 2);
    expectNear(doubled.length / firsts.length, inCar.duplicateRate, 0.003);
    expect(results.every((reads) => reads.length <= 2)).toBe(true);
    const pairs = doubled.map(([a, b]) => [a!, b!] as const);
    expect(pairs.every(([a, b]) => !a.duplicate && b.duplicate)).toBe(true);
    const ids = pairs.map(([a, b]) => [a.readId, b.readId]);
    expect(ids.every(([a, b]) => a!.endsWith('-r1') && b!.endsWith('-r2'))).toBe(true);
    const gaps = pairs.map(([a, b]) => b.capturedAtMs - a.capturedAtMs);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(900);
    const sameVrm = pairs.filter(([a, b]) => a.vrm === b.vrm).length / pairs.length;
    expect(sameVrm).toBeGreaterThan(0.75);
    expect(sameVrm).toBeLessThan(0.9);
  });

  it('delivers every read after the true capture', () => {
    const early = results.flat().filter((r) => r.deliveredAtMs <= truth(r).atMs);
    expect(early).toEqual([]);
  });

  it('reports the mark upper case without spaces', () => {
    const sighting = { ...all[0]!, vrm: 'yk21 abc' };
    const exact = context({ model: { ...fixed, misreadRate: 0, partialRate: 0 } });
    const reads = readsForSighting(sighting, exact);
    expect(reads.map((r) => r.vrm)).toContain('YK21ABC');
  });
});

describe('readsForSighting determinism', () => {
  it('gives a sighting the same reads whatever else is generated, in any order', () => {
    const ctx = context({ model: defaultModel('mobile-van'), cameraIndex: 5 });
    const chosen = [all[17]!, all[90_001]!, all[123_456]!];
    const alone = chosen.map((s) => readsForSighting(s, ctx));
    const reversed = all.slice(0, 20_000).reverse();
    for (const s of reversed) readsForSighting(s, ctx);
    const again = [...chosen]
      .reverse()
      .map((s) => readsForSighting(s, ctx))
      .reverse();
    expect(again).toEqual(alone);
    expect(alone.flat().length).toBeGreaterThan(0);
  });
});

describe('readsForSighting clocks and delivery', () => {
  it('stamps reads by the camera clock, offset and drifting', () => {
    const clock: CameraClock = { offsetMs: -2500, driftPpm: 12 };
    const day = all.filter((_, i) => i % 1000 === 0);
    const reads = readAll(context({ clock }), day)
      .flat()
      .filter((r) => !r.duplicate);
    const byClock = (r: Read) => cameraTime(truth(r).atMs, clock, NOON_MS);
    expect(reads.every((r) => r.capturedAtMs === byClock(r))).toBe(true);
    // The last sighting comes 199,000 s after the epoch: 12 ppm of that is 2388 ms.
    const last = reads.find((r) => r.sightingId === 's-199000')!;
    expect(last.capturedAtMs - truth(last).atMs).toBe(-2500 + 2388);
  });

  it('draws a camera clock that moves its reads by its offset', () => {
    const clock = cameraClock(TEST_SEED, 9, defaultModel('mobile-van'));
    const [read] = readsForSighting(all[0]!, context({ clock }));
    expect(read!.capturedAtMs - all[0]!.atMs).toBe(clock.offsetMs);
  });

  it('delivers a mobile van reads in bursts at its upload slots', () => {
    const van = defaultModel('mobile-van');
    const intervalMs = van.uploadIntervalMinutes * 60_000;
    const phaseMs = uploadPhaseMs(TEST_SEED, 5, intervalMs);
    const ctx = context({ model: van, cameraIndex: 5 });
    const reads = readAll(ctx, all.slice(0, 20_000)).flat();
    const slotOf = (r: Read) => Math.floor((r.deliveredAtMs - phaseMs) / intervalMs);
    const slots = new Set(reads.map(slotOf));
    const intoSlot = reads.map((r) => (r.deliveredAtMs - phaseMs) % intervalMs);
    expect(Math.max(...intoSlot)).toBeLessThan(BATCH_SPREAD_MS);
    // 20,000 reads over about 5.6 hours land in about 20 batches, not spread out.
    expect(slots.size).toBeLessThan(25);
  });
});
