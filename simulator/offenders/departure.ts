import { journeyStream, type GroupKey } from './keys.js';
import { drawInSpans, subtractSpans, type Span } from './spans.js';
import { ukNights } from './uk-time.js';

/**
 * When a journey leaves home. Teams travel mostly at night (DOMAIN.md, Operation
 * Hawk), so with probability `nightShare` a journey leaves between 20:00 and 04:00
 * on a UK clock and otherwise between 04:00 and 20:00; the share of night departures
 * then matches the setting, as the scenario schema describes it. A journey must be
 * home before the window closes and may not overlap another of its group's.
 */

/** The night on a UK clock, in the scenario schema's words. */
const NIGHT_FROM_HOUR = 20;
const NIGHT_TO_HOUR = 4;
/**
 * Time at home between journeys, so a team is never on two jobs at once (assumed).
 */
const TURNAROUND_MS = 60 * 60_000;

export interface DepartureRequest {
  window: Span;
  /** From the first vehicle leaving to the last one home. */
  durationMs: number;
  nightShare: number;
  /**
   * The group's journeys already placed, from departure to the last vehicle home.
   */
  busy: readonly Span[];
}

/**
 * A departure (null when the journey cannot be placed) and what to tell the user.
 */
export interface DepartureChoice {
  departMs: number | null;
  note: string | null;
}

export function chooseDeparture(
  key: GroupKey,
  journey: number,
  request: DepartureRequest,
): DepartureChoice {
  const latestMs = request.window.toMs - request.durationMs;
  if (latestMs < request.window.fromMs) {
    const hours = (request.durationMs / 3_600_000).toFixed(1);
    return { departMs: null, note: `it takes ${hours} h, longer than the window` };
  }
  const room: Span = { fromMs: request.window.fromMs, toMs: latestMs + 1 };
  const atNight = journeyStream(key, journey, 'night').chance(request.nightShare);
  const holes = request.busy.map((b) => ({
    fromMs: b.fromMs - request.durationMs - TURNAROUND_MS,
    toMs: b.toMs + TURNAROUND_MS,
  }));
  const random = journeyStream(key, journey, 'departure');

  const nights = ukNights(room, NIGHT_FROM_HOUR, NIGHT_TO_HOUR);
  const preferred = subtractSpans(atNight ? nights : subtractSpans([room], nights), holes);
  const departMs = drawInSpans(random, preferred);
  if (departMs !== null) return { departMs, note: null };

  const anyMs = drawInSpans(random, subtractSpans([room], holes));
  if (anyMs === null) return { departMs: null, note: 'no free time is left in the window' };
  const part = atNight ? 'night' : 'day';
  return { departMs: anyMs, note: `no ${part}time departure fits, so it leaves at another hour` };
}
