import { describe, expect, it } from 'vitest';
import { parseIsoUtc } from '../time.js';
import { isNight, sunTimesMin } from './daylight.js';

function at(iso: string): number {
  const ms = parseIsoUtc(iso);
  if (ms === null) throw new Error(`Bad time ${iso}`);
  return ms;
}

describe('isNight', () => {
  it('calls a winter evening night and a winter midday day', () => {
    expect(isNight(at('2026-12-21T16:30:00Z'))).toBe(true);
    expect(isNight(at('2026-12-21T12:00:00Z'))).toBe(false);
    expect(isNight(at('2026-12-21T07:30:00Z'))).toBe(true);
  });

  it('calls a midsummer evening at nine day and three in the morning night', () => {
    expect(isNight(at('2026-06-21T20:00:00Z'))).toBe(false);
    expect(isNight(at('2026-06-21T02:30:00Z'))).toBe(true);
    expect(isNight(at('2026-06-21T04:00:00Z'))).toBe(false);
  });

  it('gives about 7.5 hours of daylight at midwinter and 17 at midsummer', () => {
    const winter = sunTimesMin(at('2026-12-21T12:00:00Z'));
    const summer = sunTimesMin(at('2026-06-21T12:00:00Z'));
    expect((winter.sunsetMin - winter.sunriseMin) / 60).toBeCloseTo(7.4, 0);
    expect((summer.sunsetMin - summer.sunriseMin) / 60).toBeCloseTo(17.1, 0);
  });

  it('moves smoothly across the turn of the year', () => {
    const dec31 = sunTimesMin(at('2026-12-31T12:00:00Z'));
    const jan1 = sunTimesMin(at('2027-01-01T12:00:00Z'));
    expect(Math.abs(dec31.sunriseMin - jan1.sunriseMin)).toBeLessThan(2);
    expect(Math.abs(dec31.sunsetMin - jan1.sunsetMin)).toBeLessThan(2);
    expect(jan1.sunriseMin).toBeGreaterThan(490);
    expect(jan1.sunriseMin).toBeLessThan(500);
  });
});
