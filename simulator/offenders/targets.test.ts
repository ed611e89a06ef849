import { beforeAll, describe, expect, it } from 'vitest';
import { loadNetworkFixture } from '../../harness/network/load.js';
import { createNetwork, type Network } from '../network/index.js';
import { Random } from '../random.js';
import { placeDistanceKm, placeIndex, targetChoice } from './targets.js';

let network: Network;

beforeAll(async () => {
  network = createNetwork(await loadNetworkFixture());
});

/** Median straight-line distance of many drawn targets from home, kilometres. */
function medianKm(home: string, targetDistanceKmMedian: number): number {
  const homePlace = placeIndex(network, home);
  const choice = targetChoice(network, { homePlace, targets: [], targetDistanceKmMedian })!;
  const random = new Random(17);
  const km = Array.from({ length: 2000 }, () =>
    placeDistanceKm(network, homePlace, choice.draw(random)),
  ).sort((a, b) => a - b);
  return km[1000]!;
}

describe('target choice', () => {
  it('offers only rural places inside the force area, never home', () => {
    const homePlace = placeIndex(network, 'Leeds');
    const choice = targetChoice(network, { homePlace, targets: [], targetDistanceKmMedian: 45 });
    const features = network.fixture.places.features;
    expect(choice!.places.length).toBeGreaterThan(100);
    for (const place of choice!.places) {
      const { kind, insideForceArea } = features[place]!.properties;
      expect(['village', 'hamlet', 'farm']).toContain(kind);
      expect(insideForceArea).toBe(true);
      expect(place).not.toBe(homePlace);
    }
  });

  it('sends a cross-border team tens of miles, near the median asked for', () => {
    // Measured 42.7 km from Leeds with a median setting of 45 km.
    expect(medianKm('Leeds', 45)).toBeGreaterThan(45 * 0.8);
    expect(medianKm('Leeds', 45)).toBeLessThan(45 * 1.2);
  });

  it('keeps local offenders close to home', () => {
    // Measured 5.9 km from Thirsk with a median of 5 km (a mile or two, as in
    // Hambleton).
    expect(medianKm('Thirsk', 5)).toBeGreaterThan(5 * 0.8);
    expect(medianKm('Thirsk', 5)).toBeLessThan(5 * 1.4);
    expect(medianKm('York', 15)).toBeLessThan(medianKm('York', 40));
  });

  it('keeps to the places a group lists', () => {
    const homePlace = placeIndex(network, 'Leeds');
    const targets = ['Helmsley', 'Kirkbymoorside'];
    const choice = targetChoice(network, { homePlace, targets, targetDistanceKmMedian: 45 });
    const random = new Random(1);
    const drawn = new Set(Array.from({ length: 100 }, () => choice!.draw(random)));
    expect([...drawn].sort()).toEqual(targets.map((t) => placeIndex(network, t)).sort());
  });

  it('rejects a listed place the network does not have', () => {
    const homePlace = placeIndex(network, 'Leeds');
    const options = { homePlace, targets: ['Atlantis'], targetDistanceKmMedian: 45 };
    expect(() => targetChoice(network, options)).toThrow(
      expect.objectContaining({ code: 'ATB_NETWORK_UNKNOWN_PLACE' }) as Error,
    );
  });
});
