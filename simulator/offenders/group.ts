import { groupKey, groupStream, type GroupKey } from './keys.js';
import { pickVehicleAtZone, type RegistryView } from './registry-view.js';
import { placeIndex, targetChoice, type TargetChoice } from './targets.js';
import type { JourneyVehicle, Listing, OffenderGroupSettings, OffendingInput } from './types.js';

/**
 * What holds for all of a group's journeys: where it lives, where it may strike, and
 * the vehicles it keeps. An own vehicle and a cloned one belong to the group for the
 * whole run (a cloned plate is reused, which is what lets an analyst spot it); a
 * stolen one is taken afresh before each journey.
 */
export interface GroupContext {
  key: GroupKey;
  group: OffenderGroupSettings;
  /** Index of home in `network.places`, which is also its zone. */
  homePlace: number;
  homeName: string;
  targets: TargetChoice;
  /** One entry per vehicle slot; null where a vehicle is stolen for each journey. */
  fleet: (JourneyVehicle | null)[];
  listings: Listing[];
}

export interface GroupSetup {
  context: GroupContext | null;
  notes: string[];
}

const INTELLIGENCE_REASON = 'Intelligence marker: used by a team travelling to rural crime';

export function prepareGroup(input: OffendingInput, group: OffenderGroupSettings): GroupSetup {
  const { network, registry } = input;
  const key = groupKey(input.seed, group.name);
  const homePlace = placeIndex(network, group.home);
  const homeName = network.places[homePlace]!.name;
  const notes: string[] = [];

  const targets = targetChoice(network, {
    homePlace,
    targets: group.targets,
    targetDistanceKmMedian: input.settings.targetDistanceKmMedian,
  });
  if (!targets) {
    const why = `no rural target is reachable from ${homeName}`;
    notes.push(`Group "${group.name}" is left out: ${why}.`);
    return { context: null, notes };
  }

  const fleet = chooseFleet(registry, key, group, homePlace, notes);
  if (!fleet) {
    notes.push(`Group "${group.name}" is left out: no vehicle is kept at ${homeName}.`);
    return { context: null, notes };
  }
  const listings = flaggedListings(group, fleet, input.startMs);
  return { context: { key, group, homePlace, homeName, targets, fleet, listings }, notes };
}

/**
 * The group's own and cloned vehicles, or null when home keeps no vehicle at all.
 */
function chooseFleet(
  registry: RegistryView,
  key: GroupKey,
  group: OffenderGroupSettings,
  homePlace: number,
  notes: string[],
): (JourneyVehicle | null)[] | null {
  const taken = new Set<number>();
  const fleet: (JourneyVehicle | null)[] = [];
  for (const [slot, wanted] of group.vehicles.entries()) {
    if (wanted.kind === 'stolen') {
      fleet.push(null);
      continue;
    }
    const random = groupStream(key, slot);
    const pick = { zone: homePlace, types: [wanted.type], exclude: taken };
    const id = pickVehicleAtZone(registry, random, pick);
    if (id === null) return null;
    taken.add(id);
    const vehicle = registry.get(id);
    const own: JourneyVehicle = {
      vehicleId: id,
      vrm: vehicle.vrm,
      shownVrm: vehicle.vrm,
      kind: wanted.kind,
    };
    if (wanted.kind === 'cloned') {
      const donor = registry.vehiclesOfMakeSample(vehicle.make, random, id);
      if (donor === null) notes.push(noDonor(group.name, vehicle.make));
      else own.shownVrm = registry.get(donor).vrm;
    }
    fleet.push(own);
  }
  return fleet;
}

function noDonor(groupName: string, make: string): string {
  return (
    `Group "${groupName}" found no other ${make} to copy a plate from, ` +
    'so its cloned vehicle shows its own mark.'
  );
}

/**
 * An intelligence marker, from the start of the run, on each flagged own vehicle.
 */
function flaggedListings(
  group: OffenderGroupSettings,
  fleet: readonly (JourneyVehicle | null)[],
  startMs: number,
): Listing[] {
  return fleet.flatMap((vehicle, slot) => {
    const wanted = group.vehicles[slot];
    if (!vehicle || !wanted?.flagged || wanted.kind !== 'own') return [];
    const listing: Listing = {
      vehicleId: vehicle.vehicleId,
      category: 'intelligence',
      atMs: startMs,
      reason: INTELLIGENCE_REASON,
    };
    return [listing];
  });
}
