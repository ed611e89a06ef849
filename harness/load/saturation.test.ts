import { afterAll, describe, expect, it } from 'vitest';
import { Measures } from './measures.js';
import type { MeasuredRun } from './result.js';
import { findSaturation } from './saturation.js';
import { measureHub, startLoadTestHub, type LoadTestHub } from './testing.js';

let hub: LoadTestHub | undefined;
afterAll(async () => hub?.close());

describe('the saturation search', () => {
  it('finds, within one step, the rate above which a hub slows down', async () => {
    // Above 200 reads a second this hub holds every answer back a second.
    hub = await startLoadTestHub({ degradeAbove: { readsPerSecond: 200, delayMs: 1000 } });
    const target = hub;
    const { result, runs } = await findSaturation(
      async (readsPerSecond) =>
        (
          await measureHub(target, {
            profile: { kind: 'constant', readsPerSecond },
            durationMs: 1500,
            probeEvery: 0,
          })
        ).run,
      {
        startPerSecond: 100,
        factor: 1.5,
        maxSteps: 6,
        restMs: 600,
        stepMs: 1500,
        originAbs: performance.now(),
        bounds: {
          maxP99Ms: { value: 400, source: 'option' },
          maxErrorRate: { value: 0.001, source: 'default' },
        },
      },
    );
    expect(result.steps.map((s) => [s.readsPerSecond, s.held])).toEqual([
      [100, true],
      [150, true],
      [225, false],
    ]);
    expect(result.highestHeldReadsPerSecond).toBe(150);
    expect(result.brokeAtReadsPerSecond).toBe(225);
    expect(result.steps[2]!.broke.join()).toMatch(/latencyMs\.ingest\.p99 [\d.]+ over 400/);
    expect(result.conclusion).toMatch(/^The hub held 150 reads\/s; at 225 reads\/s: /);
    expect(runs).toHaveLength(3);
  });

  it('stops at once when interrupted, rather than resting before the next step', async () => {
    const interrupt = new AbortController();
    const { result } = await findSaturation(
      () => {
        interrupt.abort();
        return Promise.resolve(heldRun());
      },
      {
        startPerSecond: 100,
        factor: 2,
        maxSteps: 3,
        restMs: 3_600_000,
        stepMs: 1000,
        originAbs: 0,
        bounds: {
          maxP99Ms: { value: 1000, source: 'default' },
          maxErrorRate: { value: 0.001, source: 'default' },
        },
        signal: interrupt.signal,
      },
    );
    expect(result.steps.map((s) => [s.readsPerSecond, s.held])).toEqual([[100, true]]);
  });
});

/** A step in which one read went and was accepted in a millisecond. */
function heldRun(): MeasuredRun {
  const measures = new Measures(0);
  measures.scheduled(0, 1);
  measures.started(0, 0, 1, false, 10);
  measures.answered(0, 0, 1, { accepted: 1, rejected: 0, unaccounted: 0 });
  return {
    outcome: {
      measures,
      stopped: null,
      eventLoopUtilisation: 0,
      elapsedMs: 1,
      sendingMs: 0,
      offeredSpanMs: 1000,
    },
    probes: { expected: 0, alerted: 0, missing: 0 },
  };
}
