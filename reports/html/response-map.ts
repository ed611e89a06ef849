import type { TopLevelSpec } from 'vega-lite';
import type { RunSeries } from '../../harness/scoring/series.js';
import type { RunSummary } from '../../harness/scoring/summary.js';
import { frame, LAT, LON, MAP_CONFIG, roadLayers, type Layer } from './map.js';
import {
  ALERT,
  ALERT_DASHES,
  DISPATCH,
  OKABE_ITO,
  OUTCOME,
  OUTCOME_DASHES,
  STOP,
} from './palette.js';

/**
 * The map of what the hub and the units did. Alerts are added up by camera site and
 * dispatches by the point they were sent to: a night of a county has tens of thousands of
 * alerts, far too many to draw one by one in a page that must stay light.
 */

/** True and false alerts added up by camera site: one ring each, sized by the count. */
export function alertsBySite(series: RunSeries) {
  const bySite = new Map<string, { lon: number; lat: number; true: number; false: number }>();
  for (const a of series.alerts) {
    const site = bySite.get(a.cameraId) ?? { lon: a.lon, lat: a.lat, true: 0, false: 0 };
    site[a.true ? 'true' : 'false']++;
    bySite.set(a.cameraId, site);
  }
  return [...bySite.values()].flatMap((s) => [
    { lon: s.lon, lat: s.lat, kind: ALERT.labels[0], alerts: s.true },
    { lon: s.lon, lat: s.lat, kind: ALERT.labels[1], alerts: s.false },
  ]);
}

/** Dispatches added up by the point they were sent to. */
export function dispatchPoints(series: RunSeries) {
  const byPoint = new Map<string, { lon: number; lat: number; dispatches: number }>();
  for (const d of series.dispatches) {
    const key = `${d.lon},${d.lat}`;
    const point = byPoint.get(key) ?? { lon: d.lon, lat: d.lat, dispatches: 0 };
    point.dispatches++;
    byPoint.set(key, point);
  }
  return [...byPoint.values()].map((p) => ({ ...p, what: 'dispatch point' }));
}

function routeLayers(series: RunSeries, summary: RunSummary): Layer[] {
  const outcomeLabel = (o: string) =>
    OUTCOME.labels[(OUTCOME.domain as readonly string[]).indexOf(o)] ?? OUTCOME.labels[2]!;
  const features = series.journeys.map((j) => ({
    type: 'Feature',
    properties: { outcome: outcomeLabel(j.outcome) },
    geometry: { type: 'MultiLineString', coordinates: j.routes },
  }));
  const targetOf = new Map(summary.journeys.map((j) => [j.journeyId, j.target]));
  const labels = series.journeys.flatMap((j) => {
    const end = j.routes[0]?.at(-1);
    return end ? [{ lon: end[0], lat: end[1], text: targetOf.get(j.journeyId) ?? j.group }] : [];
  });
  const outcome = (range: unknown[]) => ({
    field: 'properties.outcome',
    type: 'nominal' as const,
    title: 'offender journey',
    scale: { domain: OUTCOME.labels, range },
    legend: { symbolType: 'stroke', symbolStrokeWidth: 2.6 },
  });
  return [
    {
      data: { values: features },
      mark: { type: 'geoshape', filled: false, strokeWidth: 2.6, opacity: 0.9 },
      encoding: {
        color: outcome(OUTCOME.colours),
        strokeDash: outcome(OUTCOME_DASHES),
      },
    },
    {
      data: { values: labels },
      mark: { type: 'text', fontSize: 10, dy: -9, fontWeight: 'bold' },
      encoding: { longitude: LON, latitude: LAT, text: { field: 'text' } },
    },
  ];
}

/**
 * Where the hub acted: offender routes by outcome, alerts by camera site (true and false),
 * the points units were sent to, and every stop, told apart by shape as well as colour.
 */
export function responseMapSpec(series: RunSeries, summary: RunSummary): TopLevelSpec {
  return {
    ...frame(series),
    projection: { type: 'mercator' },
    config: MAP_CONFIG,
    resolve: {
      scale: { color: 'independent', shape: 'independent', strokeDash: 'independent' },
    },
    layer: [
      ...roadLayers(series),
      ...routeLayers(series, summary),
      alertLayer(series),
      dispatchLayer(series),
      stopLayer(series),
    ],
  };
}

function alertLayer(series: RunSeries): Layer {
  const kind = (range: unknown[]) => ({
    field: 'kind',
    type: 'nominal' as const,
    title: 'alerts',
    scale: { domain: ALERT.labels, range },
  });
  return {
    data: { values: alertsBySite(series) },
    mark: { type: 'point', filled: false, strokeWidth: 1.4 },
    encoding: {
      longitude: LON,
      latitude: LAT,
      color: kind(ALERT.colours),
      strokeDash: kind(ALERT_DASHES),
      size: {
        field: 'alerts',
        type: 'quantitative',
        title: 'alerts at the site',
        scale: { range: [0, 900] },
        legend: { format: ',d' },
      },
    },
  };
}

function dispatchLayer(series: RunSeries): Layer {
  const what = (value: string) => ({
    field: 'what',
    type: 'nominal' as const,
    title: null,
    scale: { domain: ['dispatch point'], range: [value] },
  });
  return {
    data: { values: dispatchPoints(series) },
    mark: { type: 'point', filled: false, size: 36, strokeWidth: 1.2 },
    encoding: {
      longitude: LON,
      latitude: LAT,
      shape: what(DISPATCH.shape),
      color: what(DISPATCH.colour),
    },
  };
}

function stopLayer(series: RunSeries): Layer {
  const stops = series.stops.map((s) => ({
    lon: s.lon,
    lat: s.lat,
    verdict: STOP.labels[STOP.domain.indexOf(s.verdict)],
  }));
  const verdict = (range: string[]) => ({
    field: 'verdict',
    type: 'nominal' as const,
    title: 'stop',
    scale: { domain: STOP.labels, range },
  });
  return {
    data: { values: stops },
    mark: { type: 'point', filled: true, size: 90, stroke: OKABE_ITO.black, strokeWidth: 0.6 },
    encoding: {
      longitude: LON,
      latitude: LAT,
      shape: verdict(STOP.shapes),
      color: verdict(STOP.colours),
    },
  };
}
