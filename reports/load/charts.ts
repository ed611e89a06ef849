import type { TopLevelSpec } from 'vega-lite';
import type { LoadResult, SaturationResult } from '../../harness/load/result.js';
import { ms, rate } from '../html/format.js';
import type { Encoding } from '../html/palette.js';
import { CHART_WIDTH } from '../html/vega.js';
import { DASHES, GUIDE, LATENCY, MEASURED, RATE, STEP } from './palette.js';
import { spanSeconds, spansOf, type Span } from './seconds.js';

/**
 * The load report's charts as Vega-Lite specifications, each made from `load.json` alone.
 * Every line differs from the others by colour, dash and point shape, and is named in a
 * legend in words.
 */

type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];
type Row = Record<string, string | number | null>;

const HEIGHT = 240;
/** Beyond this many points a line is drawn without its point marks. */
const MAX_MARKED_POINTS = 120;

function labelOf(palette: Encoding<string>, key: string): string {
  return palette.labels[palette.domain.indexOf(key)]!;
}

/**
 * Colour, dash and shape channels for the lines named in `keys`, in the palette's order.
 * They share a field and an untitled legend, which Vega-Lite draws as one.
 */
function legendFor(palette: Encoding<string>, keys: readonly string[]) {
  const picked = palette.domain.flatMap((key, i) => (keys.includes(key) ? [i] : []));
  const scale = (range: readonly unknown[]) => ({
    field: 'line',
    type: 'nominal' as const,
    title: null,
    scale: { domain: picked.map((i) => palette.labels[i]!), range: picked.map((i) => range[i]) },
  });
  return {
    color: scale(palette.colours),
    strokeDash: scale(DASHES),
    shape: scale(palette.shapes),
  };
}

/** Lines, and a point on each value when there are few enough to tell apart. */
function lineLayers(
  values: readonly Row[],
  x: object,
  y: object,
  legend: ReturnType<typeof legendFor>,
): Layer[] {
  const data = { values: [...values] };
  const line: Layer = {
    data,
    mark: { type: 'line', strokeWidth: 2 },
    encoding: { x, y, color: legend.color, strokeDash: legend.strokeDash },
  };
  const points: Layer = {
    data,
    mark: { type: 'point', filled: true, size: 45 },
    encoding: { x, y, color: legend.color, shape: legend.shape },
  };
  const lines = new Set(values.map((v) => v.line)).size;
  return values.length / Math.max(1, lines) <= MAX_MARKED_POINTS ? [line, points] : [line];
}

/**
 * A dashed horizontal line across the chart with its name written above its left end,
 * where the first seconds or steps, usually the quickest, leave room.
 */
function boundLayers(value: number, label: string): Layer[] {
  const data = { values: [{ value, label }] };
  const y = { field: 'value', type: 'quantitative' } as const;
  return [
    { data, mark: { type: 'rule', color: GUIDE, strokeDash: [5, 4] }, encoding: { y } },
    {
      data,
      mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -2, fontSize: 10 },
      encoding: { y, x: { value: 0 }, text: { field: 'label' } },
    },
  ] as Layer[];
}

/** Vertical lines at given x values with a label at the top of each. */
function markerLayers(values: readonly Row[], x: object, dash: number[], align = 'left'): Layer[] {
  const data = { values: [...values] };
  const dx = align === 'left' ? 3 : -3;
  return [
    { data, mark: { type: 'rule', color: GUIDE, strokeDash: dash }, encoding: { x } },
    {
      data,
      mark: { type: 'text', align, baseline: 'top', dx, fontSize: 10 },
      encoding: { x, y: { value: 2 }, text: { field: 'label' } },
    },
  ] as Layer[];
}

function secondsAxis(r: LoadResult) {
  const from = r.saturation ? 'the start of the search' : 'the start';
  const width = spanSeconds(r.series.length);
  const span = width > 1 ? `, a point every ${width} s` : '';
  return {
    field: 'second',
    type: 'quantitative',
    title: `seconds from ${from}${span}`,
    axis: { format: 'd', tickMinStep: 1 },
  } as const;
}

/** Steps beyond this many are too close together to label with their rates. */
const MAX_RATE_LABELS = 8;

/** Where each saturation step began, labelled with its rate, or its number when many. */
function stepMarkers(r: LoadResult): Layer[] {
  if (!r.saturation) return [];
  const steps = r.saturation.steps;
  const starts = steps.map((s) => ({
    second: s.startSecond,
    label: steps.length > MAX_RATE_LABELS ? String(s.step) : `${rate(s.readsPerSecond)}/s`,
  }));
  return markerLayers(starts, { field: 'second', type: 'quantitative' }, [2, 2]);
}

const RATE_KEYS = ['offered', 'sent', 'answered', 'failed'] as const;

/** Reads a second offered, sent, answered (and failed, if any did) through the test. */
export function rateSpec(r: LoadResult): TopLevelSpec {
  const spans = spansOf(r.series);
  const keys = RATE_KEYS.filter((k) => k !== 'failed' || spans.some((s) => s.failed > 0));
  const values = spans.flatMap((s) =>
    keys.map((key) => ({ second: s.second, line: labelOf(RATE, key), rate: s[key] })),
  );
  const y = { field: 'rate', type: 'quantitative', title: 'reads a second' } as const;
  return {
    width: CHART_WIDTH,
    height: HEIGHT,
    layer: [...lineLayers(values, secondsAxis(r), y, legendFor(RATE, keys)), ...stepMarkers(r)],
  };
}

const LATENCY_LINES: [string, keyof Span][] = [
  ['ingest-p50', 'p50Ms'],
  ['ingest-p99', 'p99Ms'],
  ['alert-p99', 'alertP99Ms'],
];

/** Ingest p50 and p99 each second, and alert p99 when probes were sent, on a log scale. */
export function latencyTimeSpec(r: LoadResult): TopLevelSpec {
  const spans = spansOf(r.series);
  const lines = LATENCY_LINES.filter(([, field]) => spans.some((s) => s[field] !== null));
  const values = spans.flatMap((s) =>
    lines.map(([key, field]) => ({
      second: s.second,
      line: labelOf(LATENCY, key),
      ms: s[field],
    })),
  );
  const keys = lines.map(([key]) => key);
  return {
    width: CHART_WIDTH,
    height: HEIGHT,
    layer: [
      ...lineLayers(values, secondsAxis(r), latencyAxis(), legendFor(LATENCY, keys)),
      ...p99Bound(r),
      ...stepMarkers(r),
    ],
  };
}

function latencyAxis() {
  const title = 'latency, ms (log scale)';
  return { field: 'ms', type: 'quantitative', title, scale: { type: 'log' } } as const;
}

function p99Bound(r: LoadResult): Layer[] {
  const bound = r.settings.bounds.maxP99Ms.value;
  return boundLayers(bound, `p99 bound ${ms(bound)}`);
}

const PERCENTILES = [
  ['p50', '50%'],
  ['p90', '90%'],
  ['p99', '99%'],
  ['p999', '99.9%'],
  ['max', 'max'],
] as const;

/** Whether the test measured any latency at all, for the distribution to be drawn from. */
export function hasLatency(r: LoadResult): boolean {
  return r.latencyMs.ingest.count > 0;
}

/**
 * The whole test's latency at each percentile the result holds: open loop, from when each
 * request was due, against closed loop, from when it went, and alerts.
 */
export function distributionSpec(r: LoadResult): TopLevelSpec {
  const keys = MEASURED.domain.filter((key) => r.latencyMs[key as 'ingest'].count > 0);
  const values = keys.flatMap((key) =>
    PERCENTILES.map(([p, label]) => ({
      percentile: label,
      line: labelOf(MEASURED, key),
      ms: r.latencyMs[key as 'ingest'][p],
    })),
  );
  const x = {
    field: 'percentile',
    type: 'ordinal',
    title: 'percentile',
    sort: PERCENTILES.map(([, label]) => label),
    axis: { labelAngle: 0 },
  } as const;
  return {
    width: CHART_WIDTH,
    height: HEIGHT,
    layer: lineLayers(values, x, latencyAxis(), legendFor(MEASURED, keys)),
  };
}

/** The rates at which the search held and broke, as vertical markers. */
function capacityMarkers(s: SaturationResult): Layer[] {
  const x = { field: 'offered', type: 'quantitative' } as const;
  const held = s.highestHeldReadsPerSecond;
  const broke = s.brokeAtReadsPerSecond;
  const stepAt = (asked: number) =>
    s.steps.find((step) => step.readsPerSecond === asked)?.offeredReadsPerSecond ?? asked;
  const layers: Layer[] = [];
  if (held !== null) {
    const label = `held up to ${rate(held)}/s`;
    layers.push(...markerLayers([{ offered: stepAt(held), label }], x, [1, 0], 'right'));
  }
  if (broke !== null) {
    const label = `broke at ${rate(broke)}/s`;
    layers.push(...markerLayers([{ offered: stepAt(broke), label }], x, [6, 3], 'left'));
  }
  return layers;
}

/**
 * A log scale over the values, unless one is 0 (a step the hub answered nothing in), with
 * a little room at each end so that no point sits on an axis.
 */
function rateScale(values: readonly number[]) {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const domain = lo === hi ? [lo / 2, hi * 2] : [lo, hi];
  return { type: lo <= 0 ? 'symlog' : 'log', domain, nice: false, padding: 18 } as const;
}

/** Ticks at the steps' own rates, which a log scale's round numbers would crowd. */
function offeredAxis(s: SaturationResult, scale = rateScale(offeredRates(s))) {
  return {
    field: 'offered',
    type: 'quantitative',
    title: 'offered reads a second (log scale)',
    scale,
    axis: { values: offeredRates(s), format: ',.0f', labelFlush: false },
  } as const;
}

function offeredRates(s: SaturationResult): number[] {
  return s.steps.map((step) => step.offeredReadsPerSecond);
}

/**
 * Each step's answered rate against its offered rate: a hub that keeps up lies on the
 * dashed diagonal; a step that broke is a cross.
 */
export function saturationRateSpec(s: SaturationResult): TopLevelSpec {
  const values = s.steps.map((step) => ({
    offered: step.offeredReadsPerSecond,
    answered: step.achievedReadsPerSecond,
    result: STEP.labels[step.held ? 0 : 1]!,
  }));
  // One scale for both axes, so that answered = offered is the diagonal.
  const scale = rateScale([...values.map((v) => v.answered), ...offeredRates(s)]);
  const x = offeredAxis(s, scale);
  const y = {
    field: 'answered',
    type: 'quantitative',
    title: 'answered reads a second (log scale)',
    scale,
    axis: { values: offeredRates(s), format: ',.0f' },
  } as const;
  const diagonal = scale.domain.map((v) => ({ offered: v, answered: v }));
  const result = (range: readonly string[]) => ({
    field: 'result',
    type: 'nominal' as const,
    title: 'step',
    scale: { domain: STEP.labels, range: [...range] },
  });
  return {
    width: CHART_WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: diagonal },
        mark: { type: 'line', color: GUIDE, strokeDash: [5, 4], strokeWidth: 1 },
        encoding: { x, y },
      },
      {
        data: { values },
        mark: { type: 'line', color: GUIDE, strokeWidth: 1 },
        encoding: { x, y },
      },
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 110, opacity: 1 },
        encoding: { x, y, color: result(STEP.colours), shape: result(STEP.shapes) },
      },
      ...capacityMarkers(s),
    ] as Layer[],
  };
}

/** Each step's ingest p99 (and alert p99) against its offered rate, with the bound. */
export function saturationLatencySpec(r: LoadResult, s: SaturationResult): TopLevelSpec {
  const lines: ['ingest-p99' | 'alert-p99', 'ingestP99Ms' | 'alertP99Ms'][] = [
    ['ingest-p99', 'ingestP99Ms'],
    ['alert-p99', 'alertP99Ms'],
  ];
  const drawn = lines.filter(([, field]) => s.steps.some((step) => step[field] !== null));
  const values = s.steps.flatMap((step) =>
    drawn.map(([key, field]) => ({
      offered: step.offeredReadsPerSecond,
      line: labelOf(LATENCY, key),
      ms: step[field],
    })),
  );
  const keys = drawn.map(([key]) => key);
  return {
    width: CHART_WIDTH,
    height: HEIGHT,
    layer: [
      ...lineLayers(values, offeredAxis(s), latencyAxis(), legendFor(LATENCY, keys)),
      ...p99Bound(r),
      ...capacityMarkers(s),
    ],
  };
}
