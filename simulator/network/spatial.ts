import Flatbush from 'flatbush';
import { projectOntoSegment, type LonLat } from './geo.js';
import type { RoadGraph } from './graph.js';

export interface EdgeHit {
  /** The edge whose geometry passes nearest; for a two-way road, the one listed first. */
  edge: number;
  /** Distance from the query point to the road, metres. */
  distanceM: number;
  /** Distance along the edge from its start to the nearest point, metres. */
  offsetM: number;
  /** Index of the geometry segment (within the edge) that holds the nearest point. */
  segment: number;
}

export interface EdgeQuery {
  /** Only edges this accepts are considered. */
  accept?: (edge: number) => boolean;
  /** Give up beyond this distance, metres. Defaults to 50 km. */
  maxDistanceM?: number;
}

/**
 * Nearest-node and nearest-edge lookups over the graph, in its local projection. Edges are
 * indexed one segment at a time, and only one edge of each two-way pair.
 */
export class SpatialIndex {
  private readonly graph: RoadGraph;
  private readonly nodes: Flatbush;
  private readonly segments: Flatbush;
  /** For each indexed segment: its edge and the position of its first point in the geometry. */
  private readonly segmentEdge: Int32Array;
  private readonly segmentGeom: Int32Array;

  constructor(graph: RoadGraph) {
    this.graph = graph;
    this.nodes = indexNodes(graph);
    const { index, edge, geom } = indexSegments(graph);
    this.segments = index;
    this.segmentEdge = edge;
    this.segmentGeom = geom;
  }

  /** The node nearest to a position, or -1 for an empty graph. */
  nearestNode(at: LonLat, accept?: (node: number) => boolean): number {
    if (this.graph.nodeCount === 0) return -1;
    const p = this.graph.projection;
    const found = this.nodes.neighbors(p.x(at[0]), p.y(at[1]), 1, Infinity, accept);
    return found[0] ?? -1;
  }

  /** The edge nearest to a position, or null when none is within reach. */
  nearestEdge(at: LonLat, query: EdgeQuery = {}): EdgeHit | null {
    const p = this.graph.projection;
    const x = p.x(at[0]);
    const y = p.y(at[1]);
    const maxDistanceM = query.maxDistanceM ?? 50_000;
    // Widen the search box until it holds a segment no further away than its own half-width:
    // any nearer segment would then have been inside the box too.
    for (let radius = Math.min(250, maxDistanceM); ; radius = Math.min(radius * 4, maxDistanceM)) {
      const best = this.bestWithin(x, y, radius, query.accept);
      if (best && best.distanceM <= radius) return best;
      if (radius >= maxDistanceM) return null;
    }
  }

  private bestWithin(
    x: number,
    y: number,
    radius: number,
    accept?: (edge: number) => boolean,
  ): EdgeHit | null {
    const g = this.graph;
    let best: EdgeHit | null = null;
    for (const s of this.segments.search(x - radius, y - radius, x + radius, y + radius)) {
      const edge = this.segmentEdge[s]!;
      if (accept && !accept(edge)) continue;
      const i = this.segmentGeom[s]!;
      const ax = g.projection.x(g.geomLon[i]!);
      const ay = g.projection.y(g.geomLat[i]!);
      const bx = g.projection.x(g.geomLon[i + 1]!);
      const by = g.projection.y(g.geomLat[i + 1]!);
      const hit = projectOntoSegment(x, y, ax, ay, bx, by);
      if (best && hit.distanceM >= best.distanceM) continue;
      const segment = i - g.geomStart[edge]!;
      best = {
        edge,
        distanceM: hit.distanceM,
        segment,
        offsetM: offsetAlong(g, edge, segment, hit.fraction),
      };
    }
    return best;
  }
}

function indexNodes(graph: RoadGraph): Flatbush {
  const index = new Flatbush(Math.max(1, graph.nodeCount));
  for (let n = 0; n < graph.nodeCount; n++) index.add(graph.nodeX[n]!, graph.nodeY[n]!);
  if (graph.nodeCount === 0) index.add(0, 0);
  index.finish();
  return index;
}

function indexSegments(graph: RoadGraph): { index: Flatbush; edge: Int32Array; geom: Int32Array } {
  const edges: number[] = [];
  const geoms: number[] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    const twin = graph.edgeTwin[e]!;
    if (twin >= 0 && twin < e) continue;
    for (let i = graph.geomStart[e]!; i < graph.geomStart[e + 1]! - 1; i++) {
      edges.push(e);
      geoms.push(i);
    }
  }
  const index = new Flatbush(Math.max(1, geoms.length));
  const p = graph.projection;
  for (const i of geoms) {
    const ax = p.x(graph.geomLon[i]!);
    const ay = p.y(graph.geomLat[i]!);
    const bx = p.x(graph.geomLon[i + 1]!);
    const by = p.y(graph.geomLat[i + 1]!);
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  if (geoms.length === 0) index.add(0, 0);
  index.finish();
  return { index, edge: Int32Array.from(edges), geom: Int32Array.from(geoms) };
}

/**
 * Metres from the start of an edge to a point a fraction of the way along one of its
 * segments. Segment lengths are taken in the projection and scaled so that the whole edge
 * adds up to its surveyed length.
 */
export function offsetAlong(
  graph: RoadGraph,
  edge: number,
  segment: number,
  fraction: number,
): number {
  const p = graph.projection;
  const start = graph.geomStart[edge]!;
  const end = graph.geomStart[edge + 1]! - 1;
  let before = 0;
  let total = 0;
  for (let i = start; i < end; i++) {
    const len = Math.hypot(
      p.x(graph.geomLon[i + 1]!) - p.x(graph.geomLon[i]!),
      p.y(graph.geomLat[i + 1]!) - p.y(graph.geomLat[i]!),
    );
    if (i - start < segment) before += len;
    if (i - start === segment) before += len * fraction;
    total += len;
  }
  return total === 0 ? 0 : (before / total) * graph.edgeLengthM[edge]!;
}
