import { describe, expect, it } from 'vitest';
import {
  arrivalsOf,
  expectedReads,
  NATIONAL_READS_PER_DAY,
  type LoadProfile,
  type ReplayTimes,
} from './profiles.js';
import { Schedule, type ScheduleBounds, type Send } from './schedule.js';

function sends(
  profile: LoadProfile,
  bounds: Partial<ScheduleBounds> & { durationMs: number },
  replay?: ReplayTimes,
): Send[] {
  const schedule = new Schedule(arrivalsOf(profile, bounds.durationMs, replay), {
    maxReads: 1e9,
    batch: 1,
    holdMs: 1000,
    ...bounds,
  });
  const all: Send[] = [];
  for (let send = schedule.next(); send && all.length < 1e6; send = schedule.next()) all.push(send);
  return all;
}

/** Reads due in each whole second. */
function perSecond(all: readonly Send[]): number[] {
  const counts: number[] = [];
  for (const { atMs, reads } of all) {
    const second = Math.floor(atMs / 1000);
    while (counts.length <= second) counts.push(0);
    counts[second]! += reads;
  }
  return counts;
}

describe('load profiles', () => {
  it('a constant rate puts exactly its reads in every second', () => {
    const all = sends({ kind: 'constant', readsPerSecond: 1000 }, { durationMs: 5000 });
    expect(perSecond(all)).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(all.every((s, i) => i === 0 || s.atMs >= all[i - 1]!.atMs)).toBe(true);
  });

  it('a ramp climbs in a straight line: second i of 0 to 1,000 over 10 s holds 50(2i+1)', () => {
    const all = sends(
      { kind: 'ramp', fromPerSecond: 0, toPerSecond: 1000 },
      { durationMs: 10_000 },
    );
    const counts = perSecond(all);
    expect(counts).toHaveLength(10);
    counts.forEach((n, i) => expect(Math.abs(n - 50 * (2 * i + 1))).toBeLessThanOrEqual(1));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5000);
  });

  it('a ramp down works as well as a ramp up', () => {
    const all = sends({ kind: 'ramp', fromPerSecond: 900, toPerSecond: 100 }, { durationMs: 4000 });
    expect(perSecond(all)).toEqual([800, 600, 400, 200]);
  });

  it('batches go when full, at their last read, ten a second at 1,000 reads/s in 100s', () => {
    const all = sends({ kind: 'constant', readsPerSecond: 1000 }, { durationMs: 5000, batch: 100 });
    expect(all).toHaveLength(50);
    expect(all.every((s) => s.reads === 100)).toBe(true);
    expect(all[0]!.atMs).toBeCloseTo(99, 6);
    expect(perSecond(all)).toEqual([1000, 1000, 1000, 1000, 1000]);
  });

  it('a batch that does not fill goes once its first read has waited the hold time', () => {
    const all = sends(
      { kind: 'constant', readsPerSecond: 10 },
      { durationMs: 3000, batch: 100, holdMs: 500 },
    );
    expect(all.map((s) => [s.atMs, s.reads])).toEqual([
      [500, 5],
      [1000, 5],
      [1500, 5],
      [2000, 5],
      [2500, 5],
      [2900, 5],
    ]);
  });

  it('the national day averages 60 million reads with a peak two to three times that', () => {
    const profile: LoadProfile = {
      kind: 'diurnal',
      area: 'national',
      readsPerDay: NATIONAL_READS_PER_DAY,
      dayMs: 24_000,
      startHour: 0,
      day: 'weekday',
    };
    const counts = perSecond(sends(profile, { durationMs: 24_000 }));
    expect(counts).toHaveLength(24);
    const total = counts.reduce((a, b) => a + b, 0);
    // Each hour of the day lasts a second here, at the hour's real rate.
    expect(total / 24).toBeCloseTo(NATIONAL_READS_PER_DAY / 86_400, -1);
    const peak = Math.max(...counts);
    expect(peak / (total / 24)).toBeGreaterThan(2);
    expect(peak / (total / 24)).toBeLessThan(3);
    expect(counts.indexOf(peak)).toBe(8);
    expect(counts[3]).toBeLessThan(counts[8]! / 10);
  });

  it('a burst adds every unit’s backlog at one moment on top of the baseline', () => {
    const profile: LoadProfile = {
      kind: 'burst',
      baselinePerSecond: 100,
      units: 5,
      backlog: 200,
      atMs: 2000,
    };
    const all = sends(profile, { durationMs: 4000, batch: 50 });
    expect(perSecond(all)).toEqual([100, 100, 1100, 100]);
    const atBurst = all.filter((s) => s.atMs === 2000);
    expect(atBurst.reduce((n, s) => n + s.reads, 0)).toBeGreaterThanOrEqual(1000);
    expect(expectedReads(profile, 4000)).toBe(1400);
  });

  it('the scenario profile replays delivery times sped up, pass after pass', () => {
    const replay: ReplayTimes = {
      offsetsMs: Float64Array.from([0, 1000, 2000, 3000]),
      spanMs: 4000,
    };
    const all = sends({ kind: 'scenario', speed: 10 }, { durationMs: 1000 }, replay);
    expect(all.map((s) => s.atMs)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(expectedReads({ kind: 'scenario', speed: 10 }, 1000, replay)).toBe(10);
  });

  it('stops at the bound on reads, and measures the offered rate over what it sent', () => {
    const schedule = new Schedule(arrivalsOf({ kind: 'constant', readsPerSecond: 1000 }, 10_000), {
      durationMs: 10_000,
      maxReads: 2500,
      batch: 1,
      holdMs: 1000,
    });
    let count = 0;
    while (schedule.next()) count++;
    expect(count).toBe(2500);
    // 2,500 reads at 1,000 a second take 2.5 s: the span runs to when the next was due.
    expect(schedule.offeredSpanMs).toBeCloseTo(2500, 6);
  });

  it('never schedules a read at or after the end of the duration', () => {
    const all = sends({ kind: 'constant', readsPerSecond: 333 }, { durationMs: 3000, batch: 7 });
    expect(all.reduce((n, s) => n + s.reads, 0)).toBe(999);
    expect(Math.max(...all.map((s) => s.atMs))).toBeLessThan(3000);
  });
});
