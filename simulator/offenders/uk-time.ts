import { MS_PER_DAY, startOfDay, ukHourOfDay, ukOffsetMs } from '../time.js';
import { clip, type Span } from './spans.js';

/**
 * UK civil time, which offenders and victims live by: GMT in winter and BST (UTC+1)
 * from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
 * October (Summer Time Act 1972 as amended by the Summer Time Order 2002).
 */

const HOUR_MS = 3_600_000;

/** The UK's offset from UTC at an instant: 0 in winter, one hour in summer. */
export { ukOffsetMs };

/** The hour of the day on a UK clock, 0 to 23. */
export { ukHourOfDay as ukLocalHour };

/**
 * The instant a UK clock shows a given local wall time (as if it were UTC). Exact
 * for every wall time outside the hour the clocks change (01:00 to 02:00).
 */
export function ukLocalToUtc(localMs: number): number {
  return localMs - ukOffsetMs(localMs - ukOffsetMs(localMs));
}

/** The first instant at or after `ms` when a UK clock shows `hour`:00. */
export function nextUkHour(ms: number, hour: number): number {
  const local = ms + ukOffsetMs(ms);
  const today = ukLocalToUtc(startOfDay(local) + hour * HOUR_MS);
  return today >= ms ? today : ukLocalToUtc(startOfDay(local) + MS_PER_DAY + hour * HOUR_MS);
}

/** Nights on a UK clock, `startHour` to `endHour` next morning, within a span. */
export function ukNights(span: Span, startHour: number, endHour: number): Span[] {
  const nights: Span[] = [];
  const firstLocalDay = startOfDay(span.fromMs) - MS_PER_DAY;
  for (let day = firstLocalDay; day < span.toMs + MS_PER_DAY; day += MS_PER_DAY) {
    const fromMs = ukLocalToUtc(day + startHour * HOUR_MS);
    const toMs = ukLocalToUtc(day + MS_PER_DAY + endHour * HOUR_MS);
    const clipped = clip({ fromMs, toMs }, span);
    if (clipped) nights.push(clipped);
  }
  return nights;
}
