import type { RoadClass } from './fixture.js';

const MPS_PER_MPH = 0.44704;

/** The national speed limit for each class where a road names none. */
const DEFAULT_LIMIT_MPH: Record<RoadClass, number> = {
  motorway: 70,
  trunk: 70,
  primary: 60,
  secondary: 60,
  minor: 60,
};

/**
 * Share of the limit that free-flowing traffic averages over a whole link. Lower classes
 * lose more to bends, junctions and villages; these are our own estimates, set so that the
 * modelled York to Scarborough time (about 65 minutes over 67 km) matches common experience.
 */
const FREE_FLOW_SHARE: Record<RoadClass, number> = {
  motorway: 0.95,
  trunk: 0.85,
  primary: 0.78,
  secondary: 0.7,
  minor: 0.6,
};

export function freeFlowSpeedMps(roadClass: RoadClass, limitMph?: number): number {
  return (limitMph ?? DEFAULT_LIMIT_MPH[roadClass]) * MPS_PER_MPH * FREE_FLOW_SHARE[roadClass];
}

export function mphToMps(mph: number): number {
  return mph * MPS_PER_MPH;
}
