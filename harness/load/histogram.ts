import * as hdr from 'hdr-histogram-js';

/** Latency percentiles of a load test, in milliseconds; null when nothing was measured. */
export interface LoadPercentiles {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  p999: number | null;
  max: number | null;
}

const MAX_MICROS = 3_600_000_000;

/**
 * Latencies in an HDR histogram with the range and precision of the run's scores
 * (scoring/latency.ts): microseconds from 1 µs to an hour, plain JavaScript. Three
 * significant digits for a whole test; two are plenty for one second of a chart. Unlike
 * the run's, the buckets are plain 32-bit counts rather than packed: recording is about
 * four times faster, which matters at tens of thousands of answers a second, for some
 * 100 KB a histogram (13 KB at two digits), and a test keeps only a handful.
 */
export class LatencyHistogram {
  readonly #histogram: hdr.Histogram;

  constructor(digits: 2 | 3 = 3) {
    this.#histogram = hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: MAX_MICROS,
      numberOfSignificantValueDigits: digits,
      bitBucketSize: 32,
      useWebAssembly: false,
    });
  }

  get count(): number {
    return this.#histogram.totalCount;
  }

  /** Adds every value recorded in another histogram to this one. */
  add(other: LatencyHistogram): void {
    this.#histogram.add(other.#histogram);
  }

  recordMs(ms: number): void {
    this.#histogram.recordValue(Math.min(MAX_MICROS, Math.max(1, Math.round(ms * 1000))));
  }

  /**
   * The latency at a percentile (0 to 100), or null when empty. A bucket reports the top
   * of its range, which can lie above the largest value recorded; that value caps it.
   */
  atMs(percentile: number): number | null {
    if (this.count === 0) return null;
    const h = this.#histogram;
    return round(Math.min(h.getValueAtPercentile(percentile), h.maxValue) / 1000);
  }

  maxMs(): number | null {
    return this.count === 0 ? null : round(this.#histogram.maxValue / 1000);
  }

  percentiles(): LoadPercentiles {
    return {
      count: this.count,
      p50: this.atMs(50),
      p90: this.atMs(90),
      p99: this.atMs(99),
      p999: this.atMs(99.9),
      max: this.maxMs(),
    };
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
