import { describe, expect, it } from 'vitest';
import { buildGraph, type RoadGraph } from './graph.js';
import { road, roads } from './testing.js';
import { measure, pathInTree, roadLegs, Router } from './route.js';

/** A small deterministic generator for test graphs (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gridGraph(size: number, seed: number): RoadGraph {
  const random = prng(seed);
  const features = [];
  const classes = ['motorway', 'primary', 'secondary', 'minor'];
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const here: [number, number] = [-2 + i * 0.02, 54 + j * 0.02];
      const jitter = (): number => Math.round(random() * 1000) / 1e6;
      if (i + 1 < size && random() < 0.85) {
        features.push(
          road(`h${i}-${j}`, [here, [-2 + (i + 1) * 0.02, 54 + j * 0.02]], {
            class: classes[Math.floor(random() * 4)]!,
            oneway: random() < 0.1,
          }),
        );
      }
      if (j + 1 < size && random() < 0.85) {
        features.push(
          road(
            `v${i}-${j}`,
            [
              here,
              [-2 + i * 0.02 + jitter(), 54 + (j + 0.5) * 0.02],
              [-2 + i * 0.02, 54 + (j + 1) * 0.02],
            ],
            { class: classes[Math.floor(random() * 4)]! },
          ),
        );
      }
    }
  }
  return buildGraph(roads(...features)).graph;
}

/** Bellman-Ford, slow and obviously right, to check the fast searches against. */
function slowCosts(graph: RoadGraph, origin: number, extra?: Float64Array): Float64Array {
  const cost = new Float64Array(graph.nodeCount).fill(Infinity);
  cost[origin] = 0;
  for (let round = 0; round < graph.nodeCount; round++) {
    let changed = false;
    for (let e = 0; e < graph.edgeCount; e++) {
      const c = cost[graph.edgeFrom[e]!]! + graph.edgeTimeS[e]! + (extra?.[e] ?? 0);
      if (c < cost[graph.edgeTo[e]!]!) {
        cost[graph.edgeTo[e]!] = c;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return cost;
}

describe('Router', () => {
  const graph = gridGraph(12, 7);
  const router = new Router(graph);

  it('finds the same quickest times as an exhaustive search, point to point and as a tree', () => {
    const random = prng(11);
    for (let k = 0; k < 5; k++) {
      const origin = Math.floor(random() * graph.nodeCount);
      const expected = slowCosts(graph, origin);
      const tree = router.tree(origin);
      expect([...tree.costS].map((c) => Math.round(c * 1e6))).toEqual(
        [...expected].map((c) => Math.round(c * 1e6)),
      );
      for (let q = 0; q < 20; q++) {
        const to = Math.floor(random() * graph.nodeCount);
        const route = router.route(origin, to);
        if (expected[to] === Infinity) {
          expect(route).toBeNull();
          continue;
        }
        expect(route!.costS).toBeCloseTo(expected[to]!, 6);
        expect(route!.timeS).toBeCloseTo(measure(graph, route!.edges).timeS, 9);
        expect(pathInTree(graph, tree, to).length).toBeGreaterThanOrEqual(origin === to ? 0 : 1);
      }
    }
  });

  it('weighs extra costs per edge and reports the time without them', () => {
    const random = prng(5);
    const extra = Float64Array.from({ length: graph.edgeCount }, () => (random() < 0.3 ? 600 : 0));
    const expected = slowCosts(graph, 0, extra);
    const to = graph.nodeCount - 1;
    const route = router.route(0, to, { extraCostS: extra });
    expect(route!.costS).toBeCloseTo(expected[to]!, 6);
    const penalty = route!.edges.reduce((s, e) => s + extra[e]!, 0);
    expect(route!.costS).toBeCloseTo(route!.timeS + penalty, 6);
  });

  it('connects consecutive edges from origin to destination', () => {
    const route = router.route(3, graph.nodeCount - 5)!;
    expect(graph.edgeFrom[route.edges[0]!]).toBe(3);
    expect(graph.edgeTo[route.edges[route.edges.length - 1]!]).toBe(graph.nodeCount - 5);
    for (let i = 1; i < route.edges.length; i++) {
      expect(graph.edgeFrom[route.edges[i]!]).toBe(graph.edgeTo[route.edges[i - 1]!]);
    }
  });

  it('prefers a fast road to a shorter slow one', () => {
    const g = buildGraph(
      roads(
        road(
          'LANE',
          [
            [-1, 54],
            [-0.9, 54],
          ],
          { class: 'minor', speedLimitMph: 30 },
        ),
        road(
          'M',
          [
            [-1, 54],
            [-0.95, 54.02],
            [-0.9, 54],
          ],
          { class: 'motorway' },
        ),
      ),
    ).graph;
    const route = new Router(g).route(0, 1)!;
    expect(roadLegs(g, route.edges).map((l) => g.roads[l.roadIndex]!.id)).toEqual(['M']);
  });

  it('returns null when no road joins the two nodes and rejects nodes not in the graph', () => {
    const g = buildGraph(
      roads(
        road('A', [
          [-1, 54],
          [-0.9, 54],
        ]),
        road('B', [
          [-2, 55],
          [-1.9, 55],
        ]),
      ),
    ).graph;
    const r = new Router(g);
    expect(r.route(0, 2)).toBeNull();
    expect(() => r.route(0, 99)).toThrow(RangeError);
  });

  it('honours one-way roads', () => {
    const g = buildGraph(
      roads(
        road(
          'OW',
          [
            [-1, 54],
            [-0.9, 54],
          ],
          { oneway: true },
        ),
      ),
    ).graph;
    const r = new Router(g);
    expect(r.route(0, 1)).not.toBeNull();
    expect(r.route(1, 0)).toBeNull();
  });
});
