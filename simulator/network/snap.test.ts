import { describe, expect, it } from 'vitest';
import type { CameraFeature, NetworkFixture } from './fixture.js';
import { cameraAvoidanceCosts, createNetwork, findPlace } from './network.js';
import { road, roads } from './testing.js';

function camera(
  id: string,
  at: [number, number],
  roadId: string,
  headingsDeg: number[],
): CameraFeature {
  return {
    type: 'Feature',
    properties: { id, kind: 'fixed', name: id, road: roadId, headingsDeg },
    geometry: { type: 'Point', coordinates: at },
  };
}

const empty = { type: 'FeatureCollection' as const, features: [] };

function fixture(cameras: CameraFeature[]): NetworkFixture {
  return {
    // An east-west main road with a parallel lane 0.5 km to the north joined at both ends.
    roads: roads(
      road('MAIN', [
        [-1.0, 54.0],
        [-0.9, 54.0],
        [-0.8, 54.0],
      ]),
      road(
        'LANE',
        [
          [-1.0, 54.0],
          [-0.95, 54.0045],
          [-0.85, 54.0045],
          [-0.8, 54.0],
        ],
        { class: 'minor' },
      ),
    ),
    places: {
      type: 'FeatureCollection',
      features: (['West', 'East'] as const).map((name, i) => ({
        type: 'Feature' as const,
        properties: {
          name,
          kind: 'village' as const,
          population: 100,
          insideForceArea: true,
          area: 'Test',
          source: 'test',
        },
        geometry: {
          type: 'Point' as const,
          coordinates: [i === 0 ? -1.0 : -0.8, 54.0] as [number, number],
        },
      })),
    },
    gateways: empty,
    bases: empty,
    cameras: { type: 'FeatureCollection', features: cameras },
    boundary: null,
  };
}

describe('camera snapping', () => {
  it('places a camera on the road it names, at its offset, in the directions it reads', () => {
    const net = createNetwork(fixture([camera('EAST', [-0.85, 54.0003], 'MAIN', [90])]));
    expect(net.problems).toEqual([]);
    const [placement] = net.cameras;
    expect(placement!.watches).toHaveLength(1);
    const { edge, offsetM } = placement!.watches[0]!;
    expect(net.graph.roads[net.graph.edgeRoad[edge]!]!.id).toBe('MAIN');
    expect(net.graph.nodeLon[net.graph.edgeFrom[edge]!]).toBe(-1.0);
    expect(offsetM).toBeGreaterThan(9000);
    expect(offsetM).toBeLessThan(10_000);
  });

  it('reads both carriageways when given opposite headings', () => {
    const net = createNetwork(fixture([camera('BOTH', [-0.9, 54.0001], 'MAIN', [90, 270])]));
    const [a, b] = net.cameras[0]!.watches;
    expect(net.graph.edgeTwin[a!.edge]).toBe(b!.edge);
    expect(a!.offsetM + b!.offsetM).toBeCloseTo(net.graph.edgeLengthM[a!.edge]!, 6);
  });

  it('prefers the named road over a nearer one', () => {
    const net = createNetwork(fixture([camera('ONLANE', [-0.9, 54.0025], 'MAIN', [90])]));
    const edge = net.cameras[0]!.watches[0]!.edge;
    expect(net.graph.roads[net.graph.edgeRoad[edge]!]!.id).toBe('MAIN');
  });

  it('reports a camera far from every road, and one whose headings cross its road', () => {
    const net = createNetwork(
      fixture([
        camera('FAR', [-0.9, 54.1], 'MAIN', [90]),
        camera('ACROSS', [-0.9, 54.0], 'MAIN', [0]),
      ]),
    );
    expect(net.cameras).toEqual([]);
    expect(net.problems.map((p) => [p.code, p.path])).toEqual([
      ['camera-off-network', 'cameras.features[0]'],
      ['camera-heading-mismatch', 'cameras.features[1].properties.headingsDeg'],
    ]);
  });

  it('sends a camera-aware driver down the lane when the main road has a fixed site', () => {
    const net = createNetwork(fixture([camera('MAINCAM', [-0.85, 54.0], 'MAIN', [90, 270])]));
    const west = findPlace(net, 'west').node;
    const east = findPlace(net, 'EAST').node;
    const plain = net.router.route(west, east)!;
    const aware = net.router.route(west, east, { extraCostS: cameraAvoidanceCosts(net) })!;
    const roadsOf = (edges: number[]): string[] => [
      ...new Set(edges.map((e) => net.graph.roads[net.graph.edgeRoad[e]!]!.id)),
    ];
    expect(roadsOf(plain.edges)).toEqual(['MAIN']);
    expect(roadsOf(aware.edges)).toEqual(['LANE']);
    expect(aware.timeS).toBeGreaterThan(plain.timeS);
  });

  it('names an unknown place in its error', () => {
    const net = createNetwork(fixture([]));
    expect(() => findPlace(net, 'Atlantis')).toThrow(/Unknown place "Atlantis"/);
  });
});
