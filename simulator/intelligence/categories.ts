import type { Random } from '../random.js';
import type { Problem } from '../problems.js';
import { HOTLIST_CATEGORIES } from '../scenario/schema.js';
import type { HotlistCategory, OffenceKind } from '../scenario/schema.js';
import type { HotlistChange } from '../world/types.js';

export type Priority = HotlistChange['priority'];

type Reasons = readonly string[];

/**
 * No official national order was found; this one is inferred in DOMAIN.md: warning
 * markers first, then stolen and wanted, then local intelligence and missing
 * persons, then no insurance, tax or MOT. An intelligence entry with a warning is
 * lifted to 1.
 */
const PRIORITY: Record<HotlistCategory, Priority> = {
  stolen: 2,
  wanted: 2,
  intelligence: 3,
  'missing-person': 3,
  'no-insurance': 4,
  'no-tax': 4,
  'no-mot': 4,
};

/** Priority of an entry with a warning marker (firearms, weapons, violence). */
export const WARNING_PRIORITY: Priority = 1;

/**
 * Share of intelligence entries that carry a warning marker. Inferred: no published
 * figure was found; warnings are meant to be rare enough to stand out.
 */
export const WARNING_SHARE = 0.1;

const REASONS: Record<HotlistCategory, Reasons> = {
  stolen: [
    'Stolen from driveway, keys taken in burglary',
    'Stolen overnight from outside home address',
    'Stolen by keyless relay attack from home address',
    'Stolen from farm yard, keys left in vehicle',
    'Stolen from supermarket car park',
    'Taken without consent from workplace',
    'Stolen while left running to defrost on driveway',
  ],
  wanted: [
    'Driver wanted for failing to stop',
    'Driver wanted for failing to stop after a collision',
    'Keeper wanted on warrant for failing to appear at court',
    'Keeper wanted for questioning over an assault',
    'Keeper wanted on recall to prison',
    'Driver wanted for dangerous driving',
  ],
  intelligence: [
    'Intelligence: linked to rural burglaries (Operation Hawk)',
    'Intelligence: used in thefts of farm machinery',
    'Intelligence: suspected drug supply across the county line',
    'Intelligence: seen near scenes of fuel theft',
    'Intelligence: suspected catalytic converter thefts',
    'Intelligence: stopped in Operation Checkpoint, occupants of interest',
  ],
  'missing-person': [
    'Missing person: vulnerable adult, may be driving',
    'Missing person: elderly driver with dementia',
    'Missing person: high risk, concern for welfare',
    'Missing person: teenager believed to be a passenger',
  ],
  'no-insurance': [
    'No insurance (MID)',
    'No insurance (MID): policy cancelled',
    'No insurance (MID): no record of cover',
  ],
  'no-tax': [
    'No tax (DVLA)',
    'No tax (DVLA): SORN declared',
    'No tax (DVLA): tax expired',
    'No tax (DVLA): keeper sold vehicle, not taxed by new keeper',
  ],
  'no-mot': [
    'No MOT',
    'No MOT: certificate expired',
    'No MOT: failed with dangerous defects',
    'No MOT: expired over a year ago',
  ],
};

/** Intelligence with a warning marker; the marker leads so it is read first. */
const WARNING_REASONS: Reasons = [
  'Warning: firearms. Keeper believed to carry a firearm',
  'Warning: firearms. Vehicle linked to an armed robbery',
  'Warning: weapons. Occupants known to carry knives',
  'Warning: violent. Keeper assaulted officers at last stop',
  'Warning: escaper. Keeper has escaped from custody before',
];

export function priorityOf(category: HotlistCategory, warning = false): Priority {
  return warning ? WARNING_PRIORITY : PRIORITY[category];
}

export function reasonsFor(category: HotlistCategory, warning = false): Reasons {
  return warning ? WARNING_REASONS : REASONS[category];
}

/** A reason and priority for a new entry; only intelligence can carry a warning. */
export function drawReason(
  category: HotlistCategory,
  random: Random,
): { reason: string; priority: Priority } {
  const warning = category === 'intelligence' && random.chance(WARNING_SHARE);
  return {
    reason: random.pick(reasonsFor(category, warning)),
    priority: priorityOf(category, warning),
  };
}

const OFFENCE_REASONS: Record<OffenceKind, Reasons> = {
  'vehicle-theft': [
    'Stolen overnight in {place}',
    'Stolen from outside an address in {place}, keys taken',
    'Stolen from a farm yard near {place}',
  ],
  burglary: [
    'Stolen in a burglary at {place}, keys taken from the house',
    'Stolen from a driveway in {place} during a burglary',
  ],
  'plant-theft': [
    'Stolen in a plant theft at {place}',
    'Stolen with machinery from a farm near {place}',
  ],
};

/** The reason a control room sees for a vehicle stolen in an offence at a place. */
export function offenceReason(kind: OffenceKind, place: string, random: Random) {
  return random.pick(OFFENCE_REASONS[kind]).replace('{place}', place);
}

export function isHotlistCategory(name: string): name is HotlistCategory {
  return (HOTLIST_CATEGORIES as readonly string[]).includes(name);
}

/** Problems with hotlist shares, for scenario validation: every unknown category. */
export function shareProblems(shares: Readonly<Record<string, number>>): Problem[] {
  return Object.keys(shares)
    .filter((name) => !isHotlistCategory(name))
    .map((name) => ({
      code: 'unknown-category',
      path: `hotlist.shares.${name}`,
      message: `Expected one of ${HOTLIST_CATEGORIES.join(', ')}; got "${name}"`,
      severity: 'error',
    }));
}
