import type { LoadResult, SaturationResult } from '../../harness/load/result.js';
import { chartFigure } from '../html/figures.js';
import { markup, metric, type Html } from '../html/html.js';
import { vegaSvg } from '../html/vega.js';
import {
  distributionSpec,
  hasLatency,
  latencyTimeSpec,
  rateSpec,
  saturationLatencySpec,
  saturationRateSpec,
} from './charts.js';
import { spanSeconds } from './seconds.js';
import { latencyTable, ratesTable, stepsTable } from './tables.js';

/** The load report's charts, each in a figure with a caption that says how to read it. */

function nothingSent(id: string): Html {
  return markup`<p class="empty" id="${id}">Nothing was sent, so there is nothing to draw.</p>`;
}

function spanNote(r: LoadResult): string {
  const width = spanSeconds(r.series.length);
  if (width === 1) return '';
  return (
    ` Each point stands for ${width} seconds: rates are their average, and latencies the ` +
    'worst second’s p99 and the median second’s p50.'
  );
}

/** Reads a second offered, sent and answered through the test. */
export async function rateFigure(r: LoadResult): Promise<Html> {
  if (r.series.length === 0) return nothingSent('chart-rate');
  const steps = r.saturation ? ' Dotted vertical lines mark where each step began.' : '';
  const chart = chartFigure(
    'chart-rate',
    'Reads a second, offered, sent and answered',
    await vegaSvg(rateSpec(r), 'Lines of reads a second offered, sent and answered'),
    'Offered is what the schedule asked for in each second; sent, what went; answered, ' +
      'what the hub accepted or refused in that second. Where sent falls below offered ' +
      'the requests queued; where answered falls below sent the hub fell behind.' +
      steps +
      spanNote(r),
  );
  return markup`${chart}
${ratesTable(r)}`;
}

/** Latency each second, and the whole test's latency by percentile. */
export async function latencyFigures(r: LoadResult): Promise<Html> {
  if (!hasLatency(r)) {
    return markup`${nothingSent('chart-latency-time')}
${latencyTable(r)}`;
  }
  const overTime = chartFigure(
    'chart-latency-time',
    'Latency through the test',
    await vegaSvg(latencyTimeSpec(r), 'Lines of ingest and alert latency each second'),
    'For the requests due in each second: the median and the 99th percentile of the time ' +
      'from when each was due to its answer, and the 99th percentile of alert latency for ' +
      'the probe reads due then. The scale is logarithmic; the dashed line is the bound.' +
      spanNote(r),
  );
  const distribution = chartFigure(
    'chart-latency-distribution',
    'Latency by percentile, the whole test',
    await vegaSvg(distributionSpec(r), 'Lines of latency at each percentile'),
    'Ingest latency counts from when a request was due, so time spent queued for a busy ' +
      'hub counts; service latency counts from when it actually went, as a closed-loop ' +
      'tool would measure it. A wide gap between the two at the high percentiles is the ' +
      'queueing that a closed-loop measure hides.',
  );
  return markup`${overTime}
${distribution}
${latencyTable(r)}`;
}

/** The saturation curve: answered rate and p99 against the rate offered, step by step. */
export async function saturationFigures(r: LoadResult, s: SaturationResult): Promise<Html> {
  const conclusion = markup`<p id="saturation-conclusion"><strong>${metric(
    'saturation.conclusion',
    s.conclusion,
    'text',
  )}</strong></p>`;
  if (s.steps.length === 0) return conclusion;
  const rates = chartFigure(
    'chart-saturation-rate',
    'Answered against offered, step by step',
    await vegaSvg(saturationRateSpec(s), 'Points of answered rate against offered rate'),
    'Each point is a step of the search. A hub that keeps up lies on the dashed diagonal, ' +
      'where answered equals offered. Circles held every bound; crosses broke one. The ' +
      'solid vertical line marks the highest rate that held, the dashed one the first ' +
      'that broke: the hub’s limit lies between them.',
  );
  const latency = chartFigure(
    'chart-saturation-latency',
    'Latency p99 against offered, step by step',
    await vegaSvg(saturationLatencySpec(r, s), 'Lines of p99 latency against offered rate'),
    'The 99th percentile of ingest latency (and of alert latency, with probe reads) at ' +
      'each step, on logarithmic scales. The dashed horizontal line is the bound a step ' +
      'must stay under to hold.',
  );
  return markup`${conclusion}
${rates}
${latency}
${stepsTable(s)}`;
}
