import type { RoadCollection, RoadFeature } from './fixture.js';

/** Builders for small road collections in tests. */

export function road(
  id: string,
  coords: [number, number][],
  extra: Partial<RoadFeature['properties']> = {},
): RoadFeature {
  return {
    type: 'Feature',
    properties: { id, ref: id, name: id, class: 'primary', ...extra },
    geometry: { type: 'LineString', coordinates: coords },
  };
}

export function roads(...features: RoadFeature[]): RoadCollection {
  return { type: 'FeatureCollection', features };
}
