import type { Problem } from '../problems.js';
import type { CameraFeature, CameraKind } from './fixture.js';
import { bearingDeg, headingDifferenceDeg } from './geo.js';
import type { RoadGraph } from './graph.js';
import type { SpatialIndex } from './spatial.js';

/** One direction of travel a camera reads: an edge and the point along it. */
export interface CameraWatch {
  edge: number;
  offsetM: number;
  /** Compass heading of the traffic read there, in whole degrees. */
  headingDeg: number;
}

export interface CameraPlacement {
  cameraId: string;
  kind: CameraKind;
  /** Index of the camera in the collection it came from. */
  index: number;
  /** One entry per direction of travel read; two for a camera reading both ways. */
  watches: CameraWatch[];
  /** How far the camera stood from the road it was snapped to, metres. */
  snapDistanceM: number;
}

export interface SnapOptions {
  /** A camera further than this from its road is reported and left unplaced. */
  maxDistanceM?: number;
  /** A direction is read when its bearing is within this many degrees of a camera heading. */
  headingToleranceDeg?: number;
}

export const DEFAULT_MAX_SNAP_DISTANCE_M = 300;

/**
 * Places camera sites on the graph. A camera is snapped to the nearest edge of the road it
 * names, or to the nearest edge of any road when its own is not within reach (reported as
 * a warning, since the site then watches a different road from the one it claims).
 */
export function snapCameras(
  graph: RoadGraph,
  index: SpatialIndex,
  cameras: readonly CameraFeature[],
  options: SnapOptions = {},
): { placements: CameraPlacement[]; problems: Problem[] } {
  const maxDistanceM = options.maxDistanceM ?? DEFAULT_MAX_SNAP_DISTANCE_M;
  const toleranceDeg = options.headingToleranceDeg ?? 60;
  const roadIndex = new Map(graph.roads.map((r, i) => [r.id, i]));
  const placements: CameraPlacement[] = [];
  const problems: Problem[] = [];

  cameras.forEach((camera, i) => {
    const path = `features[${i}]`;
    const props = camera.properties;
    const own = roadIndex.get(props.road);
    const onOwnRoad =
      own === undefined
        ? null
        : index.nearestEdge(camera.geometry.coordinates, {
            maxDistanceM,
            accept: (e) => graph.edgeRoad[e] === own,
          });
    const hit = onOwnRoad ?? index.nearestEdge(camera.geometry.coordinates, { maxDistanceM });
    if (!hit) {
      problems.push(
        problem(
          'camera-off-network',
          path,
          `camera ${props.id} is more than ${maxDistanceM} m from any road; left unplaced`,
          'warning',
        ),
      );
      return;
    }
    if (!onOwnRoad) {
      const actual = graph.roads[graph.edgeRoad[hit.edge]!]!.id;
      problems.push(
        problem(
          'camera-road-mismatch',
          `${path}.properties.road`,
          `camera ${props.id} names road "${props.road}" but the nearest road within ${maxDistanceM} m is ${actual}`,
          'warning',
        ),
      );
    }
    const watches = directionsRead(
      graph,
      hit.edge,
      hit.offsetM,
      hit.segment,
      props.headingsDeg,
      toleranceDeg,
    );
    if (watches.length === 0) {
      problems.push(
        problem(
          'camera-heading-mismatch',
          `${path}.properties.headingsDeg`,
          `camera ${props.id} reads headings ${props.headingsDeg.join(', ')} but its road runs at neither within ${toleranceDeg}°; left unplaced`,
          'warning',
        ),
      );
      return;
    }
    placements.push({
      cameraId: props.id,
      kind: props.kind,
      index: i,
      watches,
      snapDistanceM: hit.distanceM,
    });
  });
  return { placements, problems };
}

function directionsRead(
  graph: RoadGraph,
  edge: number,
  offsetM: number,
  segment: number,
  headingsDeg: readonly number[],
  toleranceDeg: number,
): CameraWatch[] {
  const i = graph.geomStart[edge]! + segment;
  const a = [graph.geomLon[i]!, graph.geomLat[i]!] as const;
  const b = [graph.geomLon[i + 1]!, graph.geomLat[i + 1]!] as const;
  const forwardDeg = bearingDeg(a, b);
  const reads = (bearing: number): boolean =>
    headingsDeg.some((h) => headingDifferenceDeg(h, bearing) <= toleranceDeg);

  const watches: CameraWatch[] = [];
  if (reads(forwardDeg)) watches.push({ edge, offsetM, headingDeg: Math.round(forwardDeg) % 360 });
  const twin = graph.edgeTwin[edge]!;
  if (twin >= 0 && reads((forwardDeg + 180) % 360)) {
    watches.push({
      edge: twin,
      offsetM: graph.edgeLengthM[edge]! - offsetM,
      headingDeg: Math.round(forwardDeg + 180) % 360,
    });
  }
  return watches;
}

function problem(
  code: string,
  path: string,
  message: string,
  severity: Problem['severity'],
): Problem {
  return { code, path, message, severity };
}
