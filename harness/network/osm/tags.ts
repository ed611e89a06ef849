import type { PlaceFeature, RoadClass, RoadProperties } from '../../../simulator/network/index.js';
import { roundDeg, type ParsedNode, type ParsedWay } from './entities.js';

/** What OSM tags mean for a road or a place, by OSM convention and GB limits. */

const CLASS_BY_HIGHWAY = new Map<string, RoadClass>([
  ['motorway', 'motorway'],
  ['trunk', 'trunk'],
  ['primary', 'primary'],
  ['secondary', 'secondary'],
  ['tertiary', 'minor'],
]);

/** A `*_link` (slip road) takes the class of the road it serves. */
export function roadClassOf(highway: string | undefined): RoadClass | undefined {
  const parent = highway?.endsWith('_link') ? highway.slice(0, -'_link'.length) : highway;
  return parent === undefined ? undefined : CLASS_BY_HIGHWAY.get(parent);
}

const NATIONAL_LIMITS_MPH = new Map([
  ['GB:national_single_carriageway', 60],
  ['GB:national_dual_carriageway', 70],
  ['GB:motorway', 70],
  ['GB:nsl_single', 60],
  ['GB:nsl_dual', 70],
]);
const KMH_PER_MPH = 1.609344;
/** The network format's ceiling for a limit (fixture.ts). */
const MAX_LIMIT_MPH = 90;

/**
 * The limit in mph that an OSM `maxspeed` value states, or undefined when it states none we
 * can use. A bare number is in km/h, by OSM convention (wiki: Key:maxspeed).
 */
export function speedLimitMphFromTag(maxspeed: string | undefined): number | undefined {
  if (maxspeed === undefined) return undefined;
  const national = NATIONAL_LIMITS_MPH.get(maxspeed.trim());
  if (national !== undefined) return national;

  const match = /^(\d+(?:\.\d+)?)\s*(mph|km\/h)?$/.exec(maxspeed.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const limitMph = match[2] === 'mph' ? value : Math.round(value / KMH_PER_MPH);
  return limitMph > 0 && limitMph <= MAX_LIMIT_MPH ? limitMph : undefined;
}

type Direction = 'both' | 'forward' | 'reverse';

/** OSM implies one-way on motorways and roundabouts unless `oneway=no` says otherwise. */
export function directionOf(tags: Readonly<Record<string, string>>): Direction {
  const oneway = tags['oneway'];
  if (oneway === '-1') return 'reverse';
  if (oneway === 'yes' || oneway === 'true' || oneway === '1') return 'forward';
  if (oneway === 'no' || oneway === 'false' || oneway === '0') return 'both';
  const implied = tags['highway'] === 'motorway' || tags['junction'] === 'roundabout';
  return implied ? 'forward' : 'both';
}

export function roadProperties(way: ParsedWay, roadClass: RoadClass): RoadProperties {
  const tags = way.tags ?? {};
  const ref = tags['ref'] ?? null;
  const properties: RoadProperties = {
    id: `osm-w${way.id}`,
    ref,
    name: tags['name'] ?? ref ?? `unnamed ${roadClass}`,
    class: roadClass,
  };
  const speedLimitMph = speedLimitMphFromTag(tags['maxspeed']);
  if (speedLimitMph !== undefined) properties.speedLimitMph = speedLimitMph;
  if (directionOf(tags) !== 'both') properties.oneway = true;
  properties.source = `OpenStreetMap way ${way.id}`;
  return properties;
}

const IMPORTED_PLACE_KINDS = ['city', 'town', 'village', 'hamlet'] as const;
type ImportedPlaceKind = (typeof IMPORTED_PLACE_KINDS)[number];

// Limitation: places mapped only as areas (ways or relations) are not imported.
export function placeFeature(node: ParsedNode): PlaceFeature | undefined {
  const kind = node.tags?.['place'];
  const name = node.tags?.['name'];
  if (!isImportedPlaceKind(kind) || !name) return undefined;
  return {
    type: 'Feature',
    properties: {
      name,
      kind,
      population: populationOf(node.tags?.['population']),
      insideForceArea: true,
      area: '',
      source: `OpenStreetMap node ${node.id}`,
    },
    geometry: { type: 'Point', coordinates: [roundDeg(node.lon), roundDeg(node.lat)] },
  };
}

function isImportedPlaceKind(kind: string | undefined): kind is ImportedPlaceKind {
  return IMPORTED_PLACE_KINDS.some((known) => known === kind);
}

/** Thousands separators ("12,345", "12 345") are common in the tag; anything else counts as 0. */
function populationOf(tag: string | undefined): number {
  const digits = tag?.replace(/[,\s]/g, '') ?? '';
  const population = /^\d+$/.test(digits) ? Number(digits) : 0;
  return Number.isSafeInteger(population) ? population : 0;
}
