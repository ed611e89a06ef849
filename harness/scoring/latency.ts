import { LatencyHistogram } from '../latency-histogram.js';

/** Latency percentiles in milliseconds. */
export interface Percentiles {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** A run's latencies, with the percentiles its scores report. */
export class LatencyRecorder extends LatencyHistogram {
  percentiles(): Percentiles {
    return {
      count: this.count,
      p50: this.atMs(50),
      p95: this.atMs(95),
      p99: this.atMs(99),
      max: this.maxMs(),
    };
  }
}
