import { beforeAll, describe, expect, it } from 'vitest';
import { loadNetworkFixture } from '../../harness/network/load.js';
import { createNetwork, type Network } from '../network/index.js';
import { parseIsoUtc } from '../time.js';
import type { Trip } from '../world/types.js';
import { planOffending } from './journeys.js';
import { DEFAULT_SETTINGS, FakeRegistry, group } from './testing.js';

/** The penalty `cameraAvoidanceCosts` puts on a camera edge by default, seconds. */
const PENALTY_S = 1800;
const HOMES = ['Middlesbrough', 'Leeds', 'Bradford', 'Darlington', 'York', 'Doncaster'];
const START_MS = parseIsoUtc('2026-03-02T00:00:00Z')!;

let network: Network;
let fixedEdges: Set<number>;
let awareTrips: Trip[];
let unawareTrips: Trip[];

beforeAll(async () => {
  network = createNetwork(await loadNetworkFixture());
  const fixed = network.cameras.filter((c) => c.kind === 'fixed');
  fixedEdges = new Set(fixed.flatMap((c) => c.watches.map((w) => w.edge)));
  const zoneCount = network.places.length + network.gateways.length;
  const registry = new FakeRegistry({ zoneCount, perZone: 20 });
  const trips = (awareness: 'aware' | 'unaware'): Trip[] =>
    planOffending({
      seed: 3,
      network,
      registry,
      groups: HOMES.map((home) => group(`${home} team`, home, { awareness, journeys: 20 })),
      settings: DEFAULT_SETTINGS,
      startMs: START_MS,
      endMs: START_MS + 14 * 86_400_000,
    }).trips;
  awareTrips = trips('aware');
  unawareTrips = trips('unaware');
});

const passesFixedCamera = (trip: Trip): boolean =>
  Array.from(trip.edges).some((e) => fixedEdges.has(e));

/** Driving time of the quickest way between a trip's ends past no fixed camera. */
function cameraFreeTimeS(trip: Trip): number | null {
  const blocked = new Float64Array(network.graph.edgeCount);
  for (const e of fixedEdges) blocked[e] = 1e9;
  const from = network.places[trip.fromZone]!.node;
  const to = network.places[trip.toZone]!.node;
  const route = network.router.route(from, to, { extraCostS: blocked });
  return route && route.costS < 1e9 ? route.timeS : null;
}

function quickestTimeS(trip: Trip): number {
  const from = network.places[trip.fromZone]!.node;
  const to = network.places[trip.toZone]!.node;
  return network.router.route(from, to)!.timeS;
}

describe('camera awareness', () => {
  it('keeps aware groups off fixed camera sites when a fair alternative exists', () => {
    expect(awareTrips.length).toBeGreaterThan(200);
    for (const trip of awareTrips.filter(passesFixedCamera)) {
      const freeS = cameraFreeTimeS(trip);
      // Passing a camera is only worth it when every way round costs more than the
      // penalty.
      if (freeS !== null) expect(freeS - quickestTimeS(trip)).toBeGreaterThan(PENALTY_S - 1);
    }
  });

  it('lets unaware groups pass fixed cameras often and aware ones seldom', () => {
    const share = (trips: Trip[]): number => trips.filter(passesFixedCamera).length / trips.length;
    // Measured with seed 3: 86% of unaware trips pass a fixed site against 3% of
    // aware ones.
    expect(share(unawareTrips)).toBeGreaterThan(0.4);
    expect(share(awareTrips)).toBeLessThan(0.05);
  });

  it('makes aware groups drive no faster than unaware ones', () => {
    const hours = (trips: Trip[]): number =>
      trips.reduce((sum, t) => sum + quickestTimeS(t), 0) / 3600;
    const driven = (trips: Trip[]): number => trips.reduce((sum, t) => sum + timeS(t), 0) / 3600;
    expect(driven(awareTrips)).toBeGreaterThanOrEqual(hours(awareTrips));
    expect(driven(unawareTrips)).toBeCloseTo(hours(unawareTrips), 3);
  });
});

function timeS(trip: Trip): number {
  return Array.from(trip.edges).reduce((sum, e) => sum + network.graph.edgeTimeS[e]!, 0);
}
