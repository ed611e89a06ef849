import { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { ReadFeed } from './feed.js';
import { ProbeTracker } from './probes.js';
import { arrivalsOf } from './profiles.js';
import { Schedule } from './schedule.js';
import { runSender } from './sender.js';
import {
  startLoadTestHub,
  measureHub,
  syntheticPool,
  type LoadTestHub,
  type LoadTestHubOptions,
} from './testing.js';

const hubs: LoadTestHub[] = [];
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.close();
});

async function hub(options: LoadTestHubOptions = {}): Promise<LoadTestHub> {
  const started = await startLoadTestHub(options);
  hubs.push(started);
  return started;
}

describe('the open-loop sender', () => {
  it('measures latency from the intended send time, so queueing at a slow hub counts', async () => {
    // One request at a time, 30 ms each: 100 requests offered in a second take three.
    const slow = await hub({ serialMs: 30 });
    const { figures } = await measureHub(slow, {
      profile: { kind: 'constant', readsPerSecond: 100 },
      durationMs: 1000,
      connections: 1,
      inFlightPerConnection: 1,
      graceMs: 5000,
      probeEvery: 0,
    });
    expect(figures.reads).toMatchObject({ offered: 100, sent: 100, accepted: 100, unsent: 0 });
    // The last request was due at 0.99 s and answered at about 3 s.
    expect(figures.latencyMs.ingest.max).toBeGreaterThan(1800);
    expect(figures.latencyMs.ingest.p50).toBeGreaterThan(700);
    // Measured from when each request actually went, as a closed loop would, it all
    // looks fast.
    expect(figures.latencyMs.service.p99).toBeLessThan(300);
    expect(figures.behindSchedule.waitingForConnection).toBeGreaterThan(90);
    expect(figures.generator.limited).toBe(false);
  });

  it('reports a rate this machine cannot produce as such, with the shortfall', async () => {
    const fast = await hub();
    const { figures } = await measureHub(fast, {
      profile: { kind: 'constant', readsPerSecond: 2_000_000 },
      durationMs: 500,
      graceMs: 500,
      connections: 8,
      probeEvery: 0,
    });
    expect(figures.generator.limited).toBe(true);
    expect(figures.generator.eventLoopUtilisation).toBeGreaterThanOrEqual(0.9);
    expect(figures.generator.shortfallReadsPerSecond).toBeGreaterThan(1_000_000);
    expect(figures.offered.reads).toBe(1_000_000);
    expect(figures.reads.unsent).toBe(figures.reads.offered - figures.reads.sent);
    expect(figures.reads.unsent).toBeGreaterThan(0);
    expect(figures.behindSchedule.sends).toBeGreaterThan(0);
    expect(figures.errors.byKind['behind-schedule']).toBe(figures.behindSchedule.sends);
  });

  it('accounts for every read sent: accepted, refused one by one, or failed', async () => {
    // Every mark of the synthetic pool ends in a base-36 digit; refuse those ending in Z.
    const marks = Array.from(
      { length: 100 },
      (_, i) => `NX${(i + 100_000).toString(36).toUpperCase()}`,
    );
    const refusing = await hub({ rejectVrms: marks.filter((m) => m.endsWith('Z')) });
    const { figures } = await measureHub(refusing, {
      profile: { kind: 'constant', readsPerSecond: 1000 },
      durationMs: 1000,
      batch: 10,
      poolReads: 100,
      probeEvery: 0,
    });
    const r = figures.reads;
    expect(r.sent).toBe(1000);
    expect(r.rejected).toBe(10 * marks.filter((m) => m.endsWith('Z')).length);
    expect(r.accepted + r.rejected + r.failed).toBe(r.sent);
    expect(r.unaccounted).toBe(0);
  });

  it('counts reads a hub neither accepts nor refuses as unaccounted', async () => {
    const miscounting = await hub({ miscount: true });
    const { figures } = await measureHub(miscounting, {
      profile: { kind: 'constant', readsPerSecond: 200 },
      durationMs: 500,
      batch: 10,
      probeEvery: 0,
    });
    expect(figures.reads.unaccounted).toBe(figures.sent.requests);
    expect(figures.reads.accepted + figures.reads.unaccounted).toBe(figures.reads.sent);
    expect(figures.errors.samples.malformed).toMatch(/accounted for 9 reads of a batch of 10/);
  });

  it.each(['push', 'pull'] as const)(
    'measures alert latency on seeded probe reads (%s delivery)',
    async (delivery) => {
      const alerting = await hub();
      const { figures } = await measureHub(alerting, {
        profile: { kind: 'constant', readsPerSecond: 400 },
        durationMs: 1000,
        probeEvery: 40,
        delivery,
      });
      expect(figures.alerts).toEqual({ expected: 10, alerted: 10, missing: 0 });
      expect(figures.latencyMs.alert.count).toBe(10);
      expect(figures.latencyMs.alert.p50).toBeGreaterThan(0);
      expect(figures.series.some((s) => s.alertP99Ms !== null)).toBe(true);
    },
  );

  it('counts every read as unsent when interrupted before the first request', async () => {
    const interrupted = AbortSignal.abort();
    const url = 'http://127.0.0.1:9';
    const pool = new Pool(url);
    const schedule = new Schedule(arrivalsOf({ kind: 'constant', readsPerSecond: 100 }, 1000), {
      durationMs: 1000,
      maxReads: 1000,
      batch: 1,
      holdMs: 1000,
    });
    try {
      const outcome = await runSender({
        target: { dispatcher: pool, path: '/v1/sessions/s/reads', headers: {}, url },
        schedule,
        feed: new ReadFeed(syntheticPool(10), { every: 0, marks: [] }),
        probes: new ProbeTracker(() => {}),
        maxInFlight: 4,
        lateAfterMs: 10,
        graceMs: 100,
        settleMs: 100,
        simulatedStartMs: 0,
        speed: 1,
        signal: interrupted,
      });
      expect(outcome.stopped).toMatchObject({ kind: 'interrupted' });
      const m = outcome.measures;
      expect(m.offered).toEqual({ requests: 100, reads: 100 });
      expect(m.unsent).toEqual({ requests: 100, reads: 100 });
      expect(m.sent).toEqual({ requests: 0, reads: 0 });
    } finally {
      await pool.close();
    }
  });

  it('stops when the hub dies mid-test and keeps what it measured', async () => {
    const dying = await hub();
    setTimeout(() => void dying.kill(), 600);
    const { run, figures } = await measureHub(dying, {
      profile: { kind: 'constant', readsPerSecond: 500 },
      durationMs: 5000,
      probeEvery: 0,
    });
    expect(run.outcome.stopped).toMatchObject({ kind: 'hub-lost' });
    expect(run.outcome.stopped!.atMs).toBeLessThan(4000);
    const r = figures.reads;
    expect(r.accepted).toBeGreaterThan(200);
    expect(r.failed).toBeGreaterThan(0);
    expect(r.unsent).toBeGreaterThan(0);
    expect(r.accepted + r.rejected + r.failed + r.unaccounted).toBe(r.sent);
    expect(r.sent + r.unsent).toBe(r.offered);
    expect(figures.errors.byKind.refused ?? 0).toBeGreaterThan(0);
  });
});
