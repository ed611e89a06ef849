/**
 * Network benchmark: graph build time and shortest-path queries per second on one core,
 * on the bundled North Yorkshire network and on synthetic grids of growing size.
 * Run with `npm run bench:network`; prints one JSON document.
 */
import { performance } from 'node:perf_hooks';
import { loadNetworkFixture } from '../harness/network/load.js';
import {
  anchorPositions,
  buildGraph,
  createNetwork,
  Router,
  type GraphOptions,
  type RoadCollection,
  type RoadFeature,
} from '../simulator/network/index.js';

/** Query budget per network: stop at this many queries or this many milliseconds. */
const MAX_QUERIES = 200_000;
const MAX_QUERY_MS = 3_000;

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeBuild(roads: RoadCollection, options: GraphOptions, runs: number): number {
  buildGraph(roads, options);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    buildGraph(roads, options);
    times.push(performance.now() - start);
  }
  return median(times);
}

function queryRate(router: Router, kind: 'route' | 'tree'): { queries: number; perSecond: number } {
  const n = router.graph.nodeCount;
  const random = lcg(42);
  const limit = kind === 'tree' ? MAX_QUERIES / 100 : MAX_QUERIES;
  const start = performance.now();
  let queries = 0;
  while (queries < limit && performance.now() - start < MAX_QUERY_MS) {
    const from = Math.floor(random() * n);
    if (kind === 'tree') router.tree(from);
    else router.route(from, Math.floor(random() * n));
    queries++;
  }
  const seconds = (performance.now() - start) / 1000;
  return { queries, perSecond: Math.round(queries / seconds) };
}

/** A square grid of two-way roads with mixed classes: side² junctions. */
function grid(side: number): RoadCollection {
  const classes = ['primary', 'secondary', 'minor', 'minor'];
  const features: RoadFeature[] = [];
  const at = (i: number, j: number): [number, number] => [-2.5 + i * 0.005, 53.5 + j * 0.005];
  const add = (id: string, a: [number, number], b: [number, number], k: number): void => {
    features.push({
      type: 'Feature',
      properties: { id, ref: null, name: id, class: classes[k % 4]! },
      geometry: { type: 'LineString', coordinates: [a, b] },
    });
  };
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      if (i + 1 < side) add(`h${i}.${j}`, at(i, j), at(i + 1, j), j);
      if (j + 1 < side) add(`v${i}.${j}`, at(i, j), at(i, j + 1), i);
    }
  }
  return { type: 'FeatureCollection', features };
}

function measureNetwork(name: string, roads: RoadCollection, options: GraphOptions = {}) {
  const buildMs = timeBuild(roads, options, roads.features.length > 50_000 ? 3 : 15);
  const { graph } = buildGraph(roads, options);
  const router = new Router(graph);
  return {
    network: name,
    roads: roads.features.length,
    nodes: graph.nodeCount,
    edges: graph.edgeCount,
    buildMs: Math.round(buildMs * 100) / 100,
    pointToPoint: queryRate(router, 'route'),
    oneToAll: queryRate(router, 'tree'),
  };
}

async function main(): Promise<void> {
  const fixture = await loadNetworkFixture();
  const start = performance.now();
  createNetwork(fixture);
  const createNetworkMs = performance.now() - start;
  const results = [
    measureNetwork('north-yorkshire (bundled)', fixture.roads, {
      nodesAt: anchorPositions(fixture),
    }),
  ];
  for (const side of [50, 100, 200])
    results.push(measureNetwork(`grid ${side}x${side}`, grid(side)));
  const bundled = results[0]!;
  const output = {
    benchmark: 'network',
    node: process.version,
    targets: { buildMs: 200, pointToPointPerSecond: 20_000 },
    createNetworkMsIncludingCamerasAndIndex: Math.round(createNetworkMs * 100) / 100,
    met: {
      build: bundled.buildMs < 200,
      queries: bundled.pointToPoint.perSecond >= 20_000,
    },
    results,
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

await main();
