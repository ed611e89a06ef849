import type { RoadGraph } from '../network/index.js';
import type { Trip } from '../world/types.js';

/**
 * When a vehicle on a trip is at the nodes of its route. It drives its edges back to
 * back at free-flow speed, exactly as the cameras time it: the end of edge k comes
 * `sum(edgeTimeS[edges[0..k]])` seconds after departure, rounded to the millisecond.
 */

/** When the trip reaches its last node (its departure, for a trip without edges). */
export function tripEndMs(graph: RoadGraph, trip: Trip): number {
  const { edges } = trip;
  let timeS = 0;
  for (let k = 0; k < edges.length; k++) timeS += graph.edgeTimeS[edges[k]!]!;
  return Math.round(trip.departMs + timeS * 1000);
}

/** A trip's times at one node, where it ends and when. */
export interface NodePasses {
  /** Times at the node, in order: leaving it, passing it or arriving there. */
  timesMs: number[];
  /** The trip's last node, or -1 for a trip without edges. */
  lastNode: number;
  endMs: number;
}

export function passesAt(graph: RoadGraph, trip: Trip, node: number): NodePasses {
  const { edges, departMs } = trip;
  const timesMs: number[] = [];
  if (edges.length === 0) return { timesMs, lastNode: -1, endMs: departMs };

  if (graph.edgeFrom[edges[0]!] === node) timesMs.push(departMs);
  let timeS = 0;
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k]!;
    timeS += graph.edgeTimeS[e]!;
    if (graph.edgeTo[e] === node) timesMs.push(Math.round(departMs + timeS * 1000));
  }
  const lastNode = graph.edgeTo[edges[edges.length - 1]!]!;
  return { timesMs, lastNode, endMs: Math.round(departMs + timeS * 1000) };
}
