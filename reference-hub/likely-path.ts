import type { CameraWatch, RoadGraph } from '../simulator/network/index.js';

/** A junction on a vehicle's likely path and when it should get there. */
export interface PathPoint {
  node: number;
  /** Seconds after passing the camera, at free-flow speed. */
  afterS: number;
  /** The edge by which the vehicle reaches the node. */
  edge: number;
}

/** What the path rule needs to know of each edge, computed once per graph. */
export interface EdgeShape {
  /**
   * Compass direction of travel where the edge starts and where it ends, radians.
   */
  startRad: Float64Array;
  endRad: Float64Array;
  /**
   * Edges of one named road (the same ref) share a key; unnamed roads have their
   * own.
   */
  roadKey: Int32Array;
}

export function edgeShape(graph: RoadGraph): EdgeShape {
  const startRad = new Float64Array(graph.edgeCount);
  const endRad = new Float64Array(graph.edgeCount);
  const p = graph.projection;
  const angle = (i: number, j: number): number =>
    Math.atan2(
      p.x(graph.geomLon[j]!) - p.x(graph.geomLon[i]!),
      p.y(graph.geomLat[j]!) - p.y(graph.geomLat[i]!),
    );
  for (let e = 0; e < graph.edgeCount; e++) {
    const first = graph.geomStart[e]!;
    const last = graph.geomStart[e + 1]! - 1;
    startRad[e] = angle(first, first + 1);
    endRad[e] = angle(last - 1, last);
  }
  const keys = new Map<string, number>();
  const roadKey = Int32Array.from(graph.edgeRoad, (road) => {
    const info = graph.roads[road]!;
    const key = info.ref ?? `#${road}`;
    if (!keys.has(key)) keys.set(key, keys.size);
    return keys.get(key)!;
  });
  return { startRad, endRad, roadKey };
}

/**
 * Where a vehicle read at a camera is likely to go: forward from the watched edge,
 * at each junction along the same road where it can, else the straightest way on,
 * never back the way it came, until `maxM` metres, a dead end or a junction already
 * passed.
 */
export function likelyPath(
  graph: RoadGraph,
  shape: EdgeShape,
  watch: CameraWatch,
  maxM: number,
): PathPoint[] {
  let edge = watch.edge;
  const left = Math.max(0, 1 - watch.offsetM / graph.edgeLengthM[edge]!);
  let afterS = graph.edgeTimeS[edge]! * left;
  let lengthM = graph.edgeLengthM[edge]! * left;
  const seen = new Set([graph.edgeFrom[edge]!]);
  const path: PathPoint[] = [];
  while (lengthM <= maxM) {
    const node = graph.edgeTo[edge]!;
    if (seen.has(node)) break;
    seen.add(node);
    path.push({ node, afterS, edge });
    const next = nextEdge(graph, shape, edge);
    if (next < 0) break;
    afterS += graph.edgeTimeS[next]!;
    lengthM += graph.edgeLengthM[next]!;
    edge = next;
  }
  return path;
}

/** The way on from the end of `edge`, or -1 at a dead end. */
function nextEdge(graph: RoadGraph, shape: EdgeShape, edge: number): number {
  const node = graph.edgeTo[edge]!;
  const back = graph.edgeTwin[edge]!;
  const road = shape.roadKey[edge]!;
  let best = -1;
  let bestScore = Infinity;
  for (let i = graph.outStart[node]!; i < graph.outStart[node + 1]!; i++) {
    const e = graph.outEdges[i]!;
    if (e === back || graph.edgeTo[e] === graph.edgeFrom[edge]) continue;
    // Staying on the road always beats turning off it: a turn costs at most pi.
    const score =
      turnRad(shape.endRad[edge]!, shape.startRad[e]!) + (shape.roadKey[e] === road ? 0 : 4);
    if (score < bestScore) {
      best = e;
      bestScore = score;
    }
  }
  return best;
}

/** The angle turned from one direction of travel to another, 0 to pi. */
function turnRad(from: number, to: number): number {
  const d = Math.abs(from - to) % (2 * Math.PI);
  return d > Math.PI ? 2 * Math.PI - d : d;
}
