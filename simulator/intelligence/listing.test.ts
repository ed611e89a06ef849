import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { Hotlist, OFFENCE_KINDS } from '../scenario/schema.js';
import { parseIsoUtc } from '../time.js';
import type { HotlistChange, Offence } from '../world/types.js';
import { listing, offenceListing, removal, type HotlistSettings } from './hotlist.js';
import { fakeRegistry } from './testing.js';

const AT_MS = parseIsoUtc('2026-11-12T23:10:00Z')!;
const registry = fakeRegistry(5_000);
const settings = Value.Default(Hotlist, {}) as HotlistSettings;
const PLACES = ['Bedale', 'Masham', 'Pateley Bridge', 'Helmsley'];

function offence(n: number, stolenVehicleId: number | null = n): Offence {
  return {
    offenceId: `c-${n}`,
    kind: OFFENCE_KINDS[n % OFFENCE_KINDS.length]!,
    groupName: 'Teesside team',
    place: PLACES[n % PLACES.length]!,
    atMs: AT_MS + n * 60_000,
    reportedAtMs: AT_MS + n * 60_000 + 7 * 3_600_000,
    stolenVehicleId,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('offence listings', () => {
  const offences = Array.from({ length: 2_000 }, (_, n) => offence(n));
  const listings = offences.map((o) => offenceListing(o, registry, settings, 11));

  it('lists a stolen vehicle after its theft is reported, a median lag later', () => {
    const lagsMinutes = offences.map((o, i) => {
      const change = listings[i];
      return change ? (change.atMs - o.reportedAtMs) / 60_000 : NaN;
    });
    const domestic = lagsMinutes.filter((lag) => !Number.isNaN(lag));
    expect(domestic.every((lag) => lag > 0)).toBe(true);
    expect(median(domestic) / settings.reportLagMinutesMedian).toBeCloseTo(1, 1);
  });

  it('lists the stolen vehicle as stolen, priority 2, naming the place', () => {
    offences.forEach((o, i) => {
      const change = listings[i];
      if (!change) return;
      const v = registry.get(o.stolenVehicleId!);
      expect(change).toMatchObject({
        action: 'add',
        category: 'stolen',
        priority: 2,
        vrm: v.vrm,
        make: v.make,
        vehicleId: v.id,
        wrong: false,
        stale: false,
        entryId: `h-stolen-${v.id}-${o.offenceId}`,
      });
      expect(change.reason).toContain(o.place);
      expect(change.reason).not.toContain(o.groupName);
    });
  });

  it('lists nothing for an offence that took no vehicle or a foreign one', () => {
    expect(offenceListing(offence(1, null), registry, settings, 11)).toBeNull();
    expect(registry.get(49).format).toBe('foreign');
    expect(offenceListing(offence(49), registry, settings, 11)).toBeNull();
    expect(listings.filter((c) => c === null)).toHaveLength(offences.length / 50);
  });

  it('lists an offence the same way each time, on its own', () => {
    expect(offenceListing(offences[7]!, registry, settings, 11)).toEqual(listings[7]);
    expect(offenceListing(offences[7]!, registry, settings, 12)).not.toEqual(listings[7]);
  });
});

describe('listing a given vehicle', () => {
  const reason = 'Intelligence: linked to rural burglaries (Operation Hawk)';

  it('takes its priority from the category and its details from the vehicle', () => {
    const change = listing(12, 'intelligence', AT_MS, reason, registry, 3, 'Middlesbrough');
    const v = registry.get(12);
    expect(change).toMatchObject({
      changeId: `h-intelligence-12-${AT_MS}-add`,
      entryId: `h-intelligence-12-${AT_MS}`,
      atMs: AT_MS,
      action: 'add',
      category: 'intelligence',
      priority: 3,
      reason,
      vrm: v.vrm,
      make: v.make,
      model: v.model,
      colour: v.colour,
      wrong: false,
      stale: false,
      vehicleId: 12,
    });
    expect(change.keeper.address).toMatch(/, Middlesbrough, TS\d+ /);
    expect(listing(12, 'wanted', AT_MS, reason, registry, 3).priority).toBe(2);
    expect(listing(12, 'no-mot', AT_MS, reason, registry, 3).priority).toBe(4);
  });
});

describe('removal', () => {
  const added: HotlistChange = listing(40, 'stolen', AT_MS, 'Stolen', registry, 3);

  it('takes the entry off with a remove change at the given time', () => {
    const later = AT_MS + 86_400_000;
    expect(removal(added, later)).toEqual({
      ...added,
      changeId: `${added.entryId}-remove`,
      action: 'remove',
      atMs: later,
    });
  });

  it('refuses to remove an entry before it was listed', () => {
    expect(() => removal(added, AT_MS - 1)).toThrow(/before it was listed/);
  });
});
