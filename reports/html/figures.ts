import type { LoadedRun } from '../run-dir.js';
import { alertsPerHourSpec, funnelSpec, latencySpec, readsPerHourSpec } from './charts.js';
import { count } from './format.js';
import { markup, type Html } from './html.js';
import { sitesMapSpec } from './map.js';
import { responseMapSpec } from './response-map.js';
import { timelineSpec } from './timeline.js';
import { vegaSvg } from './vega.js';

/**
 * The report's charts and maps, each drawn to SVG and set in a figure with a heading and a
 * caption that says how to read it.
 */

/** A chart or map in a figure. */
export function chartFigure(id: string, title: string, svg: Html, caption: Html | string): Html {
  return markup`<figure id="${id}" class="chart"><h3>${title}</h3>
${svg}
<figcaption>${caption}</figcaption></figure>`;
}

/** Reads and alerts per hour, and the latency of alerts. */
export async function activityFigures({ series }: LoadedRun): Promise<Html> {
  const alerts = series.latencyBuckets.reduce((n, b) => n + b.count, 0);
  const reads = chartFigure(
    'chart-reads',
    'Reads delivered per hour, by camera kind',
    await vegaSvg(readsPerHourSpec(series), 'Stacked bars of reads per hour by camera kind'),
    'Reads the hub accepted in each hour of the run, stacked by the kind of camera that ' +
      'took them.',
  );
  const perHour = chartFigure(
    'chart-alerts',
    'Alerts per hour, true and false',
    await vegaSvg(alertsPerHourSpec(series), 'Bars of true and false alerts per hour'),
    'In each hour the left bar counts true alerts and the right bar false ones (a misread, ' +
      'a read never sent, or a mark not listed).',
  );
  const latency = chartFigure(
    'chart-latency',
    'Alert latency',
    await vegaSvg(latencySpec(series), 'Bars of alerts by latency bucket'),
    markup`How long the hub took from being handed a read to sending its alert, for
${count(alerts)} alerts, true and false. Each bar counts the alerts slower than the bucket
before it and no slower than its own bound.`,
  );
  return markup`${reads}
${perHour}
${latency}`;
}

/** The detection funnel by hotlist category. */
export async function funnelFigure({ series }: LoadedRun): Promise<Html> {
  return chartFigure(
    'chart-funnel',
    'Detection funnel, by hotlist category',
    await vegaSvg(funnelSpec(series), 'Bars of listed sightings, reads delivered and detections'),
    'For each hotlist category: sightings of listed vehicles, those with a read delivered ' +
      'to the hub, and those the hub alerted on.',
  );
}

/** Each offender journey on a time axis. */
export async function timelineFigure({ summary }: LoadedRun): Promise<Html> {
  if (summary.journeys.length === 0) {
    return markup`<p class="empty" id="chart-timeline">No offender journeys in this run.</p>`;
  }
  return chartFigure(
    'chart-timeline',
    'Interception timeline',
    await vegaSvg(timelineSpec(summary), 'Timeline of each offender journey'),
    'Each line runs from an offender journey leaving home to its getting home or being ' +
      'stopped; dashed lines were never intercepted. The shaded band is the scenario’s window.',
  );
}

/** The camera sites, and where the hub and the units acted. */
export async function mapFigures({ series, summary }: LoadedRun): Promise<Html> {
  const sites = chartFigure(
    'map-sites',
    'Camera sites and their reads',
    await vegaSvg(sitesMapSpec(series), 'Map of camera sites sized by reads'),
    'Each camera site is a symbol whose area grows with the reads the hub accepted from ' +
      'it; shape and colour give its kind. The darkest, thickest lines are motorways and ' +
      'trunk roads.',
  );
  const response = chartFigure(
    'map-response',
    'Offenders, alerts and the response',
    await vegaSvg(
      responseMapSpec(series, summary),
      'Map of offender routes, alerts by camera site, dispatch points and stops',
    ),
    'Offender routes are drawn by outcome, dashed when not intercepted, and labelled with ' +
      'their target. Rings at a camera site count its alerts: solid for true, dashed for ' +
      'false. Diagonal crosses mark the points units were sent to; stars, triangles and ' +
      'plus signs mark stops.',
  );
  return markup`${sites}
${response}`;
}
