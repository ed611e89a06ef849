import { CAMERA_KINDS, ROAD_CLASSES, type CameraKind, type RoadClass } from './fixture.js';
import type { Network } from './network.js';

export interface NetworkStats {
  nodes: number;
  edges: number;
  /** Road length by class, each carriageway counted once, kilometres. */
  kmByClass: Record<RoadClass, number>;
  totalKm: number;
  roads: { total: number; byClass: Record<RoadClass, number>; approximate: number };
  places: { total: number; insideForceArea: number };
  gateways: { total: number; border: number; edge: number; leadsTo: Record<string, number> };
  bases: { total: number; units: number; roadCrimeUnits: number; responseUnits: number };
  cameras: { total: number; placed: number; byKind: Record<CameraKind, number> };
  components: number;
  problems: number;
}

export function networkStats(network: Network): NetworkStats {
  const { graph, fixture } = network;
  const kmByClass = zeroes(ROAD_CLASSES);
  for (let e = 0; e < graph.edgeCount; e++) {
    const twin = graph.edgeTwin[e]!;
    if (twin >= 0 && twin < e) continue;
    kmByClass[graph.roads[graph.edgeRoad[e]!]!.class] += graph.edgeLengthM[e]! / 1000;
  }
  const roadsByClass = zeroes(ROAD_CLASSES);
  for (const road of graph.roads) roadsByClass[road.class]++;

  const gateways = fixture.gateways.features.map((f) => f.properties);
  const units = fixture.bases.features.flatMap((f) => f.properties.units);
  const camerasByKind = zeroes(CAMERA_KINDS);
  for (const f of fixture.cameras.features) camerasByKind[f.properties.kind]++;

  return {
    nodes: graph.nodeCount,
    edges: graph.edgeCount,
    kmByClass: mapValues(kmByClass, round1),
    totalKm: round1(Object.values(kmByClass).reduce((a, b) => a + b, 0)),
    roads: {
      total: graph.roads.length,
      byClass: roadsByClass,
      approximate: graph.roads.filter((r) => r.approximate).length,
    },
    places: {
      total: fixture.places.features.length,
      insideForceArea: fixture.places.features.filter((f) => f.properties.insideForceArea).length,
    },
    gateways: {
      total: gateways.length,
      border: gateways.filter((g) => g.kind === 'border').length,
      edge: gateways.filter((g) => g.kind === 'edge').length,
      leadsTo: countBy(gateways.map((g) => g.leadsTo)),
    },
    bases: {
      total: fixture.bases.features.length,
      units: units.length,
      roadCrimeUnits: units.filter((u) => u.kind === 'road-crime').length,
      responseUnits: units.filter((u) => u.kind === 'response').length,
    },
    cameras: {
      total: fixture.cameras.features.length,
      placed: network.cameras.length,
      byKind: camerasByKind,
    },
    components: network.componentCount,
    problems: network.problems.length,
  };
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function mapValues<K extends string>(
  record: Record<K, number>,
  f: (v: number) => number,
): Record<K, number> {
  return Object.fromEntries(Object.entries<number>(record).map(([k, v]) => [k, f(v)])) as Record<
    K,
    number
  >;
}

function countBy(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of [...values].sort()) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
