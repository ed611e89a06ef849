import type { Static } from '@sinclair/typebox';
import { hashString, mix, PURPOSES, streamFor, type Random } from '../random.js';
import { HOTLIST_CATEGORIES } from '../scenario/schema.js';
import type { Hotlist, HotlistCategory } from '../scenario/schema.js';
import type { HotlistChange, Offence, Vehicle } from '../world/types.js';
import {
  drawReason,
  offenceReason,
  priorityOf,
  shareProblems,
  type Priority,
} from './categories.js';
import { keeperOf, type Keeper } from './keepers.js';
import { mistypedMark } from './keying.js';
import type { RegistryView } from './registry-view.js';

export type HotlistSettings = Static<typeof Hotlist>;

export interface InitialHotlistOptions {
  seed: number;
  /** When the initial entries reach the hub: the start of the run. */
  atMs: number;
  homeTownOf?: (vehicleId: number) => string;
}

/**
 * Spread of the listing lag around its median (log-normal shape). Inferred: most
 * stolen vehicles are listed within a few hours of the report, a few only the next
 * day.
 */
const LAG_SIGMA = 0.8;

/** Sub-streams of the hotlist purpose, so each kind of listing draws on its own. */
const STREAM = { initial: 1, offence: 2 } as const;

/** What varies between entries; the vehicle and its keeper supply the rest. */
interface Entry {
  entryId: string;
  atMs: number;
  category: HotlistCategory;
  priority: Priority;
  reason: string;
  vrm: string;
  wrong: boolean;
  stale: boolean;
}

function addChange(entry: Entry, vehicle: Vehicle, keeper: Keeper): HotlistChange {
  return {
    changeId: `${entry.entryId}-add`,
    atMs: entry.atMs,
    action: 'add',
    entryId: entry.entryId,
    vrm: entry.vrm,
    category: entry.category,
    priority: entry.priority,
    reason: entry.reason,
    make: vehicle.make,
    model: vehicle.model,
    colour: vehicle.colour,
    keeper,
    wrong: entry.wrong,
    stale: entry.stale,
    vehicleId: vehicle.id,
  };
}

/** Orders changes by time, then by id in code-unit order (alike in any locale). */
export function compareChanges(a: HotlistChange, b: HotlistChange): number {
  if (a.atMs !== b.atMs) return a.atMs - b.atMs;
  return a.changeId < b.changeId ? -1 : a.changeId > b.changeId ? 1 : 0;
}

/**
 * The hotlist at the start of the run. Each vehicle is listed in each category on a
 * draw keyed by (vehicle, category), so a shard of the registry lists exactly the
 * vehicles the whole would. Foreign-plated vehicles are never listed, so the listed
 * share of the registry falls short of the configured share by the foreign share.
 */
export function initialHotlist(
  registry: RegistryView,
  settings: HotlistSettings,
  options: InitialHotlistOptions,
): HotlistChange[] {
  const problem = shareProblems(settings.shares)[0];
  if (problem) throw new RangeError(`${problem.path}: ${problem.message}`);

  const changes: HotlistChange[] = [];
  for (let id = 0; id < registry.size; id++) {
    changes.push(...initialEntriesOf(id, registry, settings, options));
  }
  return changes.sort(compareChanges);
}

/**
 * A uniform draw in [0, 1) keyed by (vehicle, category). A hash rather than a whole
 * stream, because nearly every vehicle needs this one draw and nothing more;
 * building seven streams per vehicle took most of the time on large registries.
 */
function listingDraw(seed: number, vehicleId: number, index: number): number {
  const hash = mix(seed, PURPOSES.hotlist, STREAM.initial, vehicleId, index);
  return hash / 2 ** 32;
}

/** The initial entries of one vehicle: what `initialHotlist` lists for it. */
export function initialEntriesOf(
  vehicleId: number,
  registry: RegistryView,
  settings: HotlistSettings,
  options: InitialHotlistOptions,
): HotlistChange[] {
  const { seed, atMs } = options;
  const shareOf = (c: HotlistCategory): number => settings.shares[c] ?? 0;
  const listed = HOTLIST_CATEGORIES.filter(
    (category, index) => listingDraw(seed, vehicleId, index) < shareOf(category),
  );
  if (listed.length === 0) return [];

  const vehicle = registry.get(vehicleId);
  if (vehicle.format === 'foreign') return [];

  const keeper = keeperOf(seed, vehicleId, options.homeTownOf?.(vehicleId));
  return listed.map((category) => {
    const index = HOTLIST_CATEGORIES.indexOf(category);
    const random = streamFor(seed, 'hotlist', STREAM.initial, vehicleId, index);
    const entry = initialEntry(vehicle, category, random, settings, atMs);
    return addChange(entry, vehicle, keeper);
  });
}

function initialEntry(
  vehicle: Vehicle,
  category: HotlistCategory,
  random: Random,
  settings: HotlistSettings,
  atMs: number,
): Entry {
  const { reason, priority } = drawReason(category, random);
  const stale = category === 'stolen' && random.chance(settings.staleShare);
  const wrong = random.chance(settings.wrongShare);
  const vrm = wrong ? mistypedMark(vehicle.vrm, random) : vehicle.vrm;
  const entryId = `h-${category}-${vehicle.id}`;
  return { entryId, atMs, category, priority, reason, vrm, wrong, stale };
}

/**
 * A stolen-vehicle entry for an offence, listed a log-normal lag after the victim
 * reports it. Null when the offence took no vehicle or took a foreign-plated one.
 *
 * Limitation: offence listings always carry the right mark; `wrongShare` applies
 * only to the initial hotlist, so a scenario's stolen vehicle is always listable.
 */
export function offenceListing(
  offence: Offence,
  registry: RegistryView,
  settings: HotlistSettings,
  seed: number,
  homeTown?: string,
): HotlistChange | null {
  if (offence.stolenVehicleId === null) return null;
  const vehicle = registry.get(offence.stolenVehicleId);
  if (vehicle.format === 'foreign') return null;

  const key = hashString(offence.offenceId);
  const random = streamFor(seed, 'hotlist', STREAM.offence, key);
  const lagMinutes = random.logNormal(settings.reportLagMinutesMedian, LAG_SIGMA);
  const entry: Entry = {
    entryId: `h-stolen-${vehicle.id}-${offence.offenceId}`,
    atMs: offence.reportedAtMs + Math.round(lagMinutes * 60_000),
    category: 'stolen',
    priority: priorityOf('stolen'),
    reason: offenceReason(offence.kind, offence.place, random),
    vrm: vehicle.vrm,
    wrong: false,
    stale: false,
  };
  return addChange(entry, vehicle, keeperOf(seed, vehicle.id, homeTown));
}

/**
 * An entry for a given vehicle, such as an offender group's flagged own vehicle or a
 * vehicle stolen before the run. Its id carries the listing time, so it never
 * clashes with an initial entry for the same vehicle and category.
 */
export function listing(
  vehicleId: number,
  category: HotlistCategory,
  atMs: number,
  reason: string,
  registry: RegistryView,
  seed: number,
  homeTown?: string,
): HotlistChange {
  const vehicle = registry.get(vehicleId);
  const entry: Entry = {
    entryId: `h-${category}-${vehicleId}-${atMs}`,
    atMs,
    category,
    priority: priorityOf(category),
    reason,
    vrm: vehicle.vrm,
    wrong: false,
    stale: false,
  };
  return addChange(entry, vehicle, keeperOf(seed, vehicleId, homeTown));
}

/** Takes an entry off the hotlist, e.g. when its vehicle is recovered. */
export function removal(change: HotlistChange, atMs: number): HotlistChange {
  if (atMs < change.atMs) {
    throw new RangeError(`Cannot remove ${change.entryId} before it was listed`);
  }
  return { ...change, changeId: `${change.entryId}-remove`, atMs, action: 'remove' };
}
