import type { Random } from '../random.js';
import type { Vehicle, VehicleType } from '../world/types.js';
import type { RegistryView } from './registry-view.js';
import type { OffenderGroupSettings, OffendingSettings } from './types.js';

/** Helpers for tests of offender planning: a small hand-made registry and groups. */

const MAKES = ['Ford', 'Vauxhall', 'Toyota', 'Land Rover', 'Volkswagen'] as const;

export interface FakeRegistryOptions {
  zoneCount: number;
  perZone: number;
  /** Zones that keep no vehicles. */
  emptyZones?: readonly number[];
  /** Makes to cycle through; the default has five. */
  makes?: readonly string[];
}

export class FakeRegistry implements RegistryView {
  private readonly vehicles: Vehicle[] = [];
  private readonly byZone: number[][];
  private readonly byMake = new Map<string, number[]>();

  constructor(options: FakeRegistryOptions) {
    const empty = new Set(options.emptyZones ?? []);
    const makes = options.makes ?? MAKES;
    this.byZone = Array.from({ length: options.zoneCount }, () => []);
    for (let zone = 0; zone < options.zoneCount; zone++) {
      if (empty.has(zone)) continue;
      for (let k = 0; k < options.perZone; k++) {
        this.add(zone, makes[this.vehicles.length % makes.length]!, typeFor(k));
      }
    }
  }

  get size(): number {
    return this.vehicles.length;
  }

  get(id: number): Vehicle {
    const vehicle = this.vehicles[id];
    if (!vehicle) throw new RangeError(`No vehicle ${id}`);
    return vehicle;
  }

  vehiclesAtZone(zone: number): readonly number[] {
    return this.byZone[zone] ?? [];
  }

  vehiclesOfMakeSample(make: string, random: Random, excludeId: number): number | null {
    const ids = (this.byMake.get(make) ?? []).filter((id) => id !== excludeId);
    return ids.length > 0 ? random.pick(ids) : null;
  }

  /**
   * The vehicle that carries a mark; tests use it to find a cloned plate's donor.
   */
  vrmOwner(vrm: string): number {
    const id = this.vehicles.findIndex((v) => v.vrm === vrm);
    if (id < 0) throw new RangeError(`No vehicle carries ${vrm}`);
    return id;
  }

  private add(zone: number, make: string, type: VehicleType): void {
    const id = this.vehicles.length;
    this.vehicles.push({
      id,
      vrm: `FK${String(id).padStart(6, '0')}`,
      format: 'current',
      make,
      model: `${make} model`,
      colour: 'Grey',
      type,
      homeZone: zone,
    });
    this.byZone[zone]!.push(id);
    const sameMake = this.byMake.get(make) ?? [];
    sameMake.push(id);
    this.byMake.set(make, sameMake);
  }
}

/** Mostly cars, with a van and a pickup in every ten. */
function typeFor(k: number): VehicleType {
  if (k % 10 === 3) return 'van';
  if (k % 10 === 7) return 'pickup';
  return 'car';
}

/** The scenario schema's defaults for the shared offender settings. */
export const DEFAULT_SETTINGS: OffendingSettings = {
  nightShare: 0.8,
  dwellMinutesMedian: 45,
  targetDistanceKmMedian: 45,
};

/**
 * A group with the schema's defaults, one unflagged own car, and the given changes.
 */
export function group(
  name: string,
  home: string,
  changes: Partial<OffenderGroupSettings> = {},
): OffenderGroupSettings {
  return {
    name,
    home,
    vehicles: [{ kind: 'own', flagged: false, type: 'car' }],
    awareness: 'unaware',
    journeys: 1,
    offences: ['burglary'],
    targets: [],
    ...changes,
  };
}
