import * as hdr from 'hdr-histogram-js';

const MAX_MICROS = 3_600_000_000;

export interface LatencyHistogramOptions {
  /** Significant digits kept: three for a whole run or test, two for one second of a chart. */
  digits?: 2 | 3;
  /**
   * Packed buckets take a fraction of the memory; plain 32-bit ones record about four
   * times faster, which a load test answering tens of thousands of requests a second needs.
   */
  buckets?: 'packed' | 'fast';
}

/**
 * Latencies in an HDR histogram: microseconds from 1 µs to an hour, in plain JavaScript,
 * so a percentile is exact to the digits kept whatever the spread. Runs' scores and load
 * tests both measure with it.
 */
export class LatencyHistogram {
  readonly #histogram: hdr.Histogram;

  constructor({ digits = 3, buckets = 'packed' }: LatencyHistogramOptions = {}) {
    this.#histogram = hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: MAX_MICROS,
      numberOfSignificantValueDigits: digits,
      bitBucketSize: buckets === 'packed' ? 'packed' : 32,
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
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
