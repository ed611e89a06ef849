import { TestbedError } from '../errors.js';
import { cameraAvoidanceCosts } from '../network/index.js';
import { chooseDeparture } from './departure.js';
import { prepareGroup, type GroupContext } from './group.js';
import { shapeJourney } from './journey-shape.js';
import { journeyRecords } from './records.js';
import type { Span } from './spans.js';
import {
  appendPlan,
  emptyPlan,
  type OffenderGroupSettings,
  type OffendingInput,
  type OffendingPlan,
} from './types.js';

/**
 * Plans every offender group's journeys to crime in the run's window. Each group is
 * planned from its own streams (keyed by its name), so a group's plan is the same
 * whether it is planned alone or beside others; within a group, journeys are placed
 * in index order so that none overlaps an earlier one. A vehicle stolen at the
 * target is listed last among its journey's vehicles and has a return trip only.
 *
 * The world stops a stolen vehicle's ordinary trips (see `World`); this plan only says
 * which vehicles are taken.
 * Limitation: two groups may take the same registry vehicle, since each group
 * chooses without knowing of the others (which is what keeps groups independent).
 */
export function planOffending(input: OffendingInput): OffendingPlan {
  assertUniqueNames(input.groups);
  const plan = emptyPlan();
  let avoidanceS: Float64Array | undefined;
  const avoidance = (): Float64Array => (avoidanceS ??= cameraAvoidanceCosts(input.network));
  for (const group of input.groups) appendPlan(plan, planGroup(input, group, avoidance));
  return plan;
}

function assertUniqueNames(groups: readonly OffenderGroupSettings[]): void {
  const seen = new Set<string>();
  for (const { name } of groups) {
    if (seen.has(name)) throw new TestbedError('ATB_OFFENDERS_GROUP_REPEATED', { name });
    seen.add(name);
  }
}

function planGroup(
  input: OffendingInput,
  group: OffenderGroupSettings,
  avoidance: () => Float64Array,
): OffendingPlan {
  const plan = emptyPlan();
  const { context, notes } = prepareGroup(input, group);
  plan.notes.push(...notes);
  if (!context) return plan;

  plan.listings.push(...context.listings);
  const avoidanceS = group.awareness === 'aware' ? avoidance() : undefined;
  const busy: Span[] = [];
  for (let index = 0; index < group.journeys; index++) {
    appendPlan(plan, planJourney(input, context, index, avoidanceS, busy));
  }
  return plan;
}

/** One journey's records, with the span it occupies added to `busy`. */
function planJourney(
  input: OffendingInput,
  context: GroupContext,
  index: number,
  avoidanceS: Float64Array | undefined,
  busy: Span[],
): OffendingPlan {
  const plan = emptyPlan();
  const { shape, notes } = shapeJourney(input, context, index, avoidanceS);
  plan.notes.push(...notes);
  if (!shape) return plan;

  const window = { fromMs: input.startMs, toMs: input.endMs };
  const durationMs = shape.homeOffsetMs;
  const nightShare = input.settings.nightShare;
  const { departMs, note } = chooseDeparture(context.key, index, {
    window,
    durationMs,
    nightShare,
    busy,
  });
  const label = `Group "${context.group.name}" journey ${index}`;
  if (departMs === null) {
    plan.notes.push(`${label} is dropped: ${note ?? 'it does not fit the window'}.`);
    return plan;
  }
  if (note) plan.notes.push(`${label}: ${note}.`);

  busy.push({ fromMs: departMs, toMs: departMs + durationMs });
  const placeName = (place: number): string => input.network.places[place]!.name;
  const dates = { departMs, startMs: input.startMs };
  appendPlan(plan, journeyRecords(context, shape, placeName, dates));
  return plan;
}
