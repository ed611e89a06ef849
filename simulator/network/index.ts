export * from './fixture.js';
export {
  bearingDeg,
  distanceM,
  headingDifferenceDeg,
  insideRing,
  LocalProjection,
  projectOntoSegment,
  type LonLat,
} from './geo.js';
export {
  buildGraph,
  components,
  edgeCoordinates,
  type GraphBuild,
  type GraphOptions,
  type RoadGraph,
  type RoadInfo,
} from './graph.js';
export {
  anchorPositions,
  cameraAvoidanceCosts,
  createNetwork,
  findPlace,
  type Anchor,
  type AvoidanceOptions,
  type Network,
  type NetworkOptions,
} from './network.js';
export {
  measure,
  pathInTree,
  roadLegs,
  Router,
  type RoadLeg,
  type Route,
  type RouteOptions,
  type ShortestPathTree,
} from './route.js';
export { snapCameras, type CameraPlacement, type CameraWatch, type SnapOptions } from './snap.js';
export { SpatialIndex, type EdgeHit, type EdgeQuery } from './spatial.js';
export { freeFlowSpeedMps, mphToMps } from './speeds.js';
export { networkStats, type NetworkStats } from './stats.js';
