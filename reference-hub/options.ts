import { TestbedError } from '../simulator/errors.js';

/**
 * Each difference between a read and a listed mark (a look-alike character, a lost
 * character) multiplies the read's confidence by this in a similar match. Our
 * estimate: a single look-alike is a common misread, so it costs little.
 */
export const SIMILAR_MATCH_FACTOR = 0.85;

/**
 * A read further than this from a listed mark (in differences: 1 per look-alike, 2
 * for characters of one class that are not look-alikes, 1 for a lost character) is
 * not similar to it. Engines change one character, now and then two, or lose one; a
 * read three differences away is far likelier another vehicle's, and with a hotlist
 * of thousands such coincidences would be most of the similar alerts.
 */
export const MAX_SIMILAR_DIFFERENCES = 2;

/**
 * A similar match below this confidence raises no alert. With the sensor model's
 * confidences (correct reads about 0.93, misreads 0.8, partial reads 0.7) it lets
 * through one look-alike or one lost character on an ordinary read, or two
 * look-alikes on a good one, and keeps out weak reads, which are mostly other
 * vehicles.
 */
export const MIN_SIMILAR_CONFIDENCE = 0.5;

/**
 * Alerts of priority 1 (warning markers) and 2 (stolen, wanted) are worth sending a
 * unit for; intelligence, missing-person and document offences (3 and 4) are for the
 * operator to judge and are recorded only.
 */
export const DISPATCH_MAX_PRIORITY = 2;

/**
 * No unit is sent on a match weaker than this: a stop on a doubtful read wastes a
 * unit.
 */
export const MIN_DISPATCH_CONFIDENCE = 0.6;

/**
 * The hub's own estimate of response driving against free-flow traffic, as the units
 * model has it: about 30% quicker.
 */
export const RESPONSE_SPEED_FACTOR = 1.3;

/**
 * A unit must reach its point at least this long before the vehicle is due there.
 */
export const INTERCEPT_LEAD_MS = 2 * 60_000;

/** How far ahead of the camera the vehicle's likely path is followed, metres. */
export const LIKELY_PATH_M = 40_000;

/**
 * No road vehicle covers ground faster than this between two cameras. Well above any
 * legal speed, so that only a clone (or a camera in the wrong place) exceeds it.
 */
export const MAX_PLAUSIBLE_SPEED_KMH = 160;

/**
 * Cameras closer than this never make an impossible journey: sites can be misplaced.
 */
export const MIN_JOURNEY_DISTANCE_M = 5_000;

/**
 * Added to the time between two captures before judging the speed, for cameras whose
 * clocks disagree (the sensor model drifts each camera's clock by seconds).
 */
export const CLOCK_SKEW_ALLOWANCE_MS = 2 * 60_000;

export interface HubOptions {
  /**
   * One alert per hotlist entry, and one impossible-journey flag per mark, in this
   * time.
   */
  windowMs?: number;
  /** A similar match below this confidence raises no alert (0 to 1). */
  minSimilarConfidence?: number;
  /** Alerts of this priority or a more urgent one (1 is the most) send a unit; 0 sends none. */
  dispatchMaxPriority?: number;
  /** No unit is sent on a match weaker than this (0 to 1). */
  minDispatchConfidence?: number;
  /**
   * Read ids and each mark's last read are kept for at least this long and at most
   * twice it, by simulated time.
   */
  retentionMs?: number;
  /** Events kept per session for pull delivery. */
  maxEvents?: number;
  maxReadsPerBatch?: number;
  maxBodyBytes?: number;
  /** Monotonic wall clock in milliseconds, for sessions in real time. */
  clockMs?: () => number;
}

export type ResolvedHubOptions = Required<HubOptions>;

/** The options that change what the hub decides, as `GET /v1/hub` reports them. */
export const DECISION_SETTINGS = [
  'windowMs',
  'minSimilarConfidence',
  'dispatchMaxPriority',
  'minDispatchConfidence',
] as const;

const DEFAULTS = {
  windowMs: 10 * 60_000,
  minSimilarConfidence: MIN_SIMILAR_CONFIDENCE,
  dispatchMaxPriority: DISPATCH_MAX_PRIORITY,
  minDispatchConfidence: MIN_DISPATCH_CONFIDENCE,
  retentionMs: 60 * 60_000,
  maxEvents: 100_000,
  maxReadsPerBatch: 10_000,
  maxBodyBytes: 16 * 1024 * 1024,
} as const;

type Rule = { expected: string; holds: (value: number) => boolean };

const wholeFrom = (least: number): Rule => ({
  expected: `a whole number of at least ${least}`,
  holds: (v) => Number.isSafeInteger(v) && v >= least,
});
const SHARE: Rule = {
  expected: 'a number from 0 to 1',
  holds: (v) => Number.isFinite(v) && v >= 0 && v <= 1,
};

const RULES: Record<keyof typeof DEFAULTS, Rule> = {
  windowMs: wholeFrom(1),
  minSimilarConfidence: SHARE,
  dispatchMaxPriority: {
    expected: 'a whole number from 0 to 4',
    holds: (v) => Number.isInteger(v) && v >= 0 && v <= 4,
  },
  minDispatchConfidence: SHARE,
  retentionMs: wholeFrom(1),
  maxEvents: wholeFrom(1),
  maxReadsPerBatch: wholeFrom(1),
  maxBodyBytes: wholeFrom(1024),
};

/**
 * Fills the defaults and checks every option, failing on the first bad one by name.
 */
export function resolveHubOptions(options: HubOptions = {}): ResolvedHubOptions {
  const resolved = {
    ...DEFAULTS,
    clockMs: () => performance.now(),
    ...withoutUndefined(options),
  };
  for (const name of Object.keys(RULES) as (keyof typeof RULES)[]) {
    const value = resolved[name];
    const rule = RULES[name];
    if (typeof value !== 'number' || !rule.holds(value)) {
      throw new TestbedError('ATB_HUB_OPTION_INVALID', {
        name,
        expected: rule.expected,
        value: String(value),
      });
    }
  }
  return resolved;
}

/** The settings that change the hub's decisions, for its description. */
export function decisionSettings(options: ResolvedHubOptions): Record<string, number> {
  return Object.fromEntries(DECISION_SETTINGS.map((name) => [name, options[name]]));
}

function withoutUndefined(options: HubOptions): HubOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}
