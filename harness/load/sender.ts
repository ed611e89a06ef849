import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { iso } from '../generate/records.js';
import { HubFault } from '../hub-api/faults.js';
import { statusFault, transportFault } from '../hub-api/http-faults.js';
import type { ReadFeed } from './feed.js';
import { Measures } from './measures.js';
import type { ProbeTracker } from './probes.js';
import type { Schedule, Send } from './schedule.js';

/**
 * The open-loop sender. Every request has an intended send time from the schedule and
 * goes at that time whatever the hub is doing, so a hub that stalls cannot slow the
 * offered load down and hide its stall (coordinated omission). Latency runs from the
 * intended time to the answer. At most `maxInFlight` requests are out at once; a request
 * that finds them all out waits for the first to come back, goes at once, and its
 * latency still counts from its intended time. Requests that went late are counted, as
 * are any the test had to give up on: none is dropped unsaid.
 */

export interface SenderTarget {
  /** The pool of keep-alive connections to the hub (pipelining 1). */
  dispatcher: Dispatcher;
  /** The reads endpoint of the session, with any prefix of the hub's URL. */
  path: string;
  headers: Record<string, string>;
  /** For messages, e.g. `http://127.0.0.1:8080`. */
  url: string;
}

export interface SenderOptions {
  target: SenderTarget;
  schedule: Schedule;
  feed: ReadFeed;
  probes: ProbeTracker;
  maxInFlight: number;
  /** A request that goes more than this after its intended time is behind schedule. */
  lateAfterMs: number;
  /** How long past the schedule's end late requests may still go; the rest are unsent. */
  graceMs: number;
  /** How long to wait for answers once sending is over. */
  settleMs: number;
  /** Simulated time of the test's start, and simulated ms per wall ms, for `sentAt`. */
  simulatedStartMs: number;
  speed: number;
  /** The hub is taken to be gone after this many connection failures in a row... */
  lostAfterFailures?: number;
  /** ...with no success for this long. */
  lostAfterMs?: number;
  signal?: AbortSignal;
  /** Where the test's seconds are counted from; the start of this run unless said. */
  measures?: (startAbs: number) => Measures;
  onProgress?: (progress: SenderProgress) => void;
  progressEveryMs?: number;
}

export interface SenderProgress {
  elapsedMs: number;
  offeredReads: number;
  sentReads: number;
  answeredReads: number;
  failedReads: number;
  behindSchedule: number;
  inFlight: number;
  /** Ingest p99 of the latest whole second, ms. */
  p99Ms: number | null;
}

export type StopReason =
  | { kind: 'hub-lost'; atMs: number; message: string }
  | { kind: 'interrupted'; atMs: number; message: string }
  | { kind: 'deadline'; atMs: number; message: string };

export interface SenderOutcome {
  measures: Measures;
  /** Why sending stopped before the schedule ran out, if it did. */
  stopped: StopReason | null;
  /** Share of the sending time this process's event loop was busy, 0 to 1. */
  eventLoopUtilisation: number;
  /** From the start to the last answer (or to giving up). */
  elapsedMs: number;
  /** From the start to the last request sent. */
  sendingMs: number;
  /** The schedule's span, over which the offered rate is measured. */
  offeredSpanMs: number;
}

/** Lets the first requests go on time though the sender has just been set up. */
const START_DELAY_MS = 20;
const DEFAULT_LOST_AFTER_FAILURES = 10;
const DEFAULT_LOST_AFTER_MS = 1000;

interface Exchange {
  send: Send;
  intendedAbs: number;
  startAbs: number;
  probes: string[];
}

export function runSender(options: SenderOptions): Promise<SenderOutcome> {
  return new OpenLoopSender(options).run();
}

class OpenLoopSender {
  readonly #o: SenderOptions;
  readonly #clock = () => performance.now();
  #measures!: Measures;
  #t0 = 0;
  #elu: EventLoopUtilization | undefined;
  #next: Send | null = null;
  /** The next request found every slot taken at its intended time. */
  #nextWaited = false;
  readonly #inFlight = new Set<Exchange>();
  /** Cancels the wake-up for the next request, while one is set. */
  #timer: (() => void) | null = null;
  #deadlineTimer: NodeJS.Timeout | null = null;
  #progress: NodeJS.Timeout | null = null;
  #sending = true;
  #finished = false;
  #stopped: StopReason | null = null;
  #failuresInRow = 0;
  #lastSuccessAbs = 0;
  #resolve: ((outcome: SenderOutcome) => void) | null = null;
  #settleTimer: NodeJS.Timeout | null = null;

  constructor(options: SenderOptions) {
    this.#o = options;
  }

  run(): Promise<SenderOutcome> {
    this.#t0 = this.#clock() + START_DELAY_MS;
    this.#lastSuccessAbs = this.#t0;
    this.#measures = this.#o.measures?.(this.#t0) ?? new Measures(this.#t0);
    this.#elu = performance.eventLoopUtilization();
    const done = new Promise<SenderOutcome>((resolve) => (this.#resolve = resolve));
    const every = this.#o.progressEveryMs ?? 1000;
    if (this.#o.onProgress) this.#progress = setInterval(() => this.#report(), every);
    // A hub that holds every connection gives no answer to wake the sender by, so the
    // end of the grace period has a timer of its own.
    const deadlineMs = START_DELAY_MS + this.#deadlineMs() + 1;
    this.#deadlineTimer = setTimeout(() => this.#fireDue(), deadlineMs);
    this.#advance();
    // Only once the first request is taken from the schedule can an early stop count it,
    // and every one after it, as unsent.
    this.#o.signal?.addEventListener('abort', this.#onAbort, { once: true });
    if (this.#o.signal?.aborted) this.#onAbort();
    this.#tick();
    return done;
  }

  /** Fires every request now due while a slot is free; then waits for the next. */
  readonly #tick = (): void => {
    this.#timer = null;
    this.#fireDue();
    this.#arm();
  };

  #fireDue(): void {
    while (this.#sending && this.#next) {
      const now = this.#clock();
      if (now - this.#t0 > this.#deadlineMs()) return this.#stopSending(this.#deadline(now));
      if (this.#t0 + this.#next.atMs > now) return;
      if (this.#inFlight.size >= this.#o.maxInFlight) {
        this.#nextWaited = true;
        return;
      }
      this.#fire(this.#next, this.#nextWaited, now);
      this.#advance();
    }
    if (this.#sending && !this.#next) this.#stopSending(null);
  }

  #advance(): void {
    this.#next = this.#o.schedule.next();
    this.#nextWaited = false;
    const intendedAbs = this.#t0 + (this.#next?.atMs ?? Infinity);
    if (this.#next) this.#measures.scheduled(intendedAbs, this.#next.reads);
    this.#measures.passed(Number.isFinite(intendedAbs) ? intendedAbs : this.#clock() + 1e9);
  }

  #arm(): void {
    if (this.#timer || !this.#sending || !this.#next) return;
    if (this.#inFlight.size >= this.#o.maxInFlight) return;
    const waitMs = this.#t0 + this.#next.atMs - this.#clock();
    if (waitMs <= 0) {
      const immediate = setImmediate(this.#tick);
      this.#timer = () => clearImmediate(immediate);
    } else {
      const timeout = setTimeout(this.#tick, waitMs);
      this.#timer = () => clearTimeout(timeout);
    }
  }

  #deadlineMs(): number {
    return this.#o.schedule.offeredSpanMs + this.#o.graceMs;
  }

  #deadline(now: number): StopReason {
    return {
      kind: 'deadline',
      atMs: Math.round(now - this.#t0),
      message:
        `requests were still due ${Math.round(this.#o.graceMs)} ms after the schedule ` +
        'ended; the rest were not sent',
    };
  }

  #fire(send: Send, waited: boolean, now: number): void {
    const intendedAbs = this.#t0 + send.atMs;
    this.#measures.started(intendedAbs, now, send.reads, waited, this.#o.lateAfterMs);
    const sentAt = iso(Math.floor(this.#o.simulatedStartMs + send.atMs * this.#o.speed));
    const body = this.#o.feed.take(send.reads, sentAt);
    for (const readId of body.probes) this.#o.probes.sent(readId, intendedAbs);
    const exchange: Exchange = { send, intendedAbs, startAbs: now, probes: body.probes };
    this.#inFlight.add(exchange);
    void this.#exchange(exchange, body.json);
  }

  async #exchange(exchange: Exchange, json: string): Promise<void> {
    const { path, headers, dispatcher } = this.#o.target;
    let outcome: { status: number; text: string } | HubFault;
    try {
      const answer = await dispatcher.request({ method: 'POST', path, headers, body: json });
      outcome = { status: answer.statusCode, text: await answer.body.text() };
    } catch (err) {
      outcome = faultOf(err, this.#o.target.url);
    }
    if (!this.#inFlight.delete(exchange) || this.#finished) return;
    const doneAbs = this.#clock();
    if (outcome instanceof HubFault) this.#failed(exchange, doneAbs, outcome);
    else this.#answered(exchange, doneAbs, outcome.status, outcome.text);
    this.#fireDue();
    this.#arm();
    this.#maybeFinish();
  }

  #answered(exchange: Exchange, doneAbs: number, status: number, text: string): void {
    if (status < 200 || status > 299) {
      return this.#failed(exchange, doneAbs, statusFault('reads', status, text));
    }
    const answer = readsAnswer(text, exchange.send.reads);
    if (typeof answer === 'string') {
      return this.#failed(exchange, doneAbs, new HubFault('malformed', 'reads', answer));
    }
    this.#failuresInRow = 0;
    this.#lastSuccessAbs = doneAbs;
    if (answer.problem) this.#measures.fault('malformed', answer.problem);
    for (const readId of answer.rejectedIds) this.#o.probes.withdraw(readId);
    this.#measures.answered(exchange.intendedAbs, exchange.startAbs, doneAbs, answer);
  }

  #failed(exchange: Exchange, doneAbs: number, fault: HubFault): void {
    const { send, intendedAbs } = exchange;
    this.#measures.failedRequest(intendedAbs, doneAbs, send.reads, fault.kind, fault.message);
    for (const readId of exchange.probes) this.#o.probes.withdraw(readId);
    if (fault.kind !== 'refused' && fault.kind !== 'reset') return;
    this.#failuresInRow++;
    const limit = this.#o.lostAfterFailures ?? DEFAULT_LOST_AFTER_FAILURES;
    const quietMs = doneAbs - this.#lastSuccessAbs;
    if (this.#failuresInRow >= limit && quietMs >= (this.#o.lostAfterMs ?? DEFAULT_LOST_AFTER_MS)) {
      const atMs = Math.round(doneAbs - this.#t0);
      this.#stopSending({ kind: 'hub-lost', atMs, message: fault.message });
    }
  }

  readonly #onAbort = (): void => {
    const atMs = Math.round(this.#clock() - this.#t0);
    this.#stopSending({ kind: 'interrupted', atMs, message: 'the test was interrupted' });
  };

  /** No more requests go; what the schedule still held is counted as unsent. */
  #stopSending(reason: StopReason | null): void {
    if (!this.#sending) return;
    this.#sending = false;
    this.#stopped = reason;
    this.#clearTimer();
    if (this.#next) {
      this.#measures.withdrawn(this.#t0 + this.#next.atMs, this.#next.reads);
      this.#o.schedule.drain((send) => this.#measures.notSent(this.#t0 + send.atMs, send.reads));
      this.#next = null;
    }
    this.#measures.passed(this.#clock() + 1e9);
    const waitMs = this.#o.settleMs;
    this.#settleTimer = setTimeout(() => this.#giveUp(), waitMs);
    this.#maybeFinish();
  }

  /** Requests still out when the wait is over are left unaccounted for, and said so. */
  #giveUp(): void {
    for (const exchange of this.#inFlight) {
      this.#measures.abandoned(exchange.intendedAbs, exchange.send.reads);
      for (const readId of exchange.probes) this.#o.probes.withdraw(readId);
    }
    this.#inFlight.clear();
    this.#maybeFinish();
  }

  #maybeFinish(): void {
    if (this.#sending || this.#inFlight.size > 0 || this.#finished) return;
    this.#finished = true;
    this.#clearTimer();
    if (this.#settleTimer) clearTimeout(this.#settleTimer);
    if (this.#deadlineTimer) clearTimeout(this.#deadlineTimer);
    if (this.#progress) clearInterval(this.#progress);
    this.#o.signal?.removeEventListener('abort', this.#onAbort);
    const m = this.#measures;
    const end = Number.isFinite(m.lastAnswerAbs)
      ? Math.max(m.lastAnswerAbs, m.lastSendAbs)
      : this.#clock();
    const elu = performance.eventLoopUtilization(this.#elu);
    this.#resolve?.({
      measures: m,
      stopped: this.#stopped,
      eventLoopUtilisation: Math.round(elu.utilization * 1000) / 1000,
      elapsedMs: Math.max(0, end - this.#t0),
      sendingMs: Math.max(0, m.lastSendAbs - this.#t0),
      offeredSpanMs: this.#o.schedule.offeredSpanMs,
    });
  }

  #clearTimer(): void {
    this.#timer?.();
    this.#timer = null;
  }

  #report(): void {
    const m = this.#measures;
    this.#o.onProgress?.({
      elapsedMs: this.#clock() - this.#t0,
      offeredReads: m.offered.reads,
      sentReads: m.sent.reads,
      answeredReads: m.accepted + m.rejected,
      failedReads: m.failed,
      behindSchedule: m.behind.sends,
      inFlight: this.#inFlight.size,
      p99Ms: m.lastSecondP99Ms,
    });
  }
}

/** A failed exchange as a fault; an error undici does not name counts as a reset. */
function faultOf(err: unknown, url: string): HubFault {
  try {
    return transportFault('reads', url, err);
  } catch {
    const message = err instanceof Error ? err.message : String(err);
    return new HubFault('reset', 'reads', `reads: the exchange with ${url} failed: ${message}`);
  }
}

interface ReadsAnswer {
  accepted: number;
  rejected: number;
  unaccounted: number;
  rejectedIds: string[];
  /** Why the counts do not add up to the batch, when they do not. */
  problem: string | null;
}

/**
 * The answer to a batch of `reads`, or why it is not one. Counts that do not add up to
 * the batch are taken as far as they go; the rest of the batch is unaccounted for.
 */
export function readsAnswer(text: string, reads: number): ReadsAnswer | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `reads: the answer is not JSON: ${JSON.stringify(text.slice(0, 60))}`;
  }
  const { accepted, rejected } = (value ?? {}) as { accepted?: unknown; rejected?: unknown };
  if (!Number.isInteger(accepted) || (accepted as number) < 0 || !Array.isArray(rejected)) {
    return 'reads: the answer lacks a whole `accepted` count or a `rejected` list';
  }
  const ok = Math.min(accepted as number, reads);
  const refused = Math.min(rejected.length, reads - ok);
  const unaccounted = reads - ok - refused;
  const total = (accepted as number) + rejected.length;
  const problem =
    total === reads ? null : `reads: the hub accounted for ${total} reads of a batch of ${reads}`;
  const rejectedIds = rejected.flatMap((r: unknown) => {
    const id = (r as { readId?: unknown } | null)?.readId;
    return typeof id === 'string' ? [id] : [];
  });
  return { accepted: ok, rejected: refused, unaccounted, rejectedIds, problem };
}
