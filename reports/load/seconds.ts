import type { SecondPoint } from '../../harness/load/measures.js';

/**
 * A long test's seconds gathered into spans for its charts, so that a day-long test draws
 * a few hundred points rather than tens of thousands. Rates are averaged over the span;
 * a span's p99 is its worst second's, so that a stall stays as tall as it was, and its
 * p50 the median of its seconds'.
 */

/** The most points a chart's line is drawn with. */
export const MAX_POINTS = 600;

export interface Span {
  /** The first second of the span, from the start of the test. */
  second: number;
  offered: number;
  sent: number;
  answered: number;
  failed: number;
  p50Ms: number | null;
  p99Ms: number | null;
  alertP99Ms: number | null;
}

/** Seconds a span holds: 1 for a test short enough to draw every second. */
export function spanSeconds(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / MAX_POINTS));
}

export function spansOf(series: readonly SecondPoint[]): Span[] {
  const width = spanSeconds(series.length);
  const spans: Span[] = [];
  for (let start = 0; start < series.length; start += width) {
    spans.push(spanOf(series.slice(start, start + width)));
  }
  return spans;
}

function spanOf(seconds: readonly SecondPoint[]): Span {
  const mean = (f: (p: SecondPoint) => number) =>
    seconds.reduce((sum, p) => sum + f(p), 0) / seconds.length;
  return {
    second: seconds[0]!.second,
    offered: mean((p) => p.offered),
    sent: mean((p) => p.sent),
    answered: mean((p) => p.achieved),
    failed: mean((p) => p.failed),
    p50Ms: median(seconds.map((p) => p.p50Ms)),
    p99Ms: worst(seconds.map((p) => p.p99Ms)),
    alertP99Ms: worst(seconds.map((p) => p.alertP99Ms)),
  };
}

function measured(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null);
}

function worst(values: readonly (number | null)[]): number | null {
  const known = measured(values);
  return known.length === 0 ? null : Math.max(...known);
}

function median(values: readonly (number | null)[]): number | null {
  const known = measured(values).sort((a, b) => a - b);
  return known.length === 0 ? null : known[Math.floor((known.length - 1) / 2)]!;
}
