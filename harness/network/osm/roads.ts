import {
  distanceM,
  ROAD_CLASSES,
  type LonLat,
  type RoadClass,
  type RoadFeature,
  type RoadProperties,
} from '../../../simulator/network/index.js';
import type { ParsedWay } from './entities.js';
import type { NodePositions } from './positions.js';
import { directionOf, roadClassOf, roadProperties } from './tags.js';

/**
 * The kept roads between the passes, their node ids in one flat array so memory stays
 * in proportion to the road network, and the road features made from them once
 * positions are known.
 */

interface PendingRoad {
  properties: RoadProperties;
  firstRef: number;
  refCount: number;
  reverse: boolean;
}

export interface RoadWays {
  list: PendingRoad[];
  /** Node ids of every kept way, end to end; each road owns a slice. */
  refs: number[];
  keptByClass: Record<RoadClass, number>;
}

export function emptyRoadWays(): RoadWays {
  const keptByClass = Object.fromEntries(ROAD_CLASSES.map((c) => [c, 0]));
  return { list: [], refs: [], keptByClass: keptByClass as Record<RoadClass, number> };
}

export function keepRoad(roads: RoadWays, way: ParsedWay): void {
  const roadClass = roadClassOf(way.tags?.['highway']);
  if (roadClass === undefined) return;
  roads.keptByClass[roadClass] += 1;
  roads.list.push({
    properties: roadProperties(way, roadClass),
    firstRef: roads.refs.length,
    refCount: way.refs.length,
    reverse: directionOf(way.tags ?? {}) === 'reverse',
  });
  for (const ref of way.refs) roads.refs.push(ref);
}

export interface Tally {
  keptByClass: Record<RoadClass, number>;
  roadsWritten: number;
  waysSkipped: number;
  lengthM: number;
}

export function newTally(roads: RoadWays): Tally {
  return { keptByClass: roads.keptByClass, roadsWritten: 0, waysSkipped: 0, lengthM: 0 };
}

export function* roadFeatures(
  roads: RoadWays,
  positions: NodePositions,
  tally: Tally,
): Generator<RoadFeature> {
  for (const road of roads.list) {
    const coordinates = roadCoordinates(roads.refs, road, positions);
    if (coordinates.length < 2) {
      tally.waysSkipped += 1;
      continue;
    }
    if (road.reverse) coordinates.reverse();
    tally.roadsWritten += 1;
    tally.lengthM += lineLengthM(coordinates);
    yield {
      type: 'Feature',
      properties: road.properties,
      geometry: { type: 'LineString', coordinates },
    };
  }
}

// Limitation: a node missing from a clipped extract is dropped and its
// neighbours joined.
function roadCoordinates(
  refs: readonly number[],
  road: PendingRoad,
  positions: NodePositions,
): [number, number][] {
  const coordinates: [number, number][] = [];
  for (let i = road.firstRef; i < road.firstRef + road.refCount; i++) {
    const position = positions.take(refs[i]!);
    if (position) coordinates.push(position);
  }
  return coordinates;
}

function lineLengthM(coordinates: readonly LonLat[]): number {
  let lengthM = 0;
  for (let i = 1; i < coordinates.length; i++)
    lengthM += distanceM(coordinates[i - 1]!, coordinates[i]!);
  return lengthM;
}
