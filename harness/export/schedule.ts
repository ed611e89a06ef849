/** A k6 stage: the arrival rate reaches `target` iterations a time unit over `duration`. */
export interface Stage {
  duration: string;
  target: number;
}

/** The k6 scenario that sends the batches: open-loop, one iteration per request. */
export type ArrivalExecutor =
  | {
      executor: 'ramping-arrival-rate';
      startRate: number;
      timeUnit: string;
      stages: Stage[];
      preAllocatedVUs: number;
      maxVUs: number;
    }
  | {
      executor: 'constant-arrival-rate';
      rate: number;
      timeUnit: string;
      duration: string;
      preAllocatedVUs: number;
      maxVUs: number;
    };

/** How long a request may take on average before the test needs more VUs than planned, s. */
const RESPONSE_BUDGET_S = 2;

/**
 * How long one simulated minute lasts on the wall clock at a rate scale, in whole
 * milliseconds (k6 stages and time units are durations), and the speed that gives exactly.
 */
export function pace(rateScale: number): { minuteMs: number; speed: number } {
  const minuteMs = Math.max(1, Math.round(60_000 / rateScale));
  return { minuteMs, speed: 60_000 / minuteMs };
}

/** Requests counted by the simulated minute they go in. */
export class RequestCounts {
  readonly minuteMs: number;
  private readonly perMinute: number[] = [];
  private count = 0;

  constructor(minuteMs: number) {
    this.minuteMs = minuteMs;
  }

  add(offsetMs: number): void {
    const minute = Math.floor(offsetMs / this.minuteMs);
    while (this.perMinute.length <= minute) this.perMinute.push(0);
    this.perMinute[minute] = (this.perMinute[minute] ?? 0) + 1;
    this.count++;
  }

  get total(): number {
    return this.count;
  }

  get minutes(): readonly number[] {
    return this.perMinute;
  }

  /** Wall-clock length of the schedule: every minute that has a request, ms. */
  get durationMs(): number {
    return this.perMinute.length * this.minuteMs;
  }

  /** The busiest minute's rate, requests a second. */
  get peakPerSecond(): number {
    return (Math.max(0, ...this.perMinute) * 1000) / this.minuteMs;
  }
}

/**
 * A ramping-arrival-rate scenario that starts as many iterations in each minute as that
 * minute has requests. k6 ramps linearly within a stage, so each minute is a stage at a
 * steady rate reached by a zero-length stage; a time unit of one minute keeps every
 * target a whole count. A last minute at one iteration makes up for an iteration lost to
 * k6's floating-point sums; an iteration with no batch left does nothing.
 */
export function rampingExecutor(counts: RequestCounts, instances: number): ArrivalExecutor {
  const perMinute = [...counts.minutes, 1];
  const stages: Stage[] = [];
  let from = 0;
  for (let i = 1; i <= perMinute.length; i++) {
    if (perMinute[i] === perMinute[from]) continue;
    const target = perMinute[from]!;
    if (from > 0) stages.push({ duration: '0s', target });
    stages.push({ duration: ms((i - from) * counts.minuteMs), target });
    from = i;
  }
  return {
    executor: 'ramping-arrival-rate',
    startRate: perMinute[0]!,
    timeUnit: ms(counts.minuteMs),
    stages,
    ...vus(counts.peakPerSecond, instances),
  };
}

/** The same requests spread evenly over the same time. */
export function constantExecutor(counts: RequestCounts, instances: number): ArrivalExecutor {
  const durationMs = counts.durationMs;
  return {
    executor: 'constant-arrival-rate',
    rate: counts.total,
    timeUnit: ms(durationMs),
    duration: ms(durationMs),
    ...vus((counts.total * 1000) / durationMs, instances),
  };
}

/**
 * VUs for a rate: requests in flight are the rate times the time each takes. k6 divides
 * them among the instances, so each instance gets a few at least.
 */
function vus(perSecond: number, instances: number): { preAllocatedVUs: number; maxVUs: number } {
  const preAllocatedVUs = Math.max(5 * instances, Math.ceil(perSecond * RESPONSE_BUDGET_S));
  return { preAllocatedVUs, maxVUs: 4 * preAllocatedVUs };
}

function ms(value: number): string {
  return `${value}ms`;
}
