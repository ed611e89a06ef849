import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { Network } from '../../simulator/network/index.js';
import type { ResolvedScenario } from '../../simulator/scenario/resolve.js';
import { World, type WorldBatch } from '../../simulator/world/generate.js';
import type { ShardSpec } from '../../simulator/world/shard.js';
import type { CountPoint, WorldSummary } from '../../simulator/world/summary.js';
import { TestbedError } from '../../simulator/errors.js';
import { NdjsonWriter } from './ndjson.js';
import { hotlistLine, journeyLine, offenceLine, writeRead, writeSighting } from './records.js';
import { SumoRouteWriter } from './sumo-routes.js';

/**
 * Each batch is written as soon as it comes, so small batches let its records be written
 * and dropped while the collector still counts them as young, rather than copied into the
 * old generation to wait for the rest of a large batch.
 */
const TRIPS_PER_BATCH = 1_000;

/**
 * How far, in per cent, the old generation may grow past what survived the last full
 * collection before the next. Generation keeps a small live heap (under 200 MB for a county
 * day) while gigabytes of short-lived records pass through it. V8's default lets the heap
 * grow to four times the live size between full collections, so peak memory depended on
 * when it happened to collect: 700 MB for one build and nearly 1 GB for the next, with the
 * same live heap. At twice the live size full collections come about twice as often, each
 * takes tens of milliseconds, and a day of 1.2 million trips peaks near 600 MB.
 */
const HEAP_GROWING_PERCENT = 100;

export const OUTPUT_FILES = {
  reads: 'reads.ndjson',
  sightings: 'sightings.ndjson',
  hotlist: 'hotlist.ndjson',
  offences: 'offences.ndjson',
  journeys: 'journeys.ndjson',
  summary: 'summary.json',
} as const;

export interface GenerateOptions {
  outDir: string;
  shard?: ShardSpec;
  sumoDir?: string;
  /** Where the network folder is, to find its traffic counts. */
  networkDir?: string;
  /** Called after each batch with the share of the window played, 0 to 1. */
  onProgress?: (done: number) => void;
}

export interface GenerateResult {
  summary: WorldSummary & {
    scenario: string;
    seed: number;
    shard: ShardSpec | null;
    window: { start: string; end: string };
  };
  files: string[];
}

/**
 * Plays a scenario's world into NDJSON files, one batch at a time. It bounds how far the
 * process's heap grows between full collections (see `HEAP_GROWING_PERCENT`), which holds
 * for the rest of the process. Node applies V8 settings changed after start on a
 * best-effort basis; where one is not taken up, generation runs the same with V8's default.
 */
export async function generate(
  scenario: ResolvedScenario,
  network: Network,
  options: GenerateOptions,
): Promise<GenerateResult> {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const countPoints = await readCountPoints(options.networkDir);
  const world = new World(scenario, network, {
    ...(options.shard ? { shard: options.shard } : {}),
    keepTrips: options.sumoDir !== undefined,
    countPoints,
    tripsPerBatch: TRIPS_PER_BATCH,
  });
  await makeDir(options.outDir);
  const writers = openWriters(options.outDir);
  const sumo = options.sumoDir
    ? await SumoRouteWriter.open(options.sumoDir, scenario.startMs)
    : null;

  for (const j of world.journeys) writers.journeys.write(journeyLine(j));
  for (const o of world.offences) writers.offences.write(offenceLine(o));
  const span = scenario.endMs - scenario.startMs;
  for (const batch of world.play()) {
    writeBatch(batch, writers, sumo);
    options.onProgress?.(Math.min(1, Math.max(0, (batch.simTimeMs - scenario.startMs) / span)));
  }
  for (const w of Object.values(writers)) w.close();
  sumo?.close();

  const summary = {
    scenario: scenario.name,
    seed: scenario.seed,
    shard: options.shard ?? null,
    window: {
      start: new Date(scenario.startMs).toISOString(),
      end: new Date(scenario.endMs).toISOString(),
    },
    ...world.summary(),
  };
  const summaryPath = join(options.outDir, OUTPUT_FILES.summary);
  await writeFile(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
  return {
    summary,
    files: [
      ...Object.values(writers).map((w) => w.path),
      summaryPath,
      ...(sumo ? [sumo.path] : []),
    ],
  };
}

function openWriters(dir: string) {
  return {
    reads: new NdjsonWriter(join(dir, OUTPUT_FILES.reads)),
    sightings: new NdjsonWriter(join(dir, OUTPUT_FILES.sightings)),
    hotlist: new NdjsonWriter(join(dir, OUTPUT_FILES.hotlist)),
    offences: new NdjsonWriter(join(dir, OUTPUT_FILES.offences)),
    journeys: new NdjsonWriter(join(dir, OUTPUT_FILES.journeys)),
  };
}

function writeBatch(
  batch: WorldBatch,
  writers: ReturnType<typeof openWriters>,
  sumo: SumoRouteWriter | null,
): void {
  for (const r of batch.reads) writeRead(writers.reads, r);
  for (const s of batch.sightings) writeSighting(writers.sightings, s);
  for (const c of batch.hotlist) writers.hotlist.write(hotlistLine(c));
  sumo?.write(batch.trips);
}

async function makeDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new TestbedError('ATB_FILE_UNWRITABLE', {
      path: dir,
      reason: (err as NodeJS.ErrnoException).code ?? String(err),
    });
  }
}

/** The network folder's `traffic-counts.json`, if it has one. */
async function readCountPoints(networkDir: string | undefined): Promise<CountPoint[]> {
  if (!networkDir) return [];
  const path = join(networkDir, 'traffic-counts.json');
  if (!existsSync(path)) return [];
  const doc = JSON.parse(await readFile(path, 'utf8')) as { points: CountPoint[] };
  return doc.points;
}
