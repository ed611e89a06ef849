import type { RoadGraph } from '../network/index.js';

/** A unit's drive along a route, with the time it reaches the end of each edge. */
export interface Drive {
  fromNode: number;
  toNode: number;
  edges: readonly number[];
  startMs: number;
  /** reachMs[k]: when the unit reaches the end of edges[k]. */
  reachMs: Float64Array;
  endMs: number;
}

/**
 * Times a drive over `edges`, each edge taking its free-flow time divided by
 * `speedFactor`. Times are whole milliseconds, rounded the way vehicles' passes are.
 */
export function planDrive(
  graph: RoadGraph,
  fromNode: number,
  edges: readonly number[],
  startMs: number,
  speedFactor: number,
): Drive {
  const reachMs = new Float64Array(edges.length);
  let timeS = 0;
  edges.forEach((e, k) => {
    timeS += graph.edgeTimeS[e]!;
    reachMs[k] = Math.round(startMs + (timeS * 1000) / speedFactor);
  });
  const last = edges[edges.length - 1];
  return {
    fromNode,
    toNode: last === undefined ? fromNode : graph.edgeTo[last]!,
    edges,
    startMs,
    reachMs,
    endMs: edges.length === 0 ? startMs : reachMs[edges.length - 1]!,
  };
}

/** The node reached most recently at `atMs`; the start until the first edge is done. */
export function nodeReached(graph: RoadGraph, drive: Drive, atMs: number): number {
  let lo = 0;
  let hi = drive.reachMs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (drive.reachMs[mid]! <= atMs) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? drive.fromNode : graph.edgeTo[drive.edges[lo - 1]!]!;
}
