/**
 * Load generator benchmark, in one run:
 *
 * 1. single reads: wrk posts one read a request to the reference hub's reads
 *    endpoint for a bounded time, then the open-loop generator offers single-read
 *    requests to the same hub process at a rate above what wrk reached, so that the
 *    hub, not the schedule, sets what is achieved. Target: the generator achieves at
 *    least 80% of wrk's rate;
 * 2. batches: the generator at a rate above the hub's in batches of 1,000 reads,
 *    against the reference hub and, to tell the generator's limit from the hub's,
 *    against the light test hub (which parses each batch and does little else).
 *    Target: 200,000 reads a second;
 * 3. a stall: a test hub that answers nothing for one second in every ten, at a
 *    modest rate; p99 from the intended send time must show the stall (900 ms or
 *    more), which the service time, measured from the actual send as a closed loop
 *    would, hides.
 *
 * Every hub runs in a child process (hub-process.ts), so that the generator (or wrk)
 * and the hub each have one of the machine's two cores; each part says how busy the
 * hub's process was. Each step is bounded in time; the children are killed when this
 * process ends however it ends. Loopback only. Run with `npm run bench:load`; prints
 * one JSON document.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLoadSession } from '../harness/load/hub-session.js';
import type { Figures } from '../harness/load/result.js';
import {
  measureHub,
  syntheticPool,
  SYNTHETIC_CAMERA,
  type MeasureOptions,
} from '../harness/load/testing.js';
import {
  killHubs,
  startHub,
  stopHub,
  watchHub,
  type ChildHub,
  type HubKind,
} from './hub-process.js';
import { findWrk, runWrk, type WrkTarget } from './wrk.js';

const START_AT = '2026-11-12T21:00:00.000Z';
/** Reads in the synthetic pool, sent in turn by wrk and by the generator alike. */
const POOL_READS = 10_000;

/** Single reads: connections, and how long each side warms up and is measured. */
const SINGLE_CONNECTIONS = 16;
const WARM_UP_MS = 2_000;
const MEASURE_MS = 10_000;
/** The generator's rate, as a multiple of wrk's, to be sure it is above the hub's. */
const ABOVE_WRK = 1.5;
/** Achieving this share of the rate offered means nothing was at its limit. */
const ALL_OFFERED = 0.97;
/** Its rate when there is no wrk to measure against. */
const SINGLE_RATE_WITHOUT_WRK = 30_000;

/** Batches: reads a request, connections, and a rate above either hub's. */
const BATCH = 1_000;
const BATCH_CONNECTIONS = 4;
const BATCH_RATE = 400_000;

/**
 * The stall: every 10 s the hub stops for 1 s, first 5 s after it starts. The test
 * runs three whole periods, so a tenth of its time is stalled and a tenth of its
 * requests wait from 0 to 1,000 ms: by arithmetic the p99 is about 900 ms, a little
 * more for the queue that each stall leaves behind.
 */
const STALL = { everyMs: 10_000, forMs: 1_000, atMs: 5_000 };
const STALL_RATE = 200;
const STALL_MS = 30_000;
const STALL_CONNECTIONS = 4;

/** The whole benchmark gives up after this, killing its children. */
const MAX_BENCH_MS = 5 * 60_000;

const TARGETS = { singleVsWrk: 0.8, batchedReadsPerSecond: 200_000, stallP99Ms: 900 };

/** wrk's figures on a session of its own, with the synthetic camera registered. */
async function wrkSingle(hub: ChildHub, dir: string) {
  const session = await openLoadSession({
    url: hub.url,
    token: hub.token,
    delivery: 'pull',
    timeoutMs: 10_000,
    sessionId: 'bench-wrk',
    scenario: 'bench',
    seed: 1,
    startAt: START_AT,
    speed: 1,
    cameras: { cameras: [SYNTHETIC_CAMERA] },
    hotlist: [],
  });
  try {
    const target = (idPrefix: string): WrkTarget => ({
      origin: session.origin,
      path: session.readsPath,
      headers: session.headers,
      tails: syntheticPool(POOL_READS).tails,
      sentAt: START_AT,
      idPrefix,
    });
    const run = { threads: 1, connections: SINGLE_CONNECTIONS };
    await runWrk(target('warm'), { ...run, durationMs: WARM_UP_MS }, dir);
    return await watchHub(hub, () =>
      runWrk(target('run'), { ...run, durationMs: MEASURE_MS }, dir),
    );
  } finally {
    await session.end();
    await session.close();
  }
}

/** The generator offering `options` to the hub, after a short warm-up at the same rate. */
async function generator(hub: ChildHub, options: MeasureOptions) {
  const base = { probeEvery: 0, delivery: 'pull' as const, poolReads: POOL_READS };
  await measureHub(hub, { ...base, ...options, durationMs: WARM_UP_MS });
  const measured = await watchHub(hub, () => measureHub(hub, { ...base, ...options }));
  return { ...figuresOf(measured.result.figures), hub: measured.hub };
}

function figuresOf(f: Figures) {
  const ms = (p: Figures['latencyMs']['ingest']) => ({
    p50: p.p50,
    p90: p.p90,
    p99: p.p99,
    max: p.max,
  });
  return {
    offeredReadsPerSecond: f.offered.readsPerSecond,
    sentReadsPerSecond: f.sent.readsPerSecond,
    achievedReadsPerSecond: f.achieved.readsPerSecond,
    requests: f.sent.requests,
    reads: f.reads,
    failedByKind: Object.fromEntries(
      Object.entries(f.errors.byKind).filter(([kind]) => kind !== 'behind-schedule'),
    ),
    ingestMs: ms(f.latencyMs.ingest),
    serviceMs: ms(f.latencyMs.service),
    behindSchedule: f.behindSchedule,
    generator: f.generator,
  };
}

async function singleReads(hub: ChildHub) {
  const version = findWrk();
  let wrk: Awaited<ReturnType<typeof wrkSingle>> | null = null;
  if (version) {
    const dir = await mkdtemp(join(tmpdir(), 'atb-bench-load-'));
    try {
      wrk = await wrkSingle(hub, dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const wrkRate = wrk?.result.okPerSecond ?? null;
  const ours = await generator(hub, {
    profile: {
      kind: 'constant',
      readsPerSecond: wrkRate ? Math.ceil(wrkRate * ABOVE_WRK) : SINGLE_RATE_WITHOUT_WRK,
    },
    durationMs: MEASURE_MS,
    connections: SINGLE_CONNECTIONS,
    inFlightPerConnection: 1,
  });
  return {
    wrk: wrk
      ? { version, ...wrk.result, hub: wrk.hub }
      : { skipped: 'wrk was not found on the PATH' },
    generator: ours,
    generatorOverWrk: wrkRate ? round(ours.achievedReadsPerSecond / wrkRate, 3) : null,
    ...(ours.achievedReadsPerSecond >= ALL_OFFERED * ours.offeredReadsPerSecond
      ? {
          note:
            'The generator achieved nearly all it offered: neither it nor the hub was at ' +
            'its limit, so the ratio is a lower bound.',
        }
      : {}),
  };
}

function batched(hub: ChildHub) {
  return generator(hub, {
    profile: { kind: 'constant', readsPerSecond: BATCH_RATE },
    durationMs: MEASURE_MS,
    batch: BATCH,
    connections: BATCH_CONNECTIONS,
  });
}

async function stalled(hub: ChildHub) {
  const measured = await watchHub(hub, () =>
    measureHub(hub, {
      profile: { kind: 'constant', readsPerSecond: STALL_RATE },
      durationMs: STALL_MS,
      connections: STALL_CONNECTIONS,
      probeEvery: 0,
      delivery: 'pull',
      poolReads: POOL_READS,
    }),
  );
  const f = measured.result.figures;
  return {
    offeredReadsPerSecond: f.offered.readsPerSecond,
    reads: f.reads,
    ingestMs: f.latencyMs.ingest,
    serviceMs: f.latencyMs.service,
    secondsWithP99Over500Ms: f.series.filter((s) => (s.p99Ms ?? 0) > 500).map((s) => s.second),
    hub: measured.hub,
  };
}

/** Runs a part with the hub it needs, one hub process at a time. */
async function withHub<T>(kind: HubKind, work: (hub: ChildHub) => Promise<T>): Promise<T> {
  const hub = await startHub(kind, kind === 'stall' ? STALL : undefined);
  try {
    return await work(hub);
  } finally {
    await stopHub(hub);
  }
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench:load: gave up after ${MAX_BENCH_MS / 1000} s\n`);
    process.exit(1);
  }, MAX_BENCH_MS);
  watchdog.unref();
  process.once('exit', killHubs);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => process.exit(130));
  }
  const reference = await withHub('reference', async (hub) => ({
    single: await singleReads(hub),
    batched: await batched(hub),
  }));
  const light = await withHub('light', batched);
  const stall = await withHub('stall', stalled);
  print(reference, light, stall);
}

type Single = Awaited<ReturnType<typeof singleReads>>;
type Batched = Awaited<ReturnType<typeof batched>>;
type Stalled = Awaited<ReturnType<typeof stalled>>;

function print(reference: { single: Single; batched: Batched }, light: Batched, stall: Stalled) {
  const ratio = reference.single.generatorOverWrk;
  const output = {
    benchmark: 'load',
    node: process.version,
    cpus: cpus().length,
    setup: setup(),
    targets: TARGETS,
    met: {
      singleVsWrk: ratio === null ? null : ratio >= TARGETS.singleVsWrk,
      batchedReferenceHub:
        reference.batched.achievedReadsPerSecond >= TARGETS.batchedReadsPerSecond,
      batchedLightHub: light.achievedReadsPerSecond >= TARGETS.batchedReadsPerSecond,
      stallShown: (stall.ingestMs.p99 ?? 0) >= TARGETS.stallP99Ms,
    },
    single: reference.single,
    batched: { referenceHub: reference.batched, lightTestHub: light },
    stall,
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

function setup() {
  const n = (x: number) => x.toLocaleString('en-GB');
  return {
    hubs:
      'each in a child process on loopback, wrk or the generator in this one; `hub` is how ' +
      'busy the hub process was while measured (event loop share, CPU cores)',
    reads:
      `a synthetic pool of ${n(POOL_READS)} reads at one camera, sent in turn with a fresh ` +
      'read id each time; the hub has an empty hotlist, so its work per read is light ' +
      '(bench:hub measures it with realistic reads); no probe reads',
    single:
      `1 read a request, ${SINGLE_CONNECTIONS} connections, ${WARM_UP_MS / 1000} s warm-up ` +
      `then ${MEASURE_MS / 1000} s measured; wrk -t1 is closed-loop; the generator offers ` +
      `${ABOVE_WRK}x wrk's rate open-loop, one request in flight a connection`,
    batched:
      `${n(BATCH)} reads a request, ${BATCH_CONNECTIONS} connections (2 in flight each), ` +
      `${n(BATCH_RATE)} reads/s offered for ${MEASURE_MS / 1000} s after a warm-up`,
    stall:
      `test hub silent ${STALL.forMs} ms in every ${STALL.everyMs} ms; ${STALL_RATE} reads/s ` +
      `for ${STALL_MS / 1000} s, ${STALL_CONNECTIONS} connections (2 in flight each)`,
  };
}

function round(x: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(x * scale) / scale;
}

await main();
