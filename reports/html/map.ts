import type { TopLevelSpec } from 'vega-lite';
import type { RunSeries } from '../../harness/scoring/series.js';
import { CAMERA } from './palette.js';
import { CHART_WIDTH } from './vega.js';

type Lonlat = [number, number];
export type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

/**
 * Roads in three tiers, drawn thinnest first: the main roads stand out and the rest
 * recede. Each tier is a constant style, so the roads take no legend and no colour.
 */
const ROAD_TIERS = [
  { classes: ['secondary', 'minor'], stroke: '#c9c9c9', strokeWidth: 0.6 },
  { classes: ['primary'], stroke: '#9c9c9c', strokeWidth: 1.1 },
  { classes: ['motorway', 'trunk'], stroke: '#6e6e6e', strokeWidth: 2.4 },
] as const;

/** Legends stand on the right, one list under another, so the map keeps the width. */
export const MAP_CONFIG = { legend: { orient: 'right' } } as const;

/**
 * The map's frame: the roads' extent on a Mercator projection, and a height that keeps
 * the county's shape at the chart width.
 */
export function frame(series: RunSeries) {
  let [west, south, east, north] = [180, 90, -180, -90];
  for (const road of series.roads) {
    for (const [lon, lat] of road.line) {
      [west, east] = [Math.min(west, lon), Math.max(east, lon)];
      [south, north] = [Math.min(south, lat), Math.max(north, lat)];
    }
  }
  if (west > east) return { width: CHART_WIDTH, height: CHART_WIDTH };
  const y = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const aspect = (y(north) - y(south)) / (((east - west) * Math.PI) / 180);
  return { width: CHART_WIDTH, height: Math.round(CHART_WIDTH * Math.min(2, aspect)) };
}

export function roadLayers(series: RunSeries): Layer[] {
  const tiers: Layer[] = ROAD_TIERS.map((tier) => {
    const classes: readonly string[] = tier.classes;
    const features = series.roads
      .filter((r) => classes.includes(r.class))
      .map((r) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates: r.line } }));
    return {
      data: { values: features },
      mark: { type: 'geoshape', filled: false, stroke: tier.stroke, strokeWidth: tier.strokeWidth },
    };
  });
  const labels: Layer = {
    data: { values: roadLabels(series) },
    mark: { type: 'text', fontSize: 9, fill: '#444', dy: -7 },
    encoding: {
      longitude: { field: 'lon', type: 'quantitative' },
      latitude: { field: 'lat', type: 'quantitative' },
      text: { field: 'ref' },
    },
  };
  return [...tiers, labels];
}

/** One label per main road, at the middle of its longest stretch, to find one's way. */
function roadLabels(series: RunSeries): { ref: string; lon: number; lat: number }[] {
  const longest = new Map<string, Lonlat[]>();
  for (const road of series.roads) {
    if (!['motorway', 'trunk'].includes(road.class) || road.ref === '') continue;
    if (road.line.length > (longest.get(road.ref)?.length ?? 0)) longest.set(road.ref, road.line);
  }
  return [...longest].map(([ref, line]) => {
    const [lon, lat] = line[Math.floor(line.length / 2)]!;
    return { ref, lon, lat };
  });
}

export const LON = { field: 'lon', type: 'quantitative' } as const;
export const LAT = { field: 'lat', type: 'quantitative' } as const;

/** Camera sites sized by the reads the hub accepted from them, shaped and coloured by kind. */
export function sitesMapSpec(series: RunSeries): TopLevelSpec {
  const sites = [...series.cameras]
    .sort((a, b) => b.reads - a.reads)
    .map((c) => ({ ...c, kind: CAMERA.labels[CAMERA.domain.indexOf(c.kind)] }));
  return {
    ...frame(series),
    projection: { type: 'mercator' },
    config: MAP_CONFIG,
    layer: [
      ...roadLayers(series),
      {
        data: { values: sites },
        mark: { type: 'point', filled: true, opacity: 0.85, stroke: 'white', strokeWidth: 0.6 },
        encoding: {
          longitude: LON,
          latitude: LAT,
          shape: kindScale(CAMERA.shapes),
          color: kindScale(CAMERA.colours),
          size: {
            field: 'reads',
            type: 'quantitative',
            title: 'reads from the site',
            scale: { range: [12, 420] },
            legend: { format: ',d' },
          },
        },
      },
    ],
  };
}

/** Shape and colour share a field and a title, so their legends merge into one. */
function kindScale(range: string[]) {
  return {
    field: 'kind',
    type: 'nominal',
    title: 'camera kind',
    scale: { domain: CAMERA.labels, range },
  } as const;
}
