import type { Random } from '../random.js';
import type { Vehicle, VehicleType } from '../world/types.js';

/**
 * What offender planning needs of the vehicle registry (simulator/vehicles). Keeping
 * it narrow lets the planner be tested with a few hand-made vehicles.
 */
export interface RegistryView {
  readonly size: number;
  get(id: number): Vehicle;
  /** Ids of the vehicles kept at a zone (a place index, then gateways). */
  vehiclesAtZone(zone: number): readonly number[];
  /**
   * A vehicle of the given make other than `excludeId`, or null when there is none.
   */
  vehiclesOfMakeSample(make: string, random: Random, excludeId: number): number | null;
}

/** Zones up to this size are searched in full for a preferred type. */
const SCAN_LIMIT = 512;
/** Draws taken from a larger zone before giving up on the preferred types. */
const SAMPLE_TRIES = 64;

export interface ZonePick {
  zone: number;
  /** Types to prefer, when any vehicle of them is kept there. */
  types?: readonly VehicleType[];
  /** Vehicles that must not be chosen (already in the group's hands). */
  exclude?: ReadonlySet<number>;
}

/**
 * A vehicle kept at a zone, preferring the given types; null when the zone keeps no
 * vehicle that may be chosen. Small zones are searched in full.
 *
 * Limitation: a city zone can hold a hundred thousand vehicles, so there the
 * preferred type is sampled for, and a type making up 5% of it is missed 4% of times.
 */
export function pickVehicleAtZone(
  registry: RegistryView,
  random: Random,
  pick: ZonePick,
): number | null {
  const ids = registry.vehiclesAtZone(pick.zone);
  if (ids.length === 0) return null;
  const allowed = (id: number): boolean => !(pick.exclude?.has(id) ?? false);
  const types = pick.types ?? [];
  const preferred = (id: number): boolean => allowed(id) && types.includes(registry.get(id).type);

  if (types.length > 0) {
    const found =
      ids.length <= SCAN_LIMIT ? scan(ids, random, preferred) : sample(ids, random, preferred);
    if (found !== null) return found;
  }
  return sample(ids, random, allowed) ?? scan(ids, random, allowed);
}

/** An even choice among the ids that pass, from a full pass over them. */
function scan(
  ids: readonly number[],
  random: Random,
  passes: (id: number) => boolean,
): number | null {
  const passing = ids.filter(passes);
  return passing.length > 0 ? random.pick(passing) : null;
}

function sample(
  ids: readonly number[],
  random: Random,
  passes: (id: number) => boolean,
): number | null {
  for (let i = 0; i < SAMPLE_TRIES; i++) {
    const id = random.pick(ids);
    if (passes(id)) return id;
  }
  return null;
}
