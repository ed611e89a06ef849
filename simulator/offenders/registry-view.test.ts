import { describe, expect, it } from 'vitest';
import { Random } from '../random.js';
import { pickVehicleAtZone } from './registry-view.js';
import { FakeRegistry } from './testing.js';

// Ten vehicles a zone: ids 10 to 19 are kept at zone 1; id 13 is a van, 17 a pickup.
const registry = new FakeRegistry({ zoneCount: 3, perZone: 10, emptyZones: [2] });

describe('picking a vehicle kept at a zone', () => {
  it('takes a vehicle of a preferred type when the zone keeps one', () => {
    const random = new Random(4);
    for (let i = 0; i < 20; i++) {
      const id = pickVehicleAtZone(registry, random, { zone: 1, types: ['van'] });
      expect(id).toBe(13);
    }
  });

  it('takes any vehicle there when none is of the preferred type', () => {
    const random = new Random(4);
    const id = pickVehicleAtZone(registry, random, { zone: 1, types: ['hgv'] });
    expect(registry.get(id!).homeZone).toBe(1);
  });

  it('never takes an excluded vehicle', () => {
    const random = new Random(9);
    const exclude = new Set([10, 11, 12, 13, 14, 15, 16, 18, 19]);
    for (let i = 0; i < 20; i++) {
      expect(pickVehicleAtZone(registry, random, { zone: 1, types: ['van'], exclude })).toBe(17);
    }
  });

  it('gives null for a zone that keeps nothing it may take', () => {
    const random = new Random(1);
    expect(pickVehicleAtZone(registry, random, { zone: 2 })).toBeNull();
    const all = new Set(registry.vehiclesAtZone(0));
    expect(pickVehicleAtZone(registry, random, { zone: 0, exclude: all })).toBeNull();
  });
});
