import { MS_PER_DAY } from '../time.js';

/**
 * Night and day in North Yorkshire, for the capture rate: plates are harder to read
 * under headlights and infrared than in daylight.
 */

/**
 * Approximate sunrise and sunset at 54°N 1.1°W (near York) on the 15th of each
 * month, in minutes after midnight UTC, computed from the NOAA solar-position
 * equations (refraction and the sun's radius included). Interpolated between months
 * and applied county-wide, they are within about a quarter of an hour.
 */
const SUN = {
  day: [14, 45, 73, 104, 134, 165, 195, 226, 257, 287, 318, 348],
  sunriseMin: [496, 446, 382, 306, 243, 211, 230, 281, 336, 390, 451, 497],
  sunsetMin: [971, 1031, 1086, 1144, 1198, 1237, 1230, 1178, 1104, 1030, 968, 942],
} as const;

const DAYS_PER_YEAR = 365.2425;
/** 2000-01-01 in days since the Unix epoch: a 1 January to count years from. */
const JAN_1_2000_DAY = 10_957;

/**
 * Day of the year (0 at 1 January) as a fraction, counted in mean Gregorian years
 * from 2000; off by under a day, which moves sunrise by at most a few minutes.
 */
function dayOfYear(ms: number): number {
  const days = ms / MS_PER_DAY - JAN_1_2000_DAY;
  return wrapYear(days % DAYS_PER_YEAR);
}

/** Linear interpolation in a mid-month table, wrapping from December to January. */
function interpolate(table: readonly number[], day: number): number {
  const last = SUN.day.length - 1;
  let i = last;
  while (i >= 0 && SUN.day[i]! > day) i--;
  if (i < 0) i = last;
  const next = i === last ? 0 : i + 1;
  const spanDays = wrapYear(SUN.day[next]! - SUN.day[i]!);
  const share = wrapYear(day - SUN.day[i]!) / spanDays;
  return table[i]! + share * (table[next]! - table[i]!);
}

function wrapYear(days: number): number {
  return (days + DAYS_PER_YEAR) % DAYS_PER_YEAR;
}

/** Sunrise and sunset on the day of `ms`, in minutes after midnight UTC. */
export function sunTimesMin(ms: number): { sunriseMin: number; sunsetMin: number } {
  const day = dayOfYear(ms);
  return {
    sunriseMin: interpolate(SUN.sunriseMin, day),
    sunsetMin: interpolate(SUN.sunsetMin, day),
  };
}

/**
 * True between sunset and sunrise in North Yorkshire.
 * Limitation: civil twilight counts as night, though cameras still see well in it.
 */
export function isNight(ms: number): boolean {
  const minute = (((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 60_000;
  const { sunriseMin, sunsetMin } = sunTimesMin(ms);
  return minute < sunriseMin || minute >= sunsetMin;
}
