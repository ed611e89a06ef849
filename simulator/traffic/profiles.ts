import type { DayType } from '../scenario/resolve.js';

/**
 * Share of a day's trips starting in each hour (UK clock), by day type. Shapes follow the
 * Department for Transport's published traffic distribution by time of day (TRA0307): a
 * weekday morning peak at 08:00 and evening peak at 17:00, a weekend midday hump. Values
 * are our reading of those shapes, normalised here, not the published table.
 */
const SHAPES: Record<DayType, readonly number[]> = {
  weekday: [
    0.6, 0.4, 0.3, 0.3, 0.5, 1.3, 3.6, 7.2, 8.6, 6.0, 5.2, 5.4, 5.6, 5.6, 5.9, 6.9, 8.0, 8.3, 6.4,
    4.6, 3.5, 2.7, 1.9, 1.1,
  ],
  saturday: [
    1.0, 0.7, 0.5, 0.4, 0.4, 0.7, 1.4, 2.7, 4.6, 6.4, 7.7, 8.3, 8.3, 7.9, 7.5, 7.2, 6.8, 6.2, 5.0,
    3.9, 3.1, 2.6, 2.0, 1.4,
  ],
  sunday: [
    1.1, 0.8, 0.5, 0.4, 0.3, 0.4, 0.8, 1.6, 3.1, 5.2, 7.3, 8.4, 8.7, 8.4, 8.2, 8.0, 7.6, 6.8, 5.6,
    4.3, 3.3, 2.5, 1.8, 1.1,
  ],
};

function normalise(values: readonly number[]): Float64Array {
  const total = values.reduce((a, b) => a + b, 0);
  return Float64Array.from(values, (v) => v / total);
}

export const HOURLY_SHARE: Record<DayType, Float64Array> = {
  weekday: normalise(SHAPES.weekday),
  saturday: normalise(SHAPES.saturday),
  sunday: normalise(SHAPES.sunday),
};

/** Cumulative shares, for drawing a departure hour. */
export const HOURLY_CUMULATIVE: Record<DayType, Float64Array> = {
  weekday: cumulative(HOURLY_SHARE.weekday),
  saturday: cumulative(HOURLY_SHARE.saturday),
  sunday: cumulative(HOURLY_SHARE.sunday),
};

function cumulative(shares: Float64Array): Float64Array {
  let sum = 0;
  return shares.map((s) => (sum += s));
}

/** A departure time of day in ms after local midnight, drawn from the profile. */
export function drawTimeOfDayMs(day: DayType, u: number, v: number): number {
  const table = HOURLY_CUMULATIVE[day];
  let hour = 0;
  while (hour < 23 && table[hour]! < u) hour++;
  return (hour + v) * 3_600_000;
}
