import { performance } from 'node:perf_hooks';
import { TestbedError } from '../../simulator/errors.js';
import type { Network } from '../../simulator/network/index.js';
import type { ResolvedScenario } from '../../simulator/scenario/resolve.js';
import { World } from '../../simulator/world/generate.js';
import type { CameraRegistry, HotlistChange, Read } from '../hub-api/protocol.js';
import { cameraRegistry, wireChange, wireRead } from '../runner/wire.js';
import type { ReplayTimes } from './profiles.js';

/**
 * The reads a load test sends, made before the clock starts: generating a world is far
 * slower than sending its reads, so the test replays a pool held in memory, pass after
 * pass, with fresh read ids on each pass after the first.
 */
export interface ReadPool {
  reads: readonly Read[];
  /** Each read's JSON after its id (`,"vrm":…}`), so that a body is only joined. */
  tails: readonly string[];
  /** Delivery times, for the scenario profile. */
  replay: ReplayTimes;
  /** Simulated time of the first delivery. */
  firstDeliveryMs: number;
}

/** A pool of reads with their simulated delivery times (in order). */
export function poolOf(reads: readonly Read[], deliveredMs: ArrayLike<number>): ReadPool {
  const first = deliveredMs[0] ?? 0;
  const offsetsMs = Float64Array.from({ length: reads.length }, (_, i) => deliveredMs[i]! - first);
  const last = offsetsMs[offsetsMs.length - 1] ?? 0;
  // A pass stands for the pool's span and one average gap more, so that passes join
  // at the pool's own rate.
  const spanMs = reads.length > 1 && last > 0 ? (last * reads.length) / (reads.length - 1) : 1000;
  return {
    reads,
    tails: reads.map(tailOf),
    replay: { offsetsMs, spanMs },
    firstDeliveryMs: first,
  };
}

function tailOf(read: Read): string {
  const json = JSON.stringify(read);
  const head = `{"readId":${JSON.stringify(read.readId)}`;
  if (!json.startsWith(head)) throw new Error(`Read ${read.readId} does not start with its id`);
  return json.slice(head.length);
}

export interface ScenarioPoolOptions {
  /** The most reads to hold. */
  maxReads: number;
  /** Stop once the pool covers this much simulated time (for the scenario profile). */
  coverMs?: number | undefined;
  /** For the error message when the scenario has no reads. */
  scenarioPath: string;
}

/** Everything a load test takes from its scenario. */
export interface ScenarioPool {
  pool: ReadPool;
  /** The world's hotlist changes met while the pool was made, as the hub takes them. */
  hotlist: HotlistChange[];
  cameras: CameraRegistry;
  /** Every mark in the pool and on the hotlist, which seed marks must avoid. */
  marks: Set<string>;
  /** Wall-clock milliseconds it took. */
  generatedMs: number;
}

/**
 * Plays the scenario's world until the pool is full (or the world ends), keeping reads
 * in delivery order. Fails with ATB_LOAD_NO_READS when the world gives none.
 */
export function scenarioPool(
  scenario: ResolvedScenario,
  network: Network,
  options: ScenarioPoolOptions,
): ScenarioPool {
  const started = performance.now();
  const world = new World(scenario, network);
  const reads: Read[] = [];
  const delivered: number[] = [];
  const hotlist: HotlistChange[] = [];
  for (const batch of world.play()) {
    for (const change of batch.hotlist) hotlist.push(wireChange(change));
    for (const read of batch.reads) {
      if (reads.length >= options.maxReads) break;
      reads.push(wireRead(read));
      delivered.push(read.deliveredAtMs);
    }
    if (reads.length >= options.maxReads || covers(delivered, options.coverMs)) break;
  }
  if (reads.length === 0) {
    throw new TestbedError('ATB_LOAD_NO_READS', {
      path: options.scenarioPath,
      reason: 'no vehicle passed a working camera in its window (is there any traffic?)',
    });
  }
  const marks = new Set(reads.map((r) => r.vrm));
  for (const change of hotlist) if (change.action === 'upsert') marks.add(change.entry.vrm);
  return {
    pool: poolOf(reads, delivered),
    hotlist,
    cameras: cameraRegistry(network),
    marks,
    generatedMs: Math.round(performance.now() - started),
  };
}

function covers(delivered: readonly number[], coverMs: number | undefined): boolean {
  if (coverMs === undefined || delivered.length === 0) return false;
  return delivered[delivered.length - 1]! - delivered[0]! >= coverMs;
}
