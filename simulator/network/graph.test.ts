import { describe, expect, it } from 'vitest';
import { distanceM } from './geo.js';
import { buildGraph, components, edgeCoordinates } from './graph.js';
import { road, roads } from './testing.js';

describe('buildGraph', () => {
  it('splits lines where they share a vertex so routes can turn there', () => {
    const { graph, problems } = buildGraph(
      roads(
        road('EW', [
          [-1.2, 54],
          [-1.1, 54],
          [-1.0, 54],
        ]),
        road('NS', [
          [-1.1, 53.9],
          [-1.1, 54],
          [-1.1, 54.1],
        ]),
      ),
    );
    expect(problems).toEqual([]);
    expect(graph.nodeCount).toBe(5);
    expect(graph.edgeCount).toBe(8);
    const junction = [...graph.nodeLon].findIndex(
      (lon, n) => lon === -1.1 && graph.nodeLat[n] === 54,
    );
    expect(graph.outStart[junction + 1]! - graph.outStart[junction]!).toBe(4);
  });

  it('keeps inner vertices that no other road shares as edge geometry', () => {
    const { graph } = buildGraph(
      roads(
        road('A', [
          [-1, 54],
          [-0.9, 54.05],
          [-0.8, 54],
        ]),
      ),
    );
    expect(graph.nodeCount).toBe(2);
    expect(edgeCoordinates(graph, 0)).toEqual([
      [-1, 54],
      [-0.9, 54.05],
      [-0.8, 54],
    ]);
    expect(edgeCoordinates(graph, 1)).toEqual([
      [-0.8, 54],
      [-0.9, 54.05],
      [-1, 54],
    ]);
    const expected = distanceM([-1, 54], [-0.9, 54.05]) + distanceM([-0.9, 54.05], [-0.8, 54]);
    expect(graph.edgeLengthM[0]).toBeCloseTo(expected, 6);
  });

  it('leaves roads that cross without a shared vertex unjoined, as at a bridge', () => {
    const { graph } = buildGraph(
      roads(
        road('EW', [
          [-1.2, 54],
          [-1.0, 54],
        ]),
        road('NS', [
          [-1.1, 53.9],
          [-1.1, 54.1],
        ]),
      ),
    );
    expect(components(graph).count).toBe(2);
  });

  it('gives a one-way road a single edge and a two-way road twinned edges', () => {
    const { graph } = buildGraph(
      roads(
        road(
          'OW',
          [
            [-1, 54],
            [-0.9, 54],
          ],
          { oneway: true },
        ),
        road('TW', [
          [-0.9, 54],
          [-0.8, 54],
        ]),
      ),
    );
    expect(graph.edgeCount).toBe(3);
    expect(graph.edgeTwin[0]).toBe(-1);
    expect(graph.edgeTwin[1]).toBe(2);
    expect(graph.edgeTwin[2]).toBe(1);
  });

  it('derives travel time from the limit and the class', () => {
    const { graph } = buildGraph(
      roads(
        road(
          'M',
          [
            [-1, 54],
            [-0.9, 54],
          ],
          { class: 'motorway' },
        ),
        road(
          'L',
          [
            [-1, 54.1],
            [-0.9, 54.1],
          ],
          { class: 'minor', speedLimitMph: 30 },
        ),
      ),
    );
    expect(graph.edgeSpeedMps[0]).toBeGreaterThan(graph.edgeSpeedMps[2]! * 2);
    expect(graph.edgeTimeS[0]).toBeCloseTo(graph.edgeLengthM[0]! / graph.edgeSpeedMps[0]!, 9);
  });

  it('reports unknown classes and degenerate lines as problems and leaves them out', () => {
    const { graph, problems } = buildGraph(
      roads(
        road('OK', [
          [-1, 54],
          [-0.9, 54],
        ]),
        road(
          'BAD',
          [
            [-1, 54],
            [-0.8, 54],
          ],
          { class: 'footpath' },
        ),
        road('DOT', [
          [-1, 54],
          [-1, 54],
        ]),
      ),
    );
    expect(graph.roads.map((r) => r.id)).toEqual(['OK']);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['unknown-class', 'features[1].properties.class'],
      ['degenerate-line', 'features[2].geometry.coordinates'],
    ]);
  });

  it('numbers components largest first', () => {
    const { graph } = buildGraph(
      roads(
        road('BIG', [
          [-1, 54],
          [-0.9, 54],
          [-0.8, 54],
        ]),
        road('SMALL', [
          [-2, 55],
          [-1.9, 55],
        ]),
      ),
    );
    const parts = components(graph);
    expect(parts.sizes).toEqual([2, 2]);
    expect(parts.count).toBe(2);
  });
});
