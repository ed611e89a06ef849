import { afterAll, describe, expect, it } from 'vitest';
import { measureHub, startLoadTestHub, type LoadTestHub } from './testing.js';

let hub: LoadTestHub | undefined;
afterAll(async () => hub?.close());

describe('a hub that stalls', () => {
  it('shows its stall in the p99, which measuring from the actual send would hide', async () => {
    // Every request is held for the whole of one second in every ten: a tenth of the
    // requests wait from 0 to 1,000 ms, so the slowest 1% wait at least 900 ms.
    hub = await startLoadTestHub({ stall: { everyMs: 10_000, forMs: 1000, atMs: 4000 } });
    const { figures } = await measureHub(hub, {
      profile: { kind: 'constant', readsPerSecond: 200 },
      durationMs: 10_000,
      connections: 4,
      probeEvery: 0,
    });
    expect(figures.reads).toMatchObject({ offered: 2000, sent: 2000, accepted: 2000, unsent: 0 });
    const { ingest, service } = figures.latencyMs;
    expect(ingest.p99).toBeGreaterThanOrEqual(850);
    expect(ingest.max).toBeGreaterThanOrEqual(950);
    expect(ingest.max).toBeLessThan(1300);
    expect(ingest.p50).toBeLessThan(50);
    // Only the few requests already out when the stall began saw it from their actual
    // send; the rest waited for a connection first.
    expect(service.p99).toBeLessThan(300);
    // The stalled second stands out in the series.
    const stalled = figures.series.filter((s) => (s.p99Ms ?? 0) > 500);
    expect(stalled.length).toBeGreaterThanOrEqual(1);
    expect(stalled.length).toBeLessThanOrEqual(2);
  });
});
