import type { FieldOptions } from './types.js';

/**
 * Response driving against free-flow traffic. Our estimate for blue-light driving on
 * the county's rural roads, where bends, single carriageways and villages leave
 * little room to go faster than traffic: about 30% quicker overall. DOMAIN.md gives
 * no figure for it.
 */
export const RESPONSE_SPEED_FACTOR = 1.3;

/** A unit waits this long at its point before it gives up on the target. */
export const MAX_WAIT_MS = 30 * 60_000;

/** A stop (checks, search, arrest or release) keeps the unit busy this long. */
export const STOP_DURATION_MS = 20 * 60_000;

/**
 * Trips that ended longer ago are forgotten, except the one that shows where each
 * vehicle is parked.
 */
export const HORIZON_MS = 2 * 3_600_000;

/** A dispatch point further than this from every road is refused. */
export const MAX_POINT_TO_ROAD_M = 2000;

export type ResolvedFieldOptions = Required<FieldOptions>;

/** Fills the defaults and checks every option, naming the first bad one. */
export function resolveOptions(options: FieldOptions = {}): ResolvedFieldOptions {
  const resolved = {
    responseSpeedFactor: options.responseSpeedFactor ?? RESPONSE_SPEED_FACTOR,
    maxWaitMs: options.maxWaitMs ?? MAX_WAIT_MS,
    stopDurationMs: options.stopDurationMs ?? STOP_DURATION_MS,
    horizonMs: options.horizonMs ?? HORIZON_MS,
  };
  const factor = resolved.responseSpeedFactor;
  if (!(factor > 0 && factor < Infinity)) {
    throw new RangeError(`responseSpeedFactor must be a positive number; got ${factor}`);
  }
  for (const name of ['maxWaitMs', 'stopDurationMs', 'horizonMs'] as const) {
    const value = resolved[name];
    if (!(value >= 0 && value < Infinity)) {
      throw new RangeError(`${name} must be 0 or more milliseconds; got ${value}`);
    }
  }
  return resolved;
}
