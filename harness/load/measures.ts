import type { FaultKind } from '../hub-api/faults.js';
import { LoadHistogram, type LoadPercentiles } from './histogram.js';

/** One second of a test, for the charts. */
export interface SecondPoint {
  /** Seconds after the start of the test (or of the saturation search). */
  second: number;
  /** Reads whose intended send time fell in this second. */
  offered: number;
  /** Reads actually sent in this second. */
  sent: number;
  /** Reads answered (accepted or refused one by one) in this second. */
  achieved: number;
  /** Reads whose request failed in this second. */
  failed: number;
  /** Requests meant for this second that went late. */
  behindSchedule: number;
  /** Ingest latency of the requests meant for this second, ms. */
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  /** Alert latency of the probes meant for this second, ms. */
  alertP99Ms: number | null;
}

export type ErrorKind = FaultKind | 'behind-schedule';

/** Sends and reads, each counted once. */
export interface Tally {
  requests: number;
  reads: number;
}

interface Second {
  offered: number;
  sent: number;
  achieved: number;
  failed: number;
  behind: number;
  /** Requests meant for this second not yet settled. */
  open: number;
  histogram: LoadHistogram | null;
  /** Set once every request of the second has settled and its histogram is gone. */
  latency: { p50Ms: number | null; p99Ms: number | null; maxMs: number | null } | null;
  alerts: number[];
}

/**
 * Everything measured in one run of the sender: accounting of requests and reads,
 * latency histograms (ingest from intended send time, service from actual send time,
 * alerts from the probe's intended send time), lateness, faults, and a per-second
 * series. Times are absolute `performance.now()` values; seconds count from `originAbs`.
 * A second's histogram is summarised and dropped once every request meant for it has
 * settled, so a long test holds only a few.
 */
export class Measures {
  readonly originAbs: number;
  readonly offered: Tally = { requests: 0, reads: 0 };
  readonly sent: Tally = { requests: 0, reads: 0 };
  readonly unsent: Tally = { requests: 0, reads: 0 };
  accepted = 0;
  rejected = 0;
  failed = 0;
  unaccounted = 0;
  readonly behind = { sends: 0, waitingForConnection: 0, generatorLate: 0, worstLagMs: 0 };
  readonly faults = new Map<ErrorKind, number>();
  readonly faultSamples = new Map<ErrorKind, string>();
  readonly ingest = new LoadHistogram();
  readonly service = new LoadHistogram();
  readonly alert = new LoadHistogram();
  /** The first and last moments anything was sent or answered. */
  firstSendAbs = Infinity;
  lastSendAbs = -Infinity;
  lastAnswerAbs = -Infinity;
  readonly #seconds: Second[] = [];
  #passedSecond = 0;
  /** Ingest p99 of the latest second whose requests have all settled, for progress. */
  lastSecondP99Ms: number | null = null;

  constructor(originAbs: number) {
    this.originAbs = originAbs;
  }

  scheduled(intendedAbs: number, reads: number): void {
    this.offered.requests++;
    this.offered.reads += reads;
    const second = this.#second(intendedAbs);
    second.offered += reads;
    second.open++;
  }

  /**
   * A request went. It is behind schedule when it went more than `lateAfterMs` after its
   * intended time: because every connection was busy, or because this process was.
   */
  started(intendedAbs: number, startAbs: number, reads: number, waited: boolean, lateMs: number) {
    this.sent.requests++;
    this.sent.reads += reads;
    this.#second(startAbs).sent += reads;
    this.firstSendAbs = Math.min(this.firstSendAbs, startAbs);
    this.lastSendAbs = Math.max(this.lastSendAbs, startAbs);
    const lagMs = startAbs - intendedAbs;
    if (lagMs <= lateMs) return;
    this.behind.sends++;
    if (waited) this.behind.waitingForConnection++;
    else this.behind.generatorLate++;
    this.behind.worstLagMs = Math.max(this.behind.worstLagMs, lagMs);
    this.#second(intendedAbs).behind++;
    this.#count('behind-schedule', `a request went ${Math.round(lagMs)} ms late`);
  }

  answered(
    intendedAbs: number,
    startAbs: number,
    doneAbs: number,
    counts: { accepted: number; rejected: number; unaccounted: number },
  ): void {
    this.accepted += counts.accepted;
    this.rejected += counts.rejected;
    this.unaccounted += counts.unaccounted;
    this.lastAnswerAbs = Math.max(this.lastAnswerAbs, doneAbs);
    this.#second(doneAbs).achieved += counts.accepted + counts.rejected;
    this.ingest.recordMs(doneAbs - intendedAbs);
    this.service.recordMs(doneAbs - startAbs);
    this.#settle(intendedAbs, doneAbs - intendedAbs);
  }

  failedRequest(intendedAbs: number, doneAbs: number, reads: number, kind: FaultKind, why: string) {
    this.failed += reads;
    this.#second(doneAbs).failed += reads;
    this.#count(kind, why);
    this.#settle(intendedAbs, null);
  }

  /** Reads in requests still unanswered when the test gave up waiting for them. */
  abandoned(intendedAbs: number, reads: number): void {
    this.unaccounted += reads;
    this.#settle(intendedAbs, null);
  }

  /** A fault that belongs to no request's reads, such as an answer that does not add up. */
  fault(kind: FaultKind, why: string): void {
    this.#count(kind, why);
  }

  /** A request of the schedule that never went: offered, and counted unsent. */
  notSent(intendedAbs: number, reads: number): void {
    this.offered.requests++;
    this.offered.reads += reads;
    this.#second(intendedAbs).offered += reads;
    this.unsent.requests++;
    this.unsent.reads += reads;
  }

  /** The next request, already counted as scheduled, will not go after all. */
  withdrawn(intendedAbs: number, reads: number): void {
    this.unsent.requests++;
    this.unsent.reads += reads;
    this.#second(intendedAbs).open--;
  }

  alerted(intendedAbs: number, receivedAbs: number): void {
    const ms = receivedAbs - intendedAbs;
    this.alert.recordMs(ms);
    this.#second(intendedAbs).alerts.push(ms);
  }

  /** The schedule has gone past this moment: earlier seconds can be closed once settled. */
  passed(abs: number): void {
    const index = Math.floor((abs - this.originAbs) / 1000);
    while (this.#passedSecond < index) this.#close(this.#passedSecond++);
  }

  percentiles(): { ingest: LoadPercentiles; service: LoadPercentiles; alert: LoadPercentiles } {
    return {
      ingest: this.ingest.percentiles(),
      service: this.service.percentiles(),
      alert: this.alert.percentiles(),
    };
  }

  series(): SecondPoint[] {
    return this.#seconds.map((s, second) => {
      const latency = s.latency ?? summarise(s.histogram);
      const alerts = [...s.alerts].sort((a, b) => a - b);
      const alertP99 = alerts[Math.min(alerts.length - 1, Math.ceil(alerts.length * 0.99) - 1)];
      return {
        second,
        offered: s.offered,
        sent: s.sent,
        achieved: s.achieved,
        failed: s.failed,
        behindSchedule: s.behind,
        ...latency,
        alertP99Ms: alertP99 === undefined ? null : Math.round(alertP99 * 1000) / 1000,
      };
    });
  }

  #count(kind: ErrorKind, why: string): void {
    this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1);
    if (!this.faultSamples.has(kind)) this.faultSamples.set(kind, why);
  }

  #settle(intendedAbs: number, latencyMs: number | null): void {
    const index = Math.floor((intendedAbs - this.originAbs) / 1000);
    const second = this.#second(intendedAbs);
    second.open--;
    if (latencyMs !== null) {
      second.histogram ??= new LoadHistogram(2);
      second.histogram.recordMs(latencyMs);
    }
    if (index < this.#passedSecond) this.#close(index);
  }

  #close(index: number): void {
    const second = this.#seconds[index];
    if (!second || second.open > 0 || second.latency) return;
    second.latency = summarise(second.histogram);
    second.histogram = null;
    if (second.latency.p99Ms !== null) this.lastSecondP99Ms = second.latency.p99Ms;
  }

  #second(abs: number): Second {
    const index = Math.max(0, Math.floor((abs - this.originAbs) / 1000));
    while (this.#seconds.length <= index) {
      this.#seconds.push({
        offered: 0,
        sent: 0,
        achieved: 0,
        failed: 0,
        behind: 0,
        open: 0,
        histogram: null,
        latency: null,
        alerts: [],
      });
    }
    return this.#seconds[index]!;
  }
}

function summarise(histogram: LoadHistogram | null) {
  return {
    p50Ms: histogram?.atMs(50) ?? null,
    p99Ms: histogram?.atMs(99) ?? null,
    maxMs: histogram?.maxMs() ?? null,
  };
}
