import { describe, expect, it } from 'vitest';
import {
  constantExecutor,
  pace,
  rampingExecutor,
  RequestCounts,
  type ArrivalExecutor,
  type Stage,
} from './schedule.js';

const NS_PER_MS = 1e6;

function durationNs(text: string): number {
  const match = /^(\d+)(ms|s)$/.exec(text);
  if (!match) throw new Error(`Unexpected duration ${text}`);
  return Number(match[1]) * (match[2] === 's' ? 1e9 : NS_PER_MS);
}

/**
 * When k6 starts each iteration of a ramping-arrival-rate scenario on one instance, in ns:
 * the arithmetic of k6's `RampingArrivalRateConfig.cal`, written again from its
 * description (iteration i starts when the area under the rate reaches i), in float64 as
 * k6 does it.
 */
function k6StartTimes(startRate: number, timeUnit: string, stages: Stage[]): number[] {
  const unit = durationNs(timeUnit);
  const times: number[] = [];
  let from = startRate / unit;
  let stageStart = 0;
  let doneSoFar = 0;
  let endCount = 0;
  let i = 1;
  for (const stage of stages) {
    const to = stage.target / unit;
    const dur = durationNs(stage.duration);
    if (from !== to) {
      endCount += dur * ((to - from) / 2 + from);
      for (; i <= endCount; i++) {
        const root = Math.sqrt(dur * (from * from * dur + 2 * (i - doneSoFar) * (to - from)));
        times.push((from * dur - root) / (from - to) + stageStart);
      }
    } else {
      endCount += dur * to;
      for (; i <= endCount; i++) times.push((i - doneSoFar) / to + stageStart);
    }
    doneSoFar = endCount;
    from = to;
    stageStart += dur;
  }
  return times;
}

function countsOf(perMinute: number[], minuteMs: number): RequestCounts {
  const counts = new RequestCounts(minuteMs);
  perMinute.forEach((n, minute) => {
    for (let k = 0; k < n; k++) counts.add(minute * minuteMs + (k * minuteMs) / n);
  });
  return counts;
}

function ramping(executor: ArrivalExecutor) {
  if (executor.executor !== 'ramping-arrival-rate') throw new Error('Expected a ramping executor');
  return executor;
}

describe('the k6 schedule', () => {
  it.each([
    [60_000, [3, 3, 7, 0, 0, 12, 12, 12, 1, 5]],
    [857, [40, 41, 39, 0, 250, 250, 3]],
    [1, [2, 2, 9]],
  ])(
    'starts as many iterations in each minute (%d ms long) as it has requests, and one spare',
    (minuteMs, perMinute) => {
      const executor = ramping(rampingExecutor(countsOf(perMinute, minuteMs), 2));
      const starts = k6StartTimes(executor.startRate, executor.timeUnit, executor.stages);
      const byMinute = new Array<number>(perMinute.length + 1).fill(0);
      // An iteration at the very end of a minute's stage belongs to that minute.
      for (const t of starts) byMinute[Math.ceil(t / (minuteMs * NS_PER_MS)) - 1]!++;
      expect(byMinute).toEqual([...perMinute, 1]);
    },
  );

  it('runs minutes of the same rate together and jumps between rates', () => {
    const executor = ramping(rampingExecutor(countsOf([3, 3, 7], 60_000), 1));
    expect(executor.stages).toEqual([
      { duration: '120000ms', target: 3 },
      { duration: '0s', target: 7 },
      { duration: '60000ms', target: 7 },
      { duration: '0s', target: 1 },
      { duration: '60000ms', target: 1 },
    ]);
    expect(executor.startRate).toBe(3);
  });

  it('spreads the same requests evenly over the same time when flat', () => {
    expect(constantExecutor(countsOf([3, 3, 7], 60_000), 1)).toMatchObject({
      executor: 'constant-arrival-rate',
      rate: 13,
      timeUnit: '180000ms',
      duration: '180000ms',
    });
  });

  it('sizes VUs for the busiest minute, with a few for every instance', () => {
    expect(rampingExecutor(countsOf([600, 60], 60_000), 4)).toMatchObject({
      preAllocatedVUs: 20,
      maxVUs: 80,
    });
    expect(rampingExecutor(countsOf([6000, 60], 60_000), 1)).toMatchObject({
      preAllocatedVUs: 200,
      maxVUs: 800,
    });
  });

  it('keeps a simulated minute a whole number of milliseconds', () => {
    expect(pace(1)).toEqual({ minuteMs: 60_000, speed: 1 });
    expect(pace(60)).toEqual({ minuteMs: 1000, speed: 60 });
    expect(pace(7)).toEqual({ minuteMs: 8571, speed: 60_000 / 8571 });
  });
});
