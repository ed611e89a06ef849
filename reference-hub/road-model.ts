import type { CameraSite } from '../harness/hub-api/protocol.js';
import {
  snapCameras,
  type CameraFeature,
  type CameraWatch,
  type Network,
  type RoadGraph,
} from '../simulator/network/index.js';
import { edgeShape, likelyPath, type EdgeShape, type PathPoint } from './likely-path.js';

/** A site further than this from every road is not placed (metres). */
const MAX_SNAP_DISTANCE_M = 1_000;

/** Travel-time trees kept for reuse; units mostly wait at a few bases. */
const MAX_CACHED_TREES = 256;

/** Likely paths kept for reuse, one per watched direction of a camera site. */
const MAX_CACHED_PATHS = 4096;

/**
 * What the hub knows of the roads, shared by its sessions: where camera sites watch,
 * the likely path onward from each, and how long the quickest drive from a node
 * takes. Every answer is cached, in bounded caches, since the same sites and bases
 * come up again and again.
 */
export class RoadModel {
  readonly graph: RoadGraph;
  private readonly shape: EdgeShape;
  private readonly placed = new Map<string, CameraWatch[]>();
  private readonly trees = new Map<number, Float64Array>();
  private readonly paths = new Map<string, PathPoint[]>();

  constructor(
    readonly network: Network,
    private readonly pathLengthM: number,
  ) {
    this.graph = network.graph;
    this.shape = edgeShape(network.graph);
    for (const placement of network.cameras) this.placed.set(placement.cameraId, placement.watches);
  }

  /**
   * The directions of travel a site watches: the network's own placement for a site
   * it knows, else the site snapped to the nearest road running at one of its
   * headings.
   */
  watchesOf(site: CameraSite): CameraWatch[] {
    const known = this.placed.get(site.cameraId);
    if (known) return known;
    const feature: CameraFeature = {
      type: 'Feature',
      properties: {
        id: site.cameraId,
        kind: site.kind,
        name: site.name,
        road: site.road,
        headingsDeg: [...site.headingsDeg],
      },
      geometry: { type: 'Point', coordinates: [site.position.lon, site.position.lat] },
    };
    const snapped = snapCameras(this.graph, this.network.index, [feature], {
      maxDistanceM: MAX_SNAP_DISTANCE_M,
    });
    return snapped.placements[0]?.watches ?? [];
  }

  /** The likely path of a vehicle read in one watched direction. */
  pathFrom(watch: CameraWatch): readonly PathPoint[] {
    const key = `${watch.edge}:${Math.round(watch.offsetM)}`;
    let path = this.paths.get(key);
    if (!path) {
      path = likelyPath(this.graph, this.shape, watch, this.pathLengthM);
      remember(this.paths, key, path, MAX_CACHED_PATHS);
    }
    return path;
  }

  /**
   * Free-flow seconds from a node to every node (Infinity where there is no way).
   */
  timesFrom(node: number): Float64Array {
    let times = this.trees.get(node);
    if (!times) {
      times = this.network.router.tree(node).costS;
      remember(this.trees, node, times, MAX_CACHED_TREES);
    }
    return times;
  }

  nearestNode(lon: number, lat: number): number {
    return this.network.index.nearestNode([lon, lat]);
  }

  /** How far a node is from a position, metres in the graph's projection. */
  nodeDistanceM(node: number, lon: number, lat: number): number {
    const p = this.graph.projection;
    return Math.hypot(this.graph.nodeX[node]! - p.x(lon), this.graph.nodeY[node]! - p.y(lat));
  }

  /** The name of the road an edge belongs to, for notes: its ref, else its name. */
  roadName(edge: number): string {
    const road = this.graph.roads[this.graph.edgeRoad[edge]!]!;
    return road.ref ?? road.name;
  }
}

/** Adds to a cache, forgetting its oldest entry when it is full. */
function remember<K, V>(cache: Map<K, V>, key: K, value: V, max: number): void {
  if (cache.size >= max) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
}
