import { TestbedError } from '../errors.js';
import type { Problem } from '../problems.js';
import type { CameraKind, NetworkFixture } from './fixture.js';
import type { LonLat } from './geo.js';
import { buildGraph, components, type RoadGraph } from './graph.js';
import { Router } from './route.js';
import { snapCameras, type CameraPlacement, type SnapOptions } from './snap.js';
import { SpatialIndex } from './spatial.js';

/** A named point of the fixture tied to its nearest graph node. */
export interface Anchor {
  name: string;
  node: number;
  /** Distance from the point to its node, metres. */
  distanceM: number;
}

/** The road network ready for simulation: graph, router, index and placed features. */
export interface Network {
  fixture: NetworkFixture;
  graph: RoadGraph;
  router: Router;
  index: SpatialIndex;
  cameras: CameraPlacement[];
  places: Anchor[];
  gateways: Anchor[];
  bases: Anchor[];
  /** Each node's weakly connected component; 0 is the largest. */
  componentOf: Int32Array;
  componentCount: number;
  problems: Problem[];
}

export interface NetworkOptions {
  snap?: SnapOptions;
  /** A place or base further than this from every node is reported. */
  maxAnchorDistanceM?: number;
}

export function createNetwork(fixture: NetworkFixture, options: NetworkOptions = {}): Network {
  const { graph, problems } = buildGraph(fixture.roads, { nodesAt: anchorPositions(fixture) });
  if (graph.edgeCount === 0) throw new TestbedError('ATB_NETWORK_EMPTY', { path: 'roads.geojson' });

  const index = new SpatialIndex(graph);
  const snapped = snapCameras(graph, index, fixture.cameras.features, options.snap);
  problems.push(...snapped.problems.map((p) => ({ ...p, path: `cameras.${p.path}` })));

  const maxM = options.maxAnchorDistanceM ?? 3000;
  const anchor = anchorer(graph, index, maxM, problems);
  const places = fixture.places.features.map((f, i) =>
    anchor(f.properties.name, f.geometry.coordinates, `places.features[${i}]`),
  );
  const gateways = fixture.gateways.features.map((f, i) =>
    anchor(f.properties.id, f.geometry.coordinates, `gateways.features[${i}]`),
  );
  const bases = fixture.bases.features.map((f, i) =>
    anchor(f.properties.id, f.geometry.coordinates, `bases.features[${i}]`),
  );

  const parts = components(graph);
  if (parts.count > 1) problems.push(disconnected(graph, parts));
  return {
    fixture,
    graph,
    router: new Router(graph),
    index,
    cameras: snapped.placements,
    places,
    gateways,
    bases,
    componentOf: parts.of,
    componentCount: parts.count,
    problems,
  };
}

/** Positions that must be graph nodes: places, gateways and bases. */
export function anchorPositions(fixture: NetworkFixture): LonLat[] {
  return [fixture.places, fixture.gateways, fixture.bases].flatMap((c) =>
    c.features.map((f) => f.geometry.coordinates),
  );
}

function anchorer(graph: RoadGraph, index: SpatialIndex, maxM: number, problems: Problem[]) {
  return (name: string, at: LonLat, path: string): Anchor => {
    const node = index.nearestNode(at);
    const p = graph.projection;
    const distanceM = Math.hypot(graph.nodeX[node]! - p.x(at[0]), graph.nodeY[node]! - p.y(at[1]));
    if (distanceM > maxM) {
      problems.push({
        code: 'far-from-road',
        path,
        message: `${name} is ${(distanceM / 1000).toFixed(1)} km from the nearest junction`,
        severity: 'warning',
      });
    }
    return { name, node, distanceM };
  };
}

function disconnected(graph: RoadGraph, parts: ReturnType<typeof components>): Problem {
  const stray = new Set<string>();
  for (let e = 0; e < graph.edgeCount && stray.size < 10; e++) {
    if (parts.of[graph.edgeFrom[e]!] !== 0) stray.add(graph.roads[graph.edgeRoad[e]!]!.id);
  }
  return {
    code: 'disconnected',
    path: 'roads',
    message: `the network falls into ${parts.count} parts (node counts ${parts.sizes.slice(0, 6).join(', ')}${parts.count > 6 ? ', …' : ''}); roads outside the largest include ${[...stray].join(', ')}`,
    severity: 'warning',
  };
}

export interface AvoidanceOptions {
  /** Camera kinds the driver knows about and avoids. Defaults to fixed sites only. */
  kinds?: readonly CameraKind[];
  /** Seconds of detour the driver accepts to avoid passing one camera. */
  penaltyS?: number;
}

/**
 * Extra cost per edge for a driver who avoids known camera sites: the penalty is added to
 * every edge that holds a camera reading its direction of travel.
 */
export function cameraAvoidanceCosts(
  network: Network,
  options: AvoidanceOptions = {},
): Float64Array {
  const kinds = new Set(options.kinds ?? ['fixed']);
  const penaltyS = options.penaltyS ?? 1800;
  const costs = new Float64Array(network.graph.edgeCount);
  for (const placement of network.cameras) {
    if (!kinds.has(placement.kind)) continue;
    for (const watch of placement.watches) costs[watch.edge] = penaltyS;
  }
  return costs;
}

/** Finds a place by name, ignoring case; fails with suggestions when there is none. */
export function findPlace(network: Network, name: string): Anchor {
  const wanted = name.trim().toLowerCase();
  const exact = network.places.find((p) => p.name.toLowerCase() === wanted);
  if (exact) return exact;
  const near = network.places.filter((p) => p.name.toLowerCase().includes(wanted));
  if (near.length === 1) return near[0]!;
  const hint =
    near.length > 1
      ? `; did you mean ${near
          .slice(0, 5)
          .map((p) => `"${p.name}"`)
          .join(', ')}?`
      : '; `network stats` lists the places of the network';
  throw new TestbedError('ATB_NETWORK_UNKNOWN_PLACE', { name, hint });
}
