import turfBearing from '@turf/bearing';
import turfDistance from '@turf/distance';

/** A position as GeoJSON has it: longitude first, then latitude, in WGS84 degrees. */
export type LonLat = readonly [lon: number, lat: number];

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres. */
export function distanceM(a: LonLat, b: LonLat): number {
  return turfDistance(a as [number, number], b as [number, number], { units: 'meters' });
}

/** Initial compass bearing from a to b, 0 to 360 degrees. */
export function bearingDeg(a: LonLat, b: LonLat): number {
  return (turfBearing(a as [number, number], b as [number, number]) + 360) % 360;
}

/** Smallest angle between two compass headings, 0 to 180 degrees. */
export function headingDifferenceDeg(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

/**
 * A local equirectangular projection to metres, centred on a region. Over a county the
 * scale error stays within a few per cent, which is enough for nearest-feature lookups and
 * for a routing heuristic that is scaled down to stay a lower bound.
 */
export class LocalProjection {
  readonly lon0: number;
  readonly lat0: number;
  readonly metresPerDegLon: number;
  readonly metresPerDegLat: number;

  constructor(lon0: number, lat0: number) {
    this.lon0 = lon0;
    this.lat0 = lat0;
    this.metresPerDegLat = EARTH_RADIUS_M * RAD;
    this.metresPerDegLon = this.metresPerDegLat * Math.cos(lat0 * RAD);
  }

  x(lon: number): number {
    return (lon - this.lon0) * this.metresPerDegLon;
  }

  y(lat: number): number {
    return (lat - this.lat0) * this.metresPerDegLat;
  }

  lon(x: number): number {
    return this.lon0 + x / this.metresPerDegLon;
  }

  lat(y: number): number {
    return this.lat0 + y / this.metresPerDegLat;
  }
}

export interface SegmentProjection {
  /** Distance from the point to the segment, in projected metres. */
  distanceM: number;
  /** Where along the segment the nearest point lies, 0 at its start and 1 at its end. */
  fraction: number;
}

/** Projects point p onto segment a-b, all in planar metres. */
export function projectOntoSegment(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): SegmentProjection {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  const t =
    lengthSq === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / lengthSq));
  return { distanceM: Math.hypot(px - (ax + t * dx), py - (ay + t * dy)), fraction: t };
}

/** Ray-casting point-in-polygon test for one ring of [lon, lat] positions. */
export function insideRing(point: LonLat, ring: readonly LonLat[]): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
