import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { ReadFeed } from './feed.js';
import type { LoadSession } from './hub-session.js';
import { Measures } from './measures.js';
import type { ResolvedLoadOptions } from './options.js';
import { ProbeTracker } from './probes.js';
import { arrivalsOf, type LoadProfile, type ReplayTimes } from './profiles.js';
import type { MeasuredRun } from './result.js';
import { Schedule } from './schedule.js';
import { runSender, type SenderProgress } from './sender.js';

/** The settings one run of a profile takes. */
export type RunSettings = Pick<
  ResolvedLoadOptions,
  | 'durationMs'
  | 'maxReads'
  | 'batch'
  | 'holdMs'
  | 'connections'
  | 'maxInFlight'
  | 'lateAfterMs'
  | 'graceMs'
  | 'timeoutMs'
  | 'alertWaitMs'
  | 'delivery'
>;

export interface RunProgress extends SenderProgress {
  /** The run's own length (the step's, in a saturation search), ms. */
  durationMs: number;
  /** In a saturation search: the step and its rate. */
  step: { number: number; readsPerSecond: number } | null;
}

export interface RunHooks {
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
}

const ALERT_POLL_MS = { push: 50, pull: 250 } as const;

/** The sender's connections to the hub: keep-alive, one request at a time on each. */
export function senderPool(session: LoadSession, settings: RunSettings): Pool {
  return new Pool(session.origin, {
    connections: settings.connections,
    pipelining: 1,
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
    connect: { timeout: settings.timeoutMs },
  });
}

/**
 * Runs profiles one after another on an open session: each run makes its schedule,
 * sends it open-loop through the shared pool and feed, then waits (a bounded time) for
 * the alerts its probes should raise, which are drained from the hub all along.
 */
export class ProfileRunner {
  constructor(
    private readonly settings: RunSettings,
    private readonly session: LoadSession,
    private readonly pool: Pool,
    private readonly feed: ReadFeed,
    private readonly replay: ReplayTimes,
    /** The simulated time the session started at, and when on the wall clock. */
    private readonly clock: { startAtMs: number; startAbs: number },
    private readonly hooks: RunHooks = {},
  ) {}

  async run(profile: LoadProfile, step: RunProgress['step'] = null): Promise<MeasuredRun> {
    const o = this.settings;
    let measures: Measures | undefined;
    const probes = new ProbeTracker((intended, received) => measures?.alerted(intended, received));
    const schedule = new Schedule(arrivalsOf(profile, o.durationMs, this.replay), o);
    const speed = profile.kind === 'scenario' ? profile.speed : 1;
    const elapsedMs = performance.now() - this.clock.startAbs;
    const gatherer = this.#gather(probes);
    try {
      const outcome = await runSender({
        target: {
          dispatcher: this.pool,
          path: this.session.readsPath,
          headers: this.session.headers,
          url: this.session.origin,
        },
        schedule,
        feed: this.feed,
        probes,
        maxInFlight: o.maxInFlight,
        lateAfterMs: o.lateAfterMs,
        graceMs: o.graceMs,
        settleMs: o.timeoutMs + 1000,
        simulatedStartMs: this.clock.startAtMs + elapsedMs * speed,
        speed,
        ...(this.hooks.signal ? { signal: this.hooks.signal } : {}),
        measures: (startAbs) => (measures = new Measures(startAbs)),
        onProgress: (p) => this.hooks.onProgress?.({ ...p, durationMs: o.durationMs, step }),
      });
      await gatherer.until(() => probes.waiting === 0, o.alertWaitMs);
      return { outcome, probes: probes.counts() };
    } finally {
      gatherer.stop();
    }
  }

  /** Drains the hub's alerts into the tracker on a timer until stopped. */
  #gather(probes: ProbeTracker) {
    const everyMs = ALERT_POLL_MS[this.settings.delivery];
    let stopped = false;
    let busy = false;
    const drain = async () => {
      if (busy) return;
      busy = true;
      try {
        for (const a of await this.session.alerts()) probes.alert(a.readId, a.receivedAt);
      } catch {
        // A poll that fails is tried on the next tick; the sender counts the hub's faults.
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void drain(), everyMs);
    return {
      stop: () => {
        stopped = true;
        clearInterval(timer);
      },
      until: async (done: () => boolean, maxMs: number) => {
        const deadline = performance.now() + maxMs;
        while (!stopped && performance.now() < deadline) {
          await drain();
          if (done()) return;
          await sleep(everyMs);
        }
      },
    };
  }
}
