import type { Network } from '../network/index.js';
import { MAX_POINT_TO_ROAD_M } from './options.js';

const MAX_KM = MAX_POINT_TO_ROAD_M / 1000;

export type Destination = { ok: true; node: number } | { ok: false; message: string };

/**
 * The node a unit sent to a point waits at: the junction nearest the point. A point
 * further than 2 km from every road is refused, since the hub has then named no
 * road.
 *
 * Limitation: the nearest junction may lie on another road than the one nearest the
 * point, and on a long rural road it may be kilometres from the point.
 */
export function snapDestination(network: Network, to: { lon: number; lat: number }): Destination {
  const { lon, lat } = to;
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) {
    return { ok: false, message: `(${lon}, ${lat}) is not a position in degrees` };
  }
  const at = [lon, lat] as const;
  const road = network.index.nearestEdge(at, { maxDistanceM: MAX_POINT_TO_ROAD_M });
  if (!road) {
    return {
      ok: false,
      message: `(${lon}, ${lat}) is more than ${MAX_KM} km from any road`,
    };
  }
  return { ok: true, node: network.index.nearestNode(at) };
}
