import type { Problem } from '../problems.js';
import { ROAD_CLASSES, type RoadClass, type RoadCollection, type RoadFeature } from './fixture.js';
import { distanceM, LocalProjection, type LonLat } from './geo.js';
import { freeFlowSpeedMps } from './speeds.js';

export interface RoadInfo {
  id: string;
  ref: string | null;
  name: string;
  class: RoadClass;
  speedLimitMph: number | undefined;
  oneway: boolean;
  approximate: boolean;
}

/**
 * A directed road graph in flat typed arrays. Nodes are junctions and dead ends; an edge
 * runs between two nodes along one road and carries its own geometry in its direction of
 * travel. A two-way road gives two edges, each other's `edgeTwin`.
 */
export interface RoadGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly nodeLon: Float64Array;
  readonly nodeLat: Float64Array;
  /** Node positions in the graph's local projection, metres. */
  readonly nodeX: Float64Array;
  readonly nodeY: Float64Array;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeLengthM: Float64Array;
  readonly edgeSpeedMps: Float64Array;
  readonly edgeTimeS: Float64Array;
  /** Index into `roads`. */
  readonly edgeRoad: Int32Array;
  /** The opposite edge of a two-way road, or -1. */
  readonly edgeTwin: Int32Array;
  /** Edge e's geometry is positions geomStart[e] to geomStart[e + 1] - 1 of geomLon/geomLat. */
  readonly geomStart: Int32Array;
  readonly geomLon: Float64Array;
  readonly geomLat: Float64Array;
  /** Edges leaving node n are outEdges[outStart[n]] to outEdges[outStart[n + 1] - 1]. */
  readonly outStart: Int32Array;
  readonly outEdges: Int32Array;
  readonly roads: readonly RoadInfo[];
  readonly projection: LocalProjection;
  readonly maxSpeedMps: number;
}

export interface GraphBuild {
  graph: RoadGraph;
  problems: Problem[];
}

export interface GraphOptions {
  /**
   * Positions that become nodes wherever a line passes through them, such as places and
   * gateways, so that a route can start or end exactly there.
   */
  nodesAt?: readonly LonLat[];
}

interface Segment {
  road: number;
  coords: LonLat[];
  lengthM: number;
}

/**
 * Builds the graph from road LineStrings. Lines are split where they share a vertex with
 * another line (or themselves), which is how roads meet; a crossing without a shared
 * vertex is a bridge. Problems are returned as data and the bad features left out.
 */
export function buildGraph(collection: RoadCollection, options: GraphOptions = {}): GraphBuild {
  const problems: Problem[] = [];
  const roads: RoadInfo[] = [];
  const lines: LonLat[][] = [];
  collection.features.forEach((feature, index) => {
    const line = acceptRoad(feature, `features[${index}]`, problems);
    if (!line) return;
    roads.push(roadInfo(feature));
    lines.push(line);
  });

  const nodeIds = assignNodes(lines, new Set((options.nodesAt ?? []).map(positionKey)));
  const segments = splitAtNodes(lines, nodeIds);
  return { graph: assemble(roads, nodeIds, segments), problems };
}

function acceptRoad(feature: RoadFeature, path: string, problems: Problem[]): LonLat[] | null {
  const cls = feature.properties.class;
  if (!(ROAD_CLASSES as readonly string[]).includes(cls)) {
    problems.push({
      code: 'unknown-class',
      path: `${path}.properties.class`,
      message: `road ${feature.properties.id} has unknown class "${cls}" (expected one of ${ROAD_CLASSES.join(', ')}); left out`,
      severity: 'warning',
    });
    return null;
  }
  const line = dropRepeats(feature.geometry.coordinates);
  if (line.length < 2) {
    problems.push({
      code: 'degenerate-line',
      path: `${path}.geometry.coordinates`,
      message: `road ${feature.properties.id} has fewer than two distinct positions; left out`,
      severity: 'warning',
    });
    return null;
  }
  return line;
}

function dropRepeats(coordinates: readonly (readonly [number, number])[]): LonLat[] {
  const out: LonLat[] = [];
  for (const c of coordinates) {
    const last = out[out.length - 1];
    if (!last || last[0] !== c[0] || last[1] !== c[1]) out.push([c[0], c[1]]);
  }
  return out;
}

function roadInfo(feature: RoadFeature): RoadInfo {
  const p = feature.properties;
  return {
    id: p.id,
    ref: p.ref,
    name: p.name,
    class: p.class as RoadClass,
    speedLimitMph: p.speedLimitMph,
    oneway: p.oneway ?? false,
    approximate: p.approximate ?? false,
  };
}

function positionKey(c: LonLat): string {
  return `${c[0]},${c[1]}`;
}

/**
 * A position becomes a node when a line ends there, when it is used more than once, or
 * when it is asked for.
 */
function assignNodes(lines: readonly LonLat[][], wanted: ReadonlySet<string>): Map<string, number> {
  const uses = new Map<string, number>();
  for (const line of lines) {
    for (const c of line) {
      const key = positionKey(c);
      uses.set(key, (uses.get(key) ?? 0) + 1);
    }
  }
  const nodeIds = new Map<string, number>();
  const claim = (c: LonLat): void => {
    const key = positionKey(c);
    if (!nodeIds.has(key)) nodeIds.set(key, nodeIds.size);
  };
  for (const line of lines) {
    line.forEach((c, i) => {
      const key = positionKey(c);
      if (i === 0 || i === line.length - 1 || uses.get(key)! > 1 || wanted.has(key)) claim(c);
    });
  }
  return nodeIds;
}

function splitAtNodes(lines: readonly LonLat[][], nodeIds: Map<string, number>): Segment[] {
  const segments: Segment[] = [];
  lines.forEach((line, road) => {
    let current: LonLat[] = [line[0]!];
    let lengthM = 0;
    for (let i = 1; i < line.length; i++) {
      const c = line[i]!;
      lengthM += distanceM(current[current.length - 1]!, c);
      current.push(c);
      if (!nodeIds.has(positionKey(c))) continue;
      if (lengthM > 0) segments.push({ road, coords: current, lengthM });
      current = [c];
      lengthM = 0;
    }
  });
  return segments;
}

function assemble(roads: RoadInfo[], nodeIds: Map<string, number>, segments: Segment[]): RoadGraph {
  const nodeCount = nodeIds.size;
  const nodeLon = new Float64Array(nodeCount);
  const nodeLat = new Float64Array(nodeCount);
  for (const [key, id] of nodeIds) {
    const comma = key.indexOf(',');
    nodeLon[id] = Number(key.slice(0, comma));
    nodeLat[id] = Number(key.slice(comma + 1));
  }
  const projection = centredProjection(nodeLon, nodeLat);

  const edgeCount = segments.reduce((n, s) => n + (roads[s.road]!.oneway ? 1 : 2), 0);
  const geomCount = segments.reduce(
    (n, s) => n + s.coords.length * (roads[s.road]!.oneway ? 1 : 2),
    0,
  );
  const edges = new EdgeWriter(edgeCount, geomCount);
  for (const s of segments) {
    const info = roads[s.road]!;
    const speedMps = freeFlowSpeedMps(info.class, info.speedLimitMph);
    const forward = edges.add(s, speedMps, s.coords, nodeIds);
    if (info.oneway) continue;
    const backward = edges.add(s, speedMps, [...s.coords].reverse(), nodeIds);
    edges.twin(forward, backward);
  }

  const { outStart, outEdges } = adjacency(nodeCount, edges.from);
  return {
    nodeCount,
    edgeCount,
    nodeLon,
    nodeLat,
    nodeX: nodeLon.map((lon) => projection.x(lon)),
    nodeY: nodeLat.map((lat) => projection.y(lat)),
    edgeFrom: edges.from,
    edgeTo: edges.to,
    edgeLengthM: edges.lengthM,
    edgeSpeedMps: edges.speedMps,
    edgeTimeS: edges.timeS,
    edgeRoad: edges.road,
    edgeTwin: edges.twinOf,
    geomStart: edges.geomStart,
    geomLon: edges.geomLon,
    geomLat: edges.geomLat,
    outStart,
    outEdges,
    roads,
    projection,
    maxSpeedMps: edges.speedMps.reduce((a, b) => Math.max(a, b), 0),
  };
}

function centredProjection(lon: Float64Array, lat: Float64Array): LocalProjection {
  if (lon.length === 0) return new LocalProjection(0, 0);
  const mid = (values: Float64Array): number =>
    (values.reduce((a, b) => Math.min(a, b)) + values.reduce((a, b) => Math.max(a, b))) / 2;
  return new LocalProjection(mid(lon), mid(lat));
}

class EdgeWriter {
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly lengthM: Float64Array;
  readonly speedMps: Float64Array;
  readonly timeS: Float64Array;
  readonly road: Int32Array;
  readonly twinOf: Int32Array;
  readonly geomStart: Int32Array;
  readonly geomLon: Float64Array;
  readonly geomLat: Float64Array;
  private count = 0;
  private geomCount = 0;

  constructor(edgeCount: number, geomCount: number) {
    this.from = new Int32Array(edgeCount);
    this.to = new Int32Array(edgeCount);
    this.lengthM = new Float64Array(edgeCount);
    this.speedMps = new Float64Array(edgeCount);
    this.timeS = new Float64Array(edgeCount);
    this.road = new Int32Array(edgeCount);
    this.twinOf = new Int32Array(edgeCount).fill(-1);
    this.geomStart = new Int32Array(edgeCount + 1);
    this.geomLon = new Float64Array(geomCount);
    this.geomLat = new Float64Array(geomCount);
  }

  add(segment: Segment, speedMps: number, coords: LonLat[], nodeIds: Map<string, number>): number {
    const e = this.count++;
    this.from[e] = nodeIds.get(positionKey(coords[0]!))!;
    this.to[e] = nodeIds.get(positionKey(coords[coords.length - 1]!))!;
    this.lengthM[e] = segment.lengthM;
    this.speedMps[e] = speedMps;
    this.timeS[e] = segment.lengthM / speedMps;
    this.road[e] = segment.road;
    this.geomStart[e] = this.geomCount;
    for (const [lon, lat] of coords) {
      this.geomLon[this.geomCount] = lon;
      this.geomLat[this.geomCount++] = lat;
    }
    this.geomStart[e + 1] = this.geomCount;
    return e;
  }

  twin(a: number, b: number): void {
    this.twinOf[a] = b;
    this.twinOf[b] = a;
  }
}

function adjacency(
  nodeCount: number,
  from: Int32Array,
): { outStart: Int32Array; outEdges: Int32Array } {
  const outStart = new Int32Array(nodeCount + 1);
  for (const n of from) outStart[n + 1]!++;
  for (let n = 0; n < nodeCount; n++) outStart[n + 1]! += outStart[n]!;
  const fill = outStart.slice(0, nodeCount);
  const outEdges = new Int32Array(from.length);
  from.forEach((n, e) => {
    outEdges[fill[n]!++] = e;
  });
  return { outStart, outEdges };
}

/** The positions of an edge's geometry, in its direction of travel. */
export function edgeCoordinates(graph: RoadGraph, edge: number): LonLat[] {
  const out: LonLat[] = [];
  for (let i = graph.geomStart[edge]!; i < graph.geomStart[edge + 1]!; i++) {
    out.push([graph.geomLon[i]!, graph.geomLat[i]!]);
  }
  return out;
}

/** Weakly connected components: each node's component, numbered largest first. */
export function components(graph: RoadGraph): { count: number; of: Int32Array; sizes: number[] } {
  const parent = Int32Array.from({ length: graph.nodeCount }, (_, i) => i);
  const find = (n: number): number => {
    while (parent[n] !== n) {
      parent[n] = parent[parent[n]!]!;
      n = parent[n]!;
    }
    return n;
  };
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = find(graph.edgeFrom[e]!);
    const b = find(graph.edgeTo[e]!);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const sizeByRoot = new Map<number, number>();
  for (let n = 0; n < graph.nodeCount; n++) {
    const root = find(n);
    sizeByRoot.set(root, (sizeByRoot.get(root) ?? 0) + 1);
  }
  const roots = [...sizeByRoot.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const number = new Map(roots.map(([root], i) => [root, i]));
  const of = Int32Array.from({ length: graph.nodeCount }, (_, n) => number.get(find(n))!);
  return { count: roots.length, of, sizes: roots.map(([, size]) => size) };
}
