import { beforeAll, describe, expect, it } from 'vitest';
import { loadNetworkFixture } from '../../harness/network/load.js';
import { createNetwork, measure, type Network } from '../network/index.js';
import { parseIsoUtc } from '../time.js';
import type { Trip } from '../world/types.js';
import { planOffending } from './journeys.js';
import { DEFAULT_SETTINGS, FakeRegistry, group } from './testing.js';
import type { OffenderGroupSettings, OffendingPlan } from './types.js';
import { ukLocalHour } from './uk-time.js';

const DAY_MS = 86_400_000;
const START_MS = parseIsoUtc('2026-01-05T00:00:00Z')!;

let network: Network;
let registry: FakeRegistry;

beforeAll(async () => {
  network = createNetwork(await loadNetworkFixture());
  const zoneCount = network.places.length + network.gateways.length;
  registry = new FakeRegistry({ zoneCount, perZone: 30 });
});

function plan(groups: OffenderGroupSettings[], days: number, seed = 11): OffendingPlan {
  return planOffending({
    seed,
    network,
    registry,
    groups,
    settings: DEFAULT_SETTINGS,
    startMs: START_MS,
    endMs: START_MS + days * DAY_MS,
  });
}

function arrivalMs(trip: Trip): number {
  return trip.departMs + measure(network.graph, Array.from(trip.edges)).timeS * 1000;
}

const isNight = (ms: number): boolean => ukLocalHour(ms) >= 20 || ukLocalHour(ms) < 4;

describe('departure times', () => {
  it('leave at night about as often as nightShare says', () => {
    const busy = group('Teesside team', 'Middlesbrough', { journeys: 200 });
    const { journeys, notes } = plan([busy], 365);
    const share = journeys.filter((j) => isNight(j.departMs)).length / journeys.length;
    expect(journeys).toHaveLength(200);
    expect(notes).toEqual([]);
    // Measured 0.835 for 200 journeys with the default 0.8 (binomial sd about 0.03).
    expect(share).toBeGreaterThan(0.72);
    expect(share).toBeLessThan(0.88);
  });

  it('never overlap within a group and stay inside the window', () => {
    const { journeys } = plan([group('Leeds team', 'Leeds', { journeys: 40 })], 14);
    const sorted = [...journeys].sort((a, b) => a.departMs - b.departMs);
    expect(sorted.length).toBeGreaterThan(30);
    for (const [i, journey] of sorted.entries()) {
      expect(journey.departMs).toBeGreaterThanOrEqual(START_MS);
      expect(journey.homeMs).toBeLessThanOrEqual(START_MS + 14 * DAY_MS);
      const next = sorted[i + 1];
      if (next) expect(next.departMs).toBeGreaterThan(journey.homeMs);
    }
  });

  it('drop journeys that cannot fit the window and say so', () => {
    const result = plan([group('Leeds team', 'Leeds', { journeys: 3 })], 1 / 24);
    expect(result.journeys).toEqual([]);
    expect(result.trips).toEqual([]);
    expect(result.notes).toHaveLength(3);
    expect(result.notes[0]).toMatch(/^Group "Leeds team" journey 0 is dropped: it takes .* h/);
  });

  it('drop journeys once the window is full', () => {
    const crowded = group('Leeds team', 'Leeds', { journeys: 12 });
    const result = plan([crowded], 1);
    expect(result.journeys.length).toBeGreaterThan(0);
    expect(result.journeys.length).toBeLessThan(12);
    const full = result.notes.filter((n) => n.includes('no free time is left'));
    expect(full.length + result.journeys.length).toBe(12);
  });
});

describe('journey timing', () => {
  const groups = (): OffenderGroupSettings[] => [
    group('Teesside team', 'Middlesbrough', { journeys: 20, awareness: 'aware' }),
    group('Bradford convoy', 'Bradford', {
      journeys: 20,
      vehicles: [
        { kind: 'own', flagged: true, type: 'van' },
        { kind: 'stolen', flagged: false, type: 'car' },
      ],
      offences: ['vehicle-theft', 'plant-theft'],
    }),
  ];

  it('arrives before the dwell, offends during it and sets off home after it', () => {
    const result = plan(groups(), 14);
    const trips = new Map(result.trips.map((t) => [t.id, t]));
    const offences = new Map(result.offences.map((o) => [o.offenceId, o]));
    expect(result.journeys.length).toBeGreaterThan(30);
    for (const journey of result.journeys) {
      const out = journey.outboundTripIds.map((id) => trips.get(id)!);
      const back = journey.returnTripIds.map((id) => trips.get(id)!);
      const offence = offences.get(journey.offenceId)!;
      expect(out[0]!.departMs).toBe(journey.departMs);
      expect(Math.max(...out.map(arrivalMs))).toBeCloseTo(journey.arriveMs, -1);
      expect(journey.arriveMs).toBeGreaterThan(journey.departMs);
      expect(offence.atMs).toBeGreaterThanOrEqual(journey.arriveMs);
      expect(offence.atMs).toBeLessThanOrEqual(journey.leaveMs);
      expect(offence.reportedAtMs).toBeGreaterThan(offence.atMs);
      expect(Math.min(...back.map((t) => t.departMs))).toBe(journey.leaveMs);
      expect(Math.max(...back.map(arrivalMs))).toBeCloseTo(journey.homeMs, -1);
    }
  });

  it('drives joined-up routes from home to the target and back', () => {
    const result = plan(groups(), 14);
    const { edgeFrom, edgeTo } = network.graph;
    for (const trip of result.trips) {
      const from = network.places[trip.fromZone]!.node;
      const to = network.places[trip.toZone]!.node;
      expect(edgeFrom[trip.edges[0]!]).toBe(from);
      expect(edgeTo[trip.edges[trip.edges.length - 1]!]).toBe(to);
      for (let i = 1; i < trip.edges.length; i++) {
        expect(edgeFrom[trip.edges[i]!]).toBe(edgeTo[trip.edges[i - 1]!]);
      }
    }
  });

  it('names records after the group, the journey and the vehicle', () => {
    const result = plan([group('Teesside team', 'Middlesbrough')], 7);
    const [journey] = result.journeys;
    const tag = journey!.journeyId.split('-')[1]!;
    expect(tag).toMatch(/^[0-9a-f]{8}$/);
    expect(journey!.journeyId).toBe(`j-${tag}-0`);
    expect(journey!.offenceId).toBe(`x-${tag}-0`);
    expect(journey!.outboundTripIds).toEqual([`o-${tag}-0-0-out`]);
    expect(journey!.returnTripIds).toEqual([`o-${tag}-0-0-back`]);
  });
});

describe('determinism', () => {
  const teesside = group('Teesside team', 'Middlesbrough', { journeys: 6 });
  const leeds = group('Leeds team', 'Leeds', {
    journeys: 6,
    vehicles: [{ kind: 'cloned', flagged: false, type: 'car' }],
  });

  it('plans the same world from the same seed', () => {
    expect(plan([teesside, leeds], 14)).toEqual(plan([teesside, leeds], 14));
  });

  it('plans a different world from another seed', () => {
    const a = plan([teesside], 14, 1).journeys.map((j) => j.departMs);
    const b = plan([teesside], 14, 2).journeys.map((j) => j.departMs);
    expect(a).not.toEqual(b);
  });

  it('plans a group the same whether or not another group is added', () => {
    const alone = plan([teesside], 14);
    const together = plan([leeds, teesside], 14);
    const mine = <T extends { groupName: string }>(rows: T[]): T[] =>
      rows.filter((r) => r.groupName === teesside.name);
    expect(mine(together.journeys)).toEqual(alone.journeys);
    expect(mine(together.offences)).toEqual(alone.offences);
    const ids = new Set(alone.trips.map((t) => t.id));
    expect(together.trips.filter((t) => ids.has(t.id))).toEqual(alone.trips);
  });

  it('refuses two groups of one name', () => {
    const twice = (): OffendingPlan => plan([teesside, teesside], 14);
    expect(twice).toThrow(
      expect.objectContaining({ code: 'ATB_OFFENDERS_GROUP_REPEATED' }) as Error,
    );
  });
});
