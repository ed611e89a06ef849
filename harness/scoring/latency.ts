import * as hdr from 'hdr-histogram-js';

/** Latency percentiles in milliseconds. */
export interface Percentiles {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/**
 * Latencies recorded in an HDR histogram: microsecond resolution from 1 µs to an hour with
 * three significant digits, so percentiles stay exact to 0.1 % whatever the spread.
 */
export class LatencyRecorder {
  private readonly histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    bitBucketSize: 'packed',
    useWebAssembly: false,
  });
  count = 0;

  recordMs(ms: number): void {
    const micros = Math.min(3_600_000_000, Math.max(1, Math.round(ms * 1000)));
    this.histogram.recordValue(micros);
    this.count++;
  }

  percentiles(): Percentiles {
    if (this.count === 0) return { count: 0, p50: null, p95: null, p99: null, max: null };
    // A bucket reports the top of its range, which can lie above the largest value
    // recorded; that value caps it.
    const h = this.histogram;
    const at = (q: number) => round(Math.min(h.getValueAtPercentile(q), h.maxValue) / 1000);
    return {
      count: this.count,
      p50: at(50),
      p95: at(95),
      p99: at(99),
      max: round(this.histogram.maxValue / 1000),
    };
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
