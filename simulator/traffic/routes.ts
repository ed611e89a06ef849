import { pathInTree, type Network, type ShortestPathTree } from '../network/index.js';
import { streamFor } from '../random.js';
import type { Zone } from './zones.js';

/** A camera a route passes: which placement and direction, and when after departure. */
export interface CameraPass {
  placement: number;
  watch: number;
  afterS: number;
}

export interface CachedRoute {
  edges: Int32Array;
  timeS: number;
  lengthM: number;
  passes: readonly CameraPass[];
}

/**
 * A near-equal alternative counts only when it is at most this much slower than the best,
 * so route spread never sends ordinary traffic on absurd detours.
 */
const ALTERNATIVE_SLACK = 1.1;

/** Edge times are scaled by up to this much either way to find an alternative route. */
const PERTURBATION = 0.25;

/**
 * Routes between zones, from one shortest-path tree per origin zone (and a second tree on
 * perturbed edge times for a near-equal alternative), cached for the whole run. Camera
 * passes are worked out once per route, so a trip's sightings are a lookup.
 */
export class RouteCache {
  private readonly network: Network;
  private readonly zones: readonly Zone[];
  private readonly seed: number;
  private readonly trees = new Map<number, ShortestPathTree>();
  private readonly routes: (CachedRoute | null)[] = [];
  /**
   * Where each route is in `routes`, by origin, destination and variant; -1 until asked
   * for. Every trip looks its route up, so this is a table indexed directly; at 8 bytes a
   * pair of zones it is smaller than the gravity model's tables, which also cover every pair.
   */
  private readonly at: Int32Array;
  private readonly describe: (edges: Int32Array) => CachedRoute;

  constructor(network: Network, zones: readonly Zone[], seed: number) {
    this.network = network;
    this.zones = zones;
    this.seed = seed;
    this.at = new Int32Array(zones.length * zones.length * 2).fill(-1);
    this.describe = routeDescriber(network);
  }

  /** The best route (variant 0) or its alternative (variant 1); null if unreachable. */
  get(from: number, to: number, variant: 0 | 1): CachedRoute | null {
    const key = (from * this.zones.length + to) * 2 + variant;
    const at = this.at[key]!;
    if (at >= 0) return this.routes[at] ?? null;
    const route = variant === 0 ? this.build(from, to, 0) : this.alternative(from, to);
    this.at[key] = this.routes.length;
    this.routes.push(route);
    return route;
  }

  get size(): number {
    return this.routes.length;
  }

  private alternative(from: number, to: number): CachedRoute | null {
    const best = this.get(from, to, 0);
    const other = this.build(from, to, 1);
    if (!best || !other || other.timeS > best.timeS * ALTERNATIVE_SLACK) return best;
    return other;
  }

  private build(from: number, to: number, variant: 0 | 1): CachedRoute | null {
    const tree = this.tree(from, variant);
    const target = this.zones[to]!.node;
    if (tree.costS[target] === Infinity) return null;
    const edges = Int32Array.from(pathInTree(this.network.graph, tree, target));
    return this.describe(edges);
  }

  private tree(from: number, variant: 0 | 1): ShortestPathTree {
    const key = from * 2 + variant;
    let tree = this.trees.get(key);
    if (!tree) {
      const origin = this.zones[from]!.node;
      const extra = variant === 0 ? undefined : perturbation(this.network, this.seed, from);
      tree = this.network.router.tree(origin, extra ? { extraCostS: extra } : {});
      this.trees.set(key, tree);
    }
    return tree;
  }
}

/** A function that works out a route's time, length and camera passes from its edges. */
export function routeDescriber(network: Network): (edges: Int32Array) => CachedRoute {
  const watchesByEdge = indexWatches(network);
  const g = network.graph;
  return (edges) => {
    const passes: CameraPass[] = [];
    let timeS = 0;
    let lengthM = 0;
    for (const e of edges) {
      for (const w of watchesByEdge.get(e) ?? []) {
        passes.push({
          placement: w.placement,
          watch: w.watch,
          afterS: timeS + w.offsetM / g.edgeSpeedMps[e]!,
        });
      }
      timeS += g.edgeTimeS[e]!;
      lengthM += g.edgeLengthM[e]!;
    }
    return { edges, timeS, lengthM, passes };
  };
}

function indexWatches(network: Network) {
  const byEdge = new Map<number, { placement: number; watch: number; offsetM: number }[]>();
  network.cameras.forEach((placement, p) => {
    placement.watches.forEach((w, i) => {
      const list = byEdge.get(w.edge) ?? [];
      list.push({ placement: p, watch: i, offsetM: w.offsetM });
      byEdge.set(
        w.edge,
        list.sort((a, b) => a.offsetM - b.offsetM),
      );
    });
  });
  return byEdge;
}

/** Random extra time on every edge, keyed by origin, so each origin has its own alternative. */
function perturbation(network: Network, seed: number, origin: number): Float64Array {
  const random = streamFor(seed, 'routing', origin);
  const g = network.graph;
  return Float64Array.from(
    { length: g.edgeCount },
    (_, e) => g.edgeTimeS[e]! * PERTURBATION * (2 * random.next() - 1),
  );
}
