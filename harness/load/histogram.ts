import { LatencyHistogram, type LatencyHistogramOptions } from '../latency-histogram.js';

/** Latency percentiles of a load test, in milliseconds; null when nothing was measured. */
export interface LoadPercentiles {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  p999: number | null;
  max: number | null;
}

/**
 * A load test's latencies: fast buckets, as the sender records every answer (about 100 KB
 * a histogram at three digits, 13 KB at two, and a test keeps only a handful of the first).
 */
export class LoadHistogram extends LatencyHistogram {
  constructor(digits: LatencyHistogramOptions['digits'] = 3) {
    super({ digits, buckets: 'fast' });
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
