import { describe, expect, it } from 'vitest';
import { LoadHistogram } from './histogram.js';

describe('LoadHistogram', () => {
  it('never puts a percentile above the largest latency recorded', () => {
    const h = new LoadHistogram();
    for (let i = 0; i < 99; i++) h.recordMs(1);
    h.recordMs(139.4);

    const p = h.percentiles();

    expect(p.max).toBe(139.4);
    expect(p.p999).toBeLessThanOrEqual(p.max!);
    expect(p.p999).toBeGreaterThan(139);
  });

  it('gives percentiles to three significant digits, and null when nothing was recorded', () => {
    const h = new LoadHistogram();
    expect(h.percentiles()).toEqual({
      count: 0,
      p50: null,
      p90: null,
      p99: null,
      p999: null,
      max: null,
    });
    for (let ms = 1; ms <= 100; ms++) h.recordMs(ms);
    expect(h.atMs(50)).toBeCloseTo(50, 0);
    expect(h.atMs(99)).toBeCloseTo(99, 0);
  });
});
