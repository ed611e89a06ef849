import type { TopLevelSpec } from 'vega-lite';
import type { RunSeries } from '../../harness/scoring/series.js';
import { CAMERA_KINDS } from '../../simulator/network/fixture.js';
import { hourLabel } from './format.js';
import { ALERT, CAMERA, FUNNEL, OKABE_ITO } from './palette.js';
import { CHART_WIDTH } from './vega.js';

/**
 * The run's charts as Vega-Lite specifications, each made from the series the run wrote.
 * Labels that tell categories apart are in the data, so legends read as words.
 */

const COUNT_FORMAT = ',d';

/** Hours as axis labels, kept in the run's order. */
function hourAxis(series: RunSeries) {
  const hours = series.hours.map(hourLabel);
  return {
    field: 'hour',
    type: 'ordinal',
    title: 'hour starting (UTC)',
    sort: hours,
    axis: { labelAngle: 0 },
  } as const;
}

/** Reads delivered to the hub in each hour, stacked by the kind of camera that took them. */
export function readsPerHourSpec(series: RunSeries): TopLevelSpec {
  const values = series.hours.flatMap((iso, h) =>
    CAMERA_KINDS.map((kind, k) => ({
      hour: hourLabel(iso),
      kind: CAMERA.labels[k],
      order: k,
      reads: series.readsPerHour[kind][h] ?? 0,
    })),
  );
  return {
    width: CHART_WIDTH,
    height: 260,
    data: { values },
    mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: hourAxis(series),
      y: { field: 'reads', type: 'quantitative', title: 'reads delivered', stack: 'zero' },
      color: {
        field: 'kind',
        type: 'nominal',
        title: 'camera kind',
        scale: { domain: CAMERA.labels, range: CAMERA.colours },
      },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}

/** True and false alerts in each hour, side by side. */
export function alertsPerHourSpec(series: RunSeries): TopLevelSpec {
  const values = series.hours.flatMap((iso, h) => [
    { hour: hourLabel(iso), kind: ALERT.labels[0], alerts: series.alertsPerHour.true[h] ?? 0 },
    { hour: hourLabel(iso), kind: ALERT.labels[1], alerts: series.alertsPerHour.false[h] ?? 0 },
  ]);
  return {
    width: CHART_WIDTH,
    height: 220,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: hourAxis(series),
      xOffset: { field: 'kind', type: 'nominal', sort: ALERT.labels },
      y: { field: 'alerts', type: 'quantitative', title: 'alerts received' },
      color: {
        field: 'kind',
        type: 'nominal',
        title: null,
        scale: { domain: ALERT.labels, range: ALERT.colours },
      },
    },
  };
}

/** `1 ms`, `2 s`, `> 60 s`: each bucket by its upper bound, the last by its lower one. */
export function bucketLabel(upToMs: number, previousMs: number | undefined): string {
  return upToMs < 0 ? `> ${bound(previousMs ?? 0)}` : bound(upToMs);
}

function bound(valueMs: number): string {
  return valueMs < 1000 ? `${valueMs} ms` : `${valueMs / 1000} s`;
}

/** How many alerts fell in each latency bucket; the bounds grow roughly tenfold per three. */
export function latencySpec(series: RunSeries): TopLevelSpec {
  const buckets = series.latencyBuckets;
  const values = buckets.map((b, i) => ({
    bucket: bucketLabel(b.upToMs, buckets[i - 1]?.upToMs),
    alerts: b.count,
  }));
  const x = {
    field: 'bucket',
    type: 'ordinal',
    sort: values.map((v) => v.bucket),
    title: 'latency up to (buckets spaced on a log scale)',
    axis: { labelAngle: 0, labelFontSize: 10 },
  } as const;
  const y = { field: 'alerts', type: 'quantitative', title: 'alerts' } as const;
  return {
    width: CHART_WIDTH,
    height: 220,
    data: { values },
    layer: [
      { mark: { type: 'bar', color: OKABE_ITO.blue }, encoding: { x, y } },
      {
        mark: { type: 'text', dy: -6, fontSize: 10 },
        encoding: { x, y, text: { field: 'alerts', type: 'quantitative', format: COUNT_FORMAT } },
      },
    ],
  };
}

/** Listed sightings, those with a read delivered, and those detected, by hotlist category. */
export function funnelSpec(series: RunSeries): TopLevelSpec {
  const categories = Object.entries(series.funnel).sort((a, b) => b[1].sightings - a[1].sightings);
  const values = categories.flatMap(([category, f]) =>
    FUNNEL.domain.map((stage, i) => ({ category, stage: FUNNEL.labels[i], count: f[stage] })),
  );
  const y = {
    field: 'category',
    type: 'nominal',
    title: 'hotlist category',
    sort: categories.map(([c]) => c),
  } as const;
  const yOffset = { field: 'stage', type: 'nominal', sort: FUNNEL.labels } as const;
  const x = { field: 'count', type: 'quantitative', title: 'listed sightings' } as const;
  return {
    width: CHART_WIDTH - 140,
    height: { step: 14 },
    data: { values },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x,
          y,
          yOffset,
          color: {
            field: 'stage',
            type: 'nominal',
            title: null,
            scale: { domain: FUNNEL.labels, range: FUNNEL.colours },
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 3, fontSize: 9 },
        encoding: {
          x,
          y,
          yOffset,
          text: { field: 'count', type: 'quantitative', format: COUNT_FORMAT },
        },
      },
    ],
  };
}
