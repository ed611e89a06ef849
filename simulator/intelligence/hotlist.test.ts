import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { Hotlist, HOTLIST_CATEGORIES } from '../scenario/schema.js';
import { parseIsoUtc } from '../time.js';
import type { HotlistChange } from '../world/types.js';
import {
  compareChanges,
  initialEntriesOf,
  initialHotlist,
  type HotlistSettings,
} from './hotlist.js';
import { fakeRegistry, homeTownOf } from './testing.js';

const START_MS = parseIsoUtc('2026-11-12T18:00:00Z')!;
const registry = fakeRegistry(50_000);
const defaults = Value.Default(Hotlist, {}) as HotlistSettings;
const options = { seed: 7, atMs: START_MS, homeTownOf };

function settings(overrides: Partial<HotlistSettings> = {}): HotlistSettings {
  return { ...defaults, ...overrides };
}

function count<T>(items: readonly T[], test: (item: T) => boolean): number {
  return items.reduce((n, item) => (test(item) ? n + 1 : n), 0);
}

/** Binomial bounds: the observed count is within four standard deviations. */
function expectNear(observed: number, trials: number, p: number): void {
  const sd = Math.sqrt(trials * p * (1 - p));
  expect(Math.abs(observed - trials * p)).toBeLessThanOrEqual(4 * sd + 1);
}

function charsDiffering(a: string, b: string): number {
  if (a.length !== b.length) return Infinity;
  return [...a].filter((c, i) => c !== b[i]).length;
}

describe('initial hotlist', () => {
  const domestic = registry.size - registry.size / 50;
  const list = initialHotlist(registry, defaults, options);

  it('lists about the configured share of domestic vehicles in each category', () => {
    for (const category of HOTLIST_CATEGORIES) {
      const listed = count(list, (c) => c.category === category);
      expectNear(listed, domestic, defaults.shares[category]!);
    }
  });

  it('lists a larger share just as closely', () => {
    const shares = Object.fromEntries(HOTLIST_CATEGORIES.map((c) => [c, 0.05]));
    const wide = initialHotlist(registry, settings({ shares }), options);
    for (const category of HOTLIST_CATEGORIES) {
      expectNear(
        count(wide, (c) => c.category === category),
        domestic,
        0.05,
      );
    }
  });

  it('never lists a foreign-plated vehicle', () => {
    const shares = Object.fromEntries(HOTLIST_CATEGORIES.map((c) => [c, 0.5]));
    const small = fakeRegistry(10_000);
    const heavy = initialHotlist(small, settings({ shares }), options);
    expect(heavy.length).toBeGreaterThan(30_000);
    expect(heavy.filter((c) => small.get(c.vehicleId!).format === 'foreign')).toEqual([]);
  });

  it('gives each category its priority, lifting intelligence with a warning to 1', () => {
    const wide = initialHotlist(registry, settings({ shares: { intelligence: 0.1 } }), options);
    const byCategory = new Map<string, Set<number>>();
    for (const c of [...list, ...wide]) {
      byCategory.set(c.category, (byCategory.get(c.category) ?? new Set()).add(c.priority));
    }
    expect(Object.fromEntries([...byCategory].map(([k, v]) => [k, [...v].sort()]))).toEqual({
      stolen: [2],
      wanted: [2],
      intelligence: [1, 3],
      'missing-person': [3],
      'no-insurance': [4],
      'no-tax': [4],
      'no-mot': [4],
    });
    const warned = wide.filter((c) => c.priority === 1);
    expect(warned.every((c) => c.reason.startsWith('Warning:'))).toBe(true);
    expectNear(warned.length, wide.length, 0.1);
  });

  it('marks about the stale share of stolen entries stale, and no other entries', () => {
    const s = settings({ shares: { stolen: 0.05, wanted: 0.05 }, staleShare: 0.3 });
    const wide = initialHotlist(registry, s, options);
    const stolen = wide.filter((c) => c.category === 'stolen');
    expectNear(
      count(stolen, (c) => c.stale),
      stolen.length,
      0.3,
    );
    expect(count(wide, (c) => c.stale && c.category !== 'stolen')).toBe(0);
  });

  it('marks about the wrong share of entries wrong, each one character off', () => {
    const s = settings({ shares: { 'no-tax': 0.1 }, wrongShare: 0.2 });
    const wide = initialHotlist(registry, s, options);
    const wrong = wide.filter((c) => c.wrong);
    expectNear(wrong.length, wide.length, 0.2);
    for (const c of wide) {
      const trueMark = registry.vrmOf(c.vehicleId!);
      expect(charsDiffering(c.vrm, trueMark)).toBe(c.wrong ? 1 : 0);
    }
    const hitsAnother = count(wrong, (c) => registry.idOf(c.vrm) !== undefined);
    expect(hitsAnother).toBeGreaterThan(0);
    expect(hitsAnother).toBeLessThan(wrong.length);
  });

  it('describes the vehicle meant, even under a wrong mark', () => {
    for (const c of list) {
      const v = registry.get(c.vehicleId!);
      expect([c.make, c.model, c.colour]).toEqual([v.make, v.model, v.colour]);
      expect(c.keeper.address).toContain(`, ${homeTownOf(v.id)}, `);
    }
  });

  it('names entries and changes by category and vehicle, sorted by time then id', () => {
    for (const c of list) {
      expect(c.entryId).toBe(`h-${c.category}-${c.vehicleId}`);
      expect(c.changeId).toBe(`${c.entryId}-add`);
      expect([c.action, c.atMs]).toEqual(['add', START_MS]);
    }
    expect([...list].sort(compareChanges)).toEqual(list);
    expect(new Set(list.map((c) => c.changeId)).size).toBe(list.length);
  });

  it('gives the same changes for the same seed and others for another', () => {
    expect(initialHotlist(registry, defaults, options)).toEqual(list);
    const other = initialHotlist(registry, defaults, { ...options, seed: 8 });
    const ids = new Set(list.map((c) => c.changeId));
    expect(count(other, (c) => ids.has(c.changeId))).toBeLessThan(list.length / 10);
  });

  it('lists a vehicle the same whatever the size of the registry', () => {
    const small = initialHotlist(fakeRegistry(5_000), defaults, options);
    expect(small.length).toBeGreaterThan(100);
    expect(small).toEqual(list.filter((c) => c.vehicleId! < 5_000));
  });

  it('lists a shard of vehicles exactly as the whole run does', () => {
    const shard: HotlistChange[] = [];
    for (let id = 3; id < registry.size; id += 4) {
      shard.push(...initialEntriesOf(id, registry, defaults, options));
    }
    expect(shard.sort(compareChanges)).toEqual(list.filter((c) => c.vehicleId! % 4 === 3));
  });

  it('lets a vehicle carry entries in several categories', () => {
    const shares = Object.fromEntries(HOTLIST_CATEGORIES.map((c) => [c, 0.1]));
    const wide = initialHotlist(fakeRegistry(5_000), settings({ shares }), options);
    const perVehicle = new Map<number, number>();
    for (const c of wide) perVehicle.set(c.vehicleId!, (perVehicle.get(c.vehicleId!) ?? 0) + 1);
    expect(Math.max(...perVehicle.values())).toBeGreaterThan(1);
  });

  it('rejects a share for a category it does not know', () => {
    const s = settings({ shares: { stolen: 0.01, stollen: 0.01 } });
    expect(() => initialHotlist(registry, s, options)).toThrow(/hotlist\.shares\.stollen/);
  });
});
