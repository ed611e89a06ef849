import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { isTestbedError, TestbedError } from '../../simulator/errors.js';
import type { Network } from '../../simulator/network/index.js';
import type { ResolvedScenario } from '../../simulator/scenario/resolve.js';
import { buildHubServer } from '../../reference-hub/server.js';
import type { HotlistEntry } from '../hub-api/protocol.js';
import { loadScenario, type LoadedScenario } from '../scenario/load.js';
import { ReadFeed } from './feed.js';
import { openLoadSession, type LoadSession } from './hub-session.js';
import { resolveLoadOptions, type LoadOptions, type ResolvedLoadOptions } from './options.js';
import { ProfileRunner, senderPool, type RunHooks } from './profile-run.js';
import { MAX_SEED_MARKS, seedChanges, seedEntries } from './probes.js';
import { expectedReads } from './profiles.js';
import { scenarioPool, type ScenarioPool } from './read-pool.js';
import { boundsOf, buildResult, type RunContext } from './report.js';
import type { LoadResult } from './result.js';
import { findSaturation } from './saturation.js';
import { count as formatCount } from '../format.js';

/**
 * A whole load test: loads the scenario, generates the pool of reads, sets up a session
 * on the hub (the reference hub in this process when none is named), offers the profile
 * open-loop or searches for the saturation point, waits for the probes' alerts, and
 * gives back the result. A scenario or option that will not do is thrown; any error
 * after that still gives a result, with what was measured before it.
 */

export interface LoadHooks extends RunHooks {
  /** What is being done before the clock starts, in a few words. */
  onStage?: (text: string) => void;
}

export interface LoadTestOutcome {
  result: LoadResult;
  /** What ended the test early or failed it outright; the result is written regardless. */
  error: TestbedError | null;
}

export async function runLoadTest(
  options: LoadOptions,
  hooks: LoadHooks = {},
): Promise<LoadTestOutcome> {
  const startedAt = new Date();
  hooks.onStage?.(`Loading ${options.scenarioPath}`);
  const loaded = await loadScenario(options.scenarioPath);
  const settings = resolveLoadOptions(options, loaded.network.cameras.length);
  const context: RunContext = { settings, startedAt, runs: [] };
  let error: TestbedError | null = null;
  try {
    await execute(settings, loaded, context, hooks);
  } catch (err) {
    if (!isTestbedError(err)) throw err;
    error = err;
  }
  const result = buildResult(context, error);
  const lost = error ? null : lostError(result);
  // The hub's going ended the test as surely as a thrown error: load.json says so too.
  return lost ? { result: buildResult(context, lost), error: lost } : { result, error };
}

async function execute(
  o: ResolvedLoadOptions,
  { scenario, network }: LoadedScenario,
  context: RunContext,
  hooks: LoadHooks,
): Promise<void> {
  context.scenario = { name: scenario.name, file: o.scenarioPath, seed: scenario.seed };
  context.thresholdP99Ms = scenario.thresholds['detection.latencyMs.p99']?.max ?? null;
  const prepared = prepare(o, scenario, network, hooks);
  context.pool = prepared.figures;
  const hub = await hubFor(o, network);
  context.hub = { target: hub.url, name: null, version: null, inProcess: hub.inProcess };
  try {
    hooks.onStage?.(`Setting up a session on ${hub.url}`);
    const session = await openSession(o, scenario, prepared, hub);
    context.hub = { ...context.hub, name: session.info.name, version: session.info.version };
    try {
      checkBatch(o, session);
      await offer(o, context, prepared, session, hooks);
    } finally {
      await session.end();
      await session.close();
    }
  } finally {
    await hub.close();
  }
}

interface Prepared {
  source: ScenarioPool;
  seeds: HotlistEntry[];
  startAtMs: number;
  figures: NonNullable<RunContext['pool']>;
}

/** The pool and the seed marks, made before the clock starts. */
function prepare(
  o: ResolvedLoadOptions,
  scenario: ResolvedScenario,
  network: Network,
  hooks: LoadHooks,
): Prepared {
  const wanted = Math.min(o.poolReads, o.maxReads, estimate(o));
  hooks.onStage?.(`Generating up to ${formatCount(wanted)} reads from the scenario`);
  const speed = o.profile.kind === 'scenario' ? o.profile.speed : 1;
  const source = scenarioPool(scenario, network, {
    maxReads: Math.max(1, wanted),
    coverMs: o.profile.kind === 'scenario' ? o.durationMs * speed : undefined,
    scenarioPath: o.scenarioPath,
  });
  // A seed mark sent twice within the hub's alert window raises one alert, not two, so
  // there must be a mark for every probe: the scenario's own count is known only now.
  const offered =
    o.profile.kind === 'scenario' && !o.saturation
      ? expectedReads(o.profile, o.durationMs, source.pool.replay)
      : estimate(o);
  const probes = o.probeEvery === 0 ? 0 : Math.floor(Math.min(o.maxReads, offered) / o.probeEvery);
  const count = Math.min(MAX_SEED_MARKS, Math.max(probes, o.probeEvery === 0 ? 0 : 1));
  const seeds = seedEntries(count, source.marks);
  return {
    source,
    seeds,
    startAtMs: source.pool.firstDeliveryMs,
    figures: {
      reads: source.pool.reads.length,
      passes: 0,
      hotlistChanges: source.hotlist.length,
      seedMarks: seeds.length,
      generatedMs: source.generatedMs,
    },
  };
}

/** Reads the test will offer at most (before the pool exists, a scenario's are unknown). */
function estimate(o: ResolvedLoadOptions): number {
  if (o.saturation) {
    const { startPerSecond, factor, maxSteps } = o.saturation;
    const total = (startPerSecond * (factor ** maxSteps - 1)) / (factor - 1);
    return Math.ceil((total * o.durationMs) / 1000);
  }
  if (o.profile.kind === 'scenario') return o.poolReads;
  return expectedReads(o.profile, o.durationMs);
}

interface Hub {
  url: string;
  token: string;
  inProcess: boolean;
  close(): Promise<void>;
}

/** The hub named, or the reference hub listening on loopback in this process. */
async function hubFor(o: ResolvedLoadOptions, network: Network): Promise<Hub> {
  if (o.hub) return { ...o.hub, inProcess: false, close: async () => {} };
  const token = randomBytes(24).toString('base64url');
  const app = buildHubServer({ token, network });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, token, inProcess: true, close: () => app.close() };
}

function openSession(
  o: ResolvedLoadOptions,
  scenario: ResolvedScenario,
  prepared: Prepared,
  hub: Hub,
): Promise<LoadSession> {
  const startAt = new Date(prepared.startAtMs).toISOString();
  return openLoadSession({
    url: hub.url,
    token: hub.token,
    delivery: o.delivery,
    timeoutMs: o.timeoutMs,
    sessionId: `load-${scenario.seed}-${randomBytes(4).toString('hex')}`,
    scenario: scenario.name,
    seed: scenario.seed,
    startAt,
    speed: o.profile.kind === 'scenario' ? o.profile.speed : 1,
    cameras: prepared.source.cameras,
    hotlist: [...prepared.source.hotlist, ...seedChanges(prepared.seeds, startAt)],
  });
}

function checkBatch(o: ResolvedLoadOptions, session: LoadSession): void {
  const max = session.info.limits.maxReadsPerBatch;
  if (o.batch <= max) return;
  throw new TestbedError('ATB_LOAD_OPTION_INVALID', {
    name: 'batch',
    expected: `at most ${max} reads, the hub's limit`,
    value: String(o.batch),
  });
}

/** Offers the profile, or runs the saturation search, on the open session. */
async function offer(
  o: ResolvedLoadOptions,
  context: RunContext,
  prepared: Prepared,
  session: LoadSession,
  hooks: LoadHooks,
): Promise<void> {
  const marks = prepared.seeds.map((entry) => entry.vrm);
  const feed = new ReadFeed(prepared.source.pool, { every: o.probeEvery, marks });
  const pool = senderPool(session, o);
  const clock = { startAtMs: prepared.startAtMs, startAbs: performance.now() };
  const { replay } = prepared.source.pool;
  const runner = new ProfileRunner(o, session, pool, feed, replay, clock, hooks);
  context.originAbs = clock.startAbs;
  try {
    if (!o.saturation) {
      context.runs.push(await runner.run(o.profile));
      return;
    }
    const search = await findSaturation(
      (readsPerSecond, step) =>
        runner.run({ kind: 'constant', readsPerSecond }, { number: step, readsPerSecond }),
      {
        ...o.saturation,
        stepMs: o.durationMs,
        bounds: boundsOf(context),
        originAbs: clock.startAbs,
        ...(hooks.signal ? { signal: hooks.signal } : {}),
      },
    );
    context.runs.push(...search.runs);
    context.saturation = search.result;
  } finally {
    context.pool = { ...context.pool!, passes: feed.passes };
    await pool.destroy();
  }
}

/** A hub that went away mid-test fails the command, once the partial result is kept. */
function lostError(result: LoadResult): TestbedError | null {
  const stopped = result.stopped;
  if (stopped?.kind !== 'hub-lost') return null;
  return new TestbedError('ATB_LOAD_HUB_LOST', {
    url: result.hub.target,
    atS: (stopped.atMs / 1000).toFixed(1),
    reason: stopped.message,
  });
}
