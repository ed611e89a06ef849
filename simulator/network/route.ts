import type { RoadGraph } from './graph.js';
import { IndexedMinHeap } from './heap.js';

export interface RouteOptions {
  /** Seconds added to each edge's travel time, indexed by edge; for drivers who avoid sites. */
  extraCostS?: Float64Array;
}

export interface Route {
  fromNode: number;
  toNode: number;
  /** The edges in order of travel. */
  edges: number[];
  /** Free-flow driving time, without any extra costs. */
  timeS: number;
  lengthM: number;
  /** Time plus the extra costs the search weighed; equals timeS when there were none. */
  costS: number;
}

export interface ShortestPathTree {
  origin: number;
  /** Cost to reach each node from the origin, Infinity where unreachable. */
  costS: Float64Array;
  /** The edge by which each node is reached, -1 for the origin and unreachable nodes. */
  parentEdge: Int32Array;
}

/**
 * Shortest paths by travel time. A router owns its search buffers, sized to the graph once,
 * so a query allocates only its answer; keep one router per thread of work.
 */
export class Router {
  readonly graph: RoadGraph;
  private readonly heap: IndexedMinHeap;
  private readonly cost: Float64Array;
  private readonly parent: Int32Array;
  private readonly stamp: Uint32Array;
  private readonly done: Uint32Array;
  private generation = 0;
  /** Seconds per metre at the top speed, scaled down so the heuristic never overestimates. */
  private readonly heuristicSPerM: number;

  constructor(graph: RoadGraph) {
    this.graph = graph;
    this.heap = new IndexedMinHeap(graph.nodeCount);
    this.cost = new Float64Array(graph.nodeCount);
    this.parent = new Int32Array(graph.nodeCount);
    this.stamp = new Uint32Array(graph.nodeCount);
    this.done = new Uint32Array(graph.nodeCount);
    this.heuristicSPerM = graph.maxSpeedMps > 0 ? 0.97 / graph.maxSpeedMps : 0;
  }

  /** The quickest route from one node to another (A*), or null when there is none. */
  route(from: number, to: number, options: RouteOptions = {}): Route | null {
    this.checkNode(from);
    this.checkNode(to);
    const extra = options.extraCostS;
    const g = this.graph;
    const { nodeX, nodeY } = g;
    const tx = nodeX[to]!;
    const ty = nodeY[to]!;
    const k = this.heuristicSPerM;
    // Math.hypot is several times slower than this in V8, and this is the hot loop.
    const h = (n: number): number => {
      const dx = nodeX[n]! - tx;
      const dy = nodeY[n]! - ty;
      return Math.sqrt(dx * dx + dy * dy) * k;
    };

    this.begin(from);
    this.heap.push(from, h(from));
    while (this.heap.size > 0) {
      const n = this.heap.pop();
      if (n === to) break;
      this.done[n] = this.generation;
      const base = this.cost[n]!;
      for (let i = g.outStart[n]!; i < g.outStart[n + 1]!; i++) {
        const e = g.outEdges[i]!;
        const m = g.edgeTo[e]!;
        if (this.done[m] === this.generation) continue;
        const c = base + g.edgeTimeS[e]! + (extra ? extra[e]! : 0);
        if (this.stamp[m] === this.generation && c >= this.cost[m]!) continue;
        this.relax(m, c, e);
        this.heap.push(m, c + h(m));
      }
    }
    if (this.stamp[to] !== this.generation) return null;
    return this.trace(from, to);
  }

  /** Quickest times from one node to every other (Dijkstra); fresh arrays per call. */
  tree(origin: number, options: RouteOptions = {}): ShortestPathTree {
    this.checkNode(origin);
    const extra = options.extraCostS;
    const g = this.graph;
    this.begin(origin);
    this.heap.push(origin, 0);
    while (this.heap.size > 0) {
      const n = this.heap.pop();
      const base = this.cost[n]!;
      for (let i = g.outStart[n]!; i < g.outStart[n + 1]!; i++) {
        const e = g.outEdges[i]!;
        const m = g.edgeTo[e]!;
        const c = base + g.edgeTimeS[e]! + (extra ? extra[e]! : 0);
        if (this.stamp[m] === this.generation && c >= this.cost[m]!) continue;
        this.relax(m, c, e);
        this.heap.push(m, c);
      }
    }
    const costS = new Float64Array(g.nodeCount).fill(Infinity);
    const parentEdge = new Int32Array(g.nodeCount).fill(-1);
    for (let n = 0; n < g.nodeCount; n++) {
      if (this.stamp[n] !== this.generation) continue;
      costS[n] = this.cost[n]!;
      parentEdge[n] = this.parent[n]!;
    }
    return { origin, costS, parentEdge };
  }

  private begin(origin: number): void {
    this.heap.clear();
    this.generation++;
    if (this.generation === 0xffffffff) this.resetStamps();
    this.relax(origin, 0, -1);
  }

  private relax(node: number, cost: number, viaEdge: number): void {
    this.stamp[node] = this.generation;
    this.cost[node] = cost;
    this.parent[node] = viaEdge;
  }

  private resetStamps(): void {
    this.stamp.fill(0);
    this.done.fill(0);
    this.generation = 1;
  }

  private trace(from: number, to: number): Route {
    const edges: number[] = [];
    for (let n = to; n !== from;) {
      const e = this.parent[n]!;
      edges.push(e);
      n = this.graph.edgeFrom[e]!;
    }
    edges.reverse();
    return {
      fromNode: from,
      toNode: to,
      edges,
      costS: this.cost[to]!,
      ...measure(this.graph, edges),
    };
  }

  private checkNode(node: number): void {
    if (!Number.isInteger(node) || node < 0 || node >= this.graph.nodeCount) {
      throw new RangeError(`Node ${node} is not in the graph (0 to ${this.graph.nodeCount - 1})`);
    }
  }
}

/** Free-flow time and length of a sequence of edges. */
export function measure(
  graph: RoadGraph,
  edges: readonly number[],
): { timeS: number; lengthM: number } {
  let timeS = 0;
  let lengthM = 0;
  for (const e of edges) {
    timeS += graph.edgeTimeS[e]!;
    lengthM += graph.edgeLengthM[e]!;
  }
  return { timeS, lengthM };
}

/** The edges from a tree's origin to a node, in order of travel; empty if unreachable. */
export function pathInTree(graph: RoadGraph, tree: ShortestPathTree, to: number): number[] {
  const edges: number[] = [];
  for (let n = to, e = tree.parentEdge[n]!; e >= 0; e = tree.parentEdge[n]!) {
    edges.push(e);
    n = graph.edgeFrom[e]!;
  }
  return edges.reverse();
}

export interface RoadLeg {
  roadIndex: number;
  lengthM: number;
  timeS: number;
}

/** Groups a route's edges into the roads taken, in order. */
export function roadLegs(graph: RoadGraph, edges: readonly number[]): RoadLeg[] {
  const legs: RoadLeg[] = [];
  for (const e of edges) {
    const roadIndex = graph.edgeRoad[e]!;
    const last = legs[legs.length - 1];
    if (last && last.roadIndex === roadIndex) {
      last.lengthM += graph.edgeLengthM[e]!;
      last.timeS += graph.edgeTimeS[e]!;
    } else {
      legs.push({ roadIndex, lengthM: graph.edgeLengthM[e]!, timeS: graph.edgeTimeS[e]! });
    }
  }
  return legs;
}
