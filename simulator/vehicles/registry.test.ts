import { describe, expect, it } from 'vitest';
import { isTestbedError } from '../errors.js';
import { streamFor } from '../random.js';
import { parseIsoUtc } from '../time.js';
import type { Vehicle } from '../world/types.js';
import { ageTableAt } from './ages.js';
import { isSafeMark, isValidCurrentMark } from './plates.js';
import { buildRegistry, type Registry, type RegistryOptions } from './registry.js';
import { ageUnitOf, COLLISION_FREE_IDS, permuteSerial } from './serial.js';

const NOV_2026 = parseIsoUtc('2026-11-12T18:00:00Z')!;

const ZONES = [
  { region: 'Leeds', weight: 3 },
  { region: 'Middlesbrough', weight: 2 },
  { region: 'Lancashire', weight: 1 },
  { region: 'North Yorkshire', weight: 4, lat: 54.1 },
  { region: 'York', weight: 0 },
];

function options(overrides: Partial<RegistryOptions> = {}): RegistryOptions {
  return {
    seed: 2026,
    size: 100_000,
    zones: ZONES,
    hgvShare: 0.1,
    foreignShare: 0.02,
    olderPlateShare: 0.06,
    safePlates: false,
    atMs: NOV_2026,
    ...overrides,
  };
}

function vehicles(registry: Registry): Vehicle[] {
  return Array.from({ length: registry.size }, (_, id) => registry.get(id));
}

const share = (items: readonly Vehicle[], test: (v: Vehicle) => boolean): number =>
  items.filter(test).length / items.length;

const registry = buildRegistry(options());
const all = vehicles(registry);

describe('buildRegistry', () => {
  it('gives every vehicle its own mark and finds it again by mark', () => {
    expect(new Set(all.map((v) => v.vrm)).size).toBe(all.length);
    expect(all.filter((v) => registry.idOf(v.vrm) !== v.id)).toEqual([]);
    expect(registry.idOf('ZZ99ZZZ')).toBeUndefined();
    expect(registry.redraws).toBeLessThan(50);
  });

  it('makes every current mark valid by the rules at the registry instant', () => {
    const current = all.filter((v) => v.format === 'current');
    expect(current.length).toBeGreaterThan(90_000);
    expect(current.filter((v) => !isValidCurrentMark(v.vrm, NOV_2026))).toEqual([]);
  });

  it('keeps foreign, older and goods vehicle shares near the options', () => {
    expect(share(all, (v) => v.format === 'foreign')).toBeCloseTo(0.02, 2);
    const older = share(all, (v) => v.format !== 'current' && v.format !== 'foreign');
    expect(Math.abs(older - 0.06)).toBeLessThan(0.004);
    expect(Math.abs(share(all, (v) => v.type === 'hgv') - 0.1)).toBeLessThan(0.005);
    expect(share(all, (v) => v.type === 'van')).toBeGreaterThan(0.08);
    expect(share(all, (v) => v.type === 'pickup')).toBeGreaterThan(0.01);
  });

  it('registers vehicles mostly in the region of their home zone', () => {
    const regionShare = (zone: number, letter: string) => {
      const here = all.filter((v) => v.homeZone === zone && v.format === 'current');
      return share(here, (v) => v.vrm.startsWith(letter));
    };
    expect(regionShare(0, 'Y')).toBeGreaterThan(0.65);
    expect(regionShare(1, 'N')).toBeGreaterThan(0.65);
    expect(regionShare(2, 'P')).toBeGreaterThan(0.55);
    expect(regionShare(3, 'Y')).toBeGreaterThan(0.6);
    expect(regionShare(0, 'M')).toBeGreaterThan(0.02);
  });

  it('spreads homes by zone weight and never homes a vehicle at a zero-weight zone', () => {
    expect(registry.vehiclesAtZone(4)).toEqual([]);
    const counts = ZONES.map((_, zone) => registry.vehiclesAtZone(zone).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(registry.size);
    expect(counts[0]! / registry.size).toBeCloseTo(0.3, 2);
    const lancashire = registry.vehiclesAtZone(2);
    expect(lancashire.filter((id) => registry.homeZoneOf(id) !== 2)).toEqual([]);
  });

  it('paints vans mostly white and cars in a spread of colours', () => {
    const vans = all.filter((v) => v.type === 'van');
    const cars = all.filter((v) => v.type === 'car');
    expect(share(vans, (v) => v.colour === 'White')).toBeGreaterThan(0.5);
    expect(share(cars, (v) => v.colour === 'White')).toBeLessThan(0.2);
  });
});

describe('safe registries', () => {
  const safe = vehicles(buildRegistry(options({ safePlates: true })));

  it('uses only marks that cannot have been issued', () => {
    expect(safe.filter((v) => !isSafeMark(v.vrm, NOV_2026))).toEqual([]);
    expect(safe.filter((v) => isValidCurrentMark(v.vrm, NOV_2026))).toEqual([]);
    expect(new Set(safe.map((v) => v.vrm)).size).toBe(safe.length);
  });

  it('keeps the older share with prefix and suffix marks only', () => {
    const older = safe.filter((v) => v.format !== 'current' && v.format !== 'foreign');
    expect(Math.abs(older.length / safe.length - 0.06)).toBeLessThan(0.004);
    expect(older.every((v) => v.format === 'prefix' || v.format === 'suffix')).toBe(true);
  });
});

describe('determinism', () => {
  it('builds the same registry from the same seed', () => {
    const again = buildRegistry(options({ size: 20_000 }));
    expect(vehicles(again)).toEqual(all.slice(0, again.size));
  });

  it('draws vehicle i the same whatever the registry size', () => {
    const small = buildRegistry(options({ size: 1000 }));
    const large = buildRegistry(options({ size: 5000 }));
    expect(vehicles(small)).toEqual(vehicles(large).slice(0, small.size));
  });

  it('draws a different registry from another seed', () => {
    const other = buildRegistry(options({ size: 1000, seed: 2027 }));
    const same = Array.from({ length: 1000 }, (_, id) => other.vrmOf(id) === all[id]!.vrm);
    expect(same.filter(Boolean).length).toBeLessThan(5);
  });
});

describe('clone donors', () => {
  it('offers another UK-registered vehicle of the same make', () => {
    const bad: number[] = [];
    for (let id = 0; id < 2000; id++) {
      const make = registry.get(id).make;
      const donor = registry.vehiclesOfMakeSample(make, streamFor(1, 'offenders', id), id);
      const fits =
        donor !== null &&
        donor !== id &&
        registry.get(donor).make === make &&
        registry.formatOf(donor) !== 'foreign';
      if (!fits) bad.push(id);
    }
    expect(bad).toEqual([]);
  });

  it('offers none when the only vehicle of the make is the one excluded', () => {
    const one = buildRegistry(options({ size: 1 }));
    const make = one.get(0).make;
    expect(one.vehiclesOfMakeSample(make, streamFor(1, 'offenders', 0), 0)).toBeNull();
    expect(registry.vehiclesOfMakeSample('Trabant', streamFor(1, 'offenders', 0), 0)).toBeNull();
  });
});

describe('collision-free current marks', () => {
  it('permutes serials without repeats', () => {
    const seen = new Uint8Array(317_952);
    for (let s = 0; s < seen.length; s++) seen[permuteSerial(99, s)]!++;
    expect(seen.every((n) => n === 1)).toBe(true);
  });

  it('relies on no issued age identifier holding an eighth of the parc', () => {
    expect(ageTableAt(NOV_2026, false).maxShare()).toBeLessThan(1 / 8);
    expect(ageTableAt(NOV_2026, true).maxShare()).toBeLessThan(1 / 8);
  });

  it('gives the eight ids sharing a serial eight different ages', () => {
    const ages = ageTableAt(NOV_2026, false);
    const stride = COLLISION_FREE_IDS / 8;
    const clashes: number[] = [];
    for (let serialClass = 0; serialClass < 5000; serialClass++) {
      const members = Array.from({ length: 8 }, (_, q) => serialClass + q * stride);
      const memberAges = members.map((id) => ages.ageForUnit(ageUnitOf(5, id)));
      if (new Set(memberAges).size !== 8) clashes.push(serialClass);
    }
    expect(clashes).toEqual([]);
  });
});

describe('options', () => {
  it('names the bad option and value', () => {
    const attempt = (overrides: Partial<RegistryOptions>): unknown => {
      try {
        buildRegistry(options(overrides));
      } catch (error) {
        return error;
      }
      return null;
    };
    const error = attempt({ foreignShare: 1.5 });
    expect(isTestbedError(error) && error.code).toBe('ATB_VEHICLES_OPTION_INVALID');
    expect((error as Error).message).toContain('foreignShare');
    expect((error as Error).message).toContain('1.5');
    expect(attempt({ zones: [] })).not.toBeNull();
    expect(attempt({ size: -1 })).not.toBeNull();
  });

  it('refuses an id outside the registry', () => {
    expect(() => registry.get(registry.size)).toThrow(RangeError);
  });
});
