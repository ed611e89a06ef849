import { hashString, streamFor, type Random } from '../random.js';

/**
 * Stream keys and record ids for offender planning. Every draw is keyed by the
 * group's name, the journey and the step it serves, so that adding a group, a
 * journey or a draw to one step changes nothing else.
 */

/** The step of a journey a stream serves. */
export const STEP = {
  target: 1,
  offenceKind: 2,
  night: 3,
  departure: 4,
  dwell: 5,
  convoy: 6,
  offence: 7,
  stolenAhead: 8,
  theft: 9,
  report: 10,
} as const;

export type Step = keyof typeof STEP;

/** Stands in for a journey index in draws that belong to the group as a whole. */
const WHOLE_GROUP = 0xffffffff;

export interface GroupKey {
  seed: number;
  /** `hashString` of the group's name. */
  hash: number;
  /** The hash as eight hex digits, used in record ids. */
  tag: string;
}

export function groupKey(seed: number, name: string): GroupKey {
  const hash = hashString(name);
  return { seed, hash, tag: hash.toString(16).padStart(8, '0') };
}

/** The stream for one step of one journey, optionally narrowed to a vehicle. */
export function journeyStream(
  key: GroupKey,
  journey: number,
  step: Step,
  ...more: number[]
): Random {
  return streamFor(key.seed, 'offenders', key.hash, journey, STEP[step], ...more);
}

/**
 * The stream for a draw that holds for all of a group's journeys (its own vehicles).
 */
export function groupStream(key: GroupKey, vehicleSlot: number): Random {
  return streamFor(key.seed, 'offenders', key.hash, WHOLE_GROUP, vehicleSlot);
}

export type Leg = 'out' | 'back';

export function tripId(key: GroupKey, journey: number, vehicleSlot: number, leg: Leg): string {
  return `o-${key.tag}-${journey}-${vehicleSlot}-${leg}`;
}

export function journeyId(key: GroupKey, journey: number): string {
  return `j-${key.tag}-${journey}`;
}

export function offenceId(key: GroupKey, journey: number): string {
  return `x-${key.tag}-${journey}`;
}
