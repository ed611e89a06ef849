import { TestbedError } from '../errors.js';
import { latestAgeIdentifiers } from './ages.js';

export interface RegistryZone {
  /** The zone's area (county or unitary authority) as `memoryRegionFor` takes it. */
  region: string;
  /** The zone's share of registered vehicles; any positive scale. */
  weight: number;
  /** Latitude of the zone, degrees; 54 (the middle of the county) when not given. */
  lat?: number;
  /** Multiplies `hgvShare` for vehicles kept here (1 when not given). */
  hgvFactor?: number;
}

export interface RegistryOptions {
  seed: number;
  /** Number of vehicles. */
  size: number;
  /** One per zone, in zone order: vehicle home zones are indices into this list. */
  zones: readonly RegistryZone[];
  /** Share of goods vehicles over 3.5 t. */
  hgvShare: number;
  /** Share of vehicles on foreign marks. */
  foreignShare: number;
  /** Share on pre-2001, dateless, cherished or Northern Ireland marks. */
  olderPlateShare: number;
  /** Only marks that cannot have been issued (see `isSafeMark`). */
  safePlates: boolean;
  /** The instant the registry describes: decides which age identifiers exist. */
  atMs: number;
}

/** Far above any county's parc; keeps the mark index within typed-array limits. */
const MAX_SIZE = 50_000_000;

/** Zone indices are stored in 16 bits. */
const MAX_ZONES = 65_535;

function invalid(name: string, expected: string, value: unknown): TestbedError {
  return new TestbedError('ATB_VEHICLES_OPTION_INVALID', {
    name,
    expected,
    value: String(value),
  });
}

function checkShare(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw invalid(name, 'a share from 0 to 1', value);
}

function checkZones(zones: readonly RegistryZone[]): void {
  if (zones.length === 0 || zones.length > MAX_ZONES) {
    throw invalid('zones', `1 to ${MAX_ZONES} zones`, zones.length);
  }
  zones.forEach((zone, i) => {
    if (!(zone.weight >= 0 && Number.isFinite(zone.weight))) {
      throw invalid(`zones[${i}].weight`, 'a finite weight, 0 or more', zone.weight);
    }
    if (zone.lat !== undefined && !(Math.abs(zone.lat) <= 90)) {
      throw invalid(`zones[${i}].lat`, 'a latitude in degrees', zone.lat);
    }
  });
  if (!zones.some((zone) => zone.weight > 0)) {
    throw invalid('zones', 'at least one zone with a positive weight', 0);
  }
}

/**
 * Checks every option up front, failing with the option's name and the bad value.
 */
export function validateRegistryOptions(options: RegistryOptions): void {
  const { seed, size } = options;
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
    throw invalid('seed', 'an integer from 0 to 4294967295', seed);
  }
  if (!(Number.isInteger(size) && size >= 0 && size <= MAX_SIZE)) {
    throw invalid('size', `an integer from 0 to ${MAX_SIZE}`, size);
  }
  checkZones(options.zones);
  checkShare('hgvShare', options.hgvShare);
  checkShare('foreignShare', options.foreignShare);
  checkShare('olderPlateShare', options.olderPlateShare);
  if (options.foreignShare + options.olderPlateShare > 1) {
    const total = options.foreignShare + options.olderPlateShare;
    throw invalid('foreignShare + olderPlateShare', 'at most 1', total);
  }
  if (!Number.isFinite(options.atMs)) {
    throw invalid('atMs', 'an instant in epoch ms', options.atMs);
  }
  latestAgeIdentifiers(options.atMs);
}
