import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestbedError } from '../../simulator/errors.js';
import type { ResolvedScenario } from '../../simulator/scenario/resolve.js';
import { World } from '../../simulator/world/generate.js';
import type { HotlistChange, Read } from '../../simulator/world/types.js';
import { iso } from '../generate/records.js';
import { cameraRegistry, wireChange } from '../runner/wire.js';
import { loadScenario } from '../scenario/load.js';
import { batchReads, type ExportBatch } from './batches.js';
import { exportReadme, type ExportFacts, type ExportFile } from './export-readme.js';
import { k6Thresholds, testRunName, type K6Plan } from './k6-plan.js';
import { clusterNames, testRunYaml } from './k6-operator.js';
import { k6Script } from './k6-script.js';
import { constantExecutor, pace, rampingExecutor, RequestCounts } from './schedule.js';
import { ShardFiles, type ShardSummary } from './shard-files.js';
import { count } from '../format.js';

export interface K6ExportOptions {
  scenarioPath: string;
  outDir: string;
  /** Shard files, one per k6 instance. */
  shards?: number;
  /** Reads per request, at most. */
  batch?: number;
  /** The hub the script sends to unless told otherwise. */
  hubUrl?: string;
  /** Simulated seconds per wall-clock second. */
  rateScale?: number;
  /** Spread the requests evenly instead of following the scenario's rate. */
  flat?: boolean;
  /** Export only the first hours of the scenario's window. */
  hours?: number;
  /** Export at most this many reads, the first delivered. */
  maxReads?: number;
  /** Called as the world is played, with the share of the window done, 0 to 1. */
  onProgress?: (done: number) => void;
}

export const K6_DEFAULTS = {
  shards: 1,
  batch: 25,
  hubUrl: 'http://127.0.0.1:8080',
  rateScale: 1,
} as const;

/** A request not yet full goes this long after its first read was due, wall-clock ms. */
export const HOLD_MS = 1000;

export const K6_FILES = {
  script: 'script.js',
  cameras: 'cameras.json',
  hotlist: 'hotlist.json',
  testRun: 'k6-operator.yaml',
  readme: 'README.md',
} as const;

export interface K6ExportResult {
  facts: ExportFacts;
  shards: ShardSummary[];
  /** The names of the files written, in the output folder. */
  files: string[];
}

type Settings = Required<Omit<K6ExportOptions, 'hours' | 'maxReads' | 'onProgress'>> &
  Pick<K6ExportOptions, 'hours' | 'maxReads'>;

/**
 * Writes a scenario's reads as a k6 load test: the reads dealt into shard files of
 * requests ready to post, the camera sites and hotlist for setup, the script, a
 * k6-operator TestRun and a README. The world is played once and each request written as
 * it is made, so memory holds one request at a time.
 */
export async function exportK6(options: K6ExportOptions): Promise<K6ExportResult> {
  const settings = checkOptions(options);
  const { scenario, network } = await loadScenario(options.scenarioPath);
  const cut = cutWindow(scenario, settings);
  const { minuteMs, speed } = pace(settings.rateScale);
  const world = new World(scenario, network);
  const played = playIntoShards(world, settings, minuteMs, speed, options.onProgress);

  const registry = cameraRegistry(network);
  const dir = settings.outDir;
  const data: ExportFile[] = [
    ...played.shards.map((s) => ({ file: s.file, bytes: s.bytes, what: shardWhat(s) })),
    writeJson(dir, K6_FILES.cameras, registry, 'camera sites, for setup()'),
    writeJson(dir, K6_FILES.hotlist, played.hotlist.map(wireChange), 'hotlist, for setup()'),
  ];
  const facts: ExportFacts = {
    plan: planFor(scenario, settings, played.counts, speed),
    reads: played.shards.reduce((sum, s) => sum + s.reads, 0),
    requests: played.counts.total,
    hotlistChanges: played.hotlist.length,
    cameras: registry.cameras.length,
    firstSentAt: played.firstSentAt,
    lastSentAt: played.lastSentAt,
    cut,
    holdMs: HOLD_MS,
    durationMs: played.counts.durationMs,
    peakPerSecond: played.counts.peakPerSecond,
    files: data,
  };
  const files = [...data, ...writeRunFiles(dir, facts)];
  return { facts: { ...facts, files }, shards: played.shards, files: files.map((f) => f.file) };
}

interface Played {
  shards: ShardSummary[];
  counts: RequestCounts;
  hotlist: HotlistChange[];
  firstSentAt: string;
  lastSentAt: string;
}

/** Plays the world, batching its reads into requests and dealing them into shard files. */
function playIntoShards(
  world: World,
  settings: Settings,
  minuteMs: number,
  speed: number,
  onProgress: ((done: number) => void) | undefined,
): Played {
  const hotlist: HotlistChange[] = [];
  const reads = playReads(world, settings.maxReads, hotlist, onProgress);
  const rule = { startMs: world.scenario.startMs, speed, batch: settings.batch, holdMs: HOLD_MS };
  const counts = new RequestCounts(minuteMs);
  const files = new ShardFiles(settings.outDir, settings.shards);
  let first: ExportBatch | undefined;
  let last: ExportBatch | undefined;
  for (const batch of batchReads(reads, rule)) {
    files.add(batch);
    counts.add(batch.offsetMs);
    first ??= batch;
    last = batch;
  }
  if (!first || !last) throw noReads(world.scenario, settings.scenarioPath);
  const shards = files.close();
  return { shards, counts, hotlist, firstSentAt: first.body.sentAt, lastSentAt: last.body.sentAt };
}

/**
 * The script, the TestRun and the README. The TestRun depends on whether the folder fits
 * in a ConfigMap, and the README gives the size of every file before it.
 */
function writeRunFiles(dir: string, facts: ExportFacts): ExportFile[] {
  const script = writeText(dir, K6_FILES.script, k6Script(facts.plan), 'the k6 script');
  const names = clusterNames(
    facts.plan,
    facts.files.reduce((sum, f) => sum + f.bytes, script.bytes),
  );
  const yaml = testRunYaml(facts.plan, names);
  const testRun = writeText(dir, K6_FILES.testRun, yaml, 'the k6-operator TestRun');
  const readme = exportReadme({ ...facts, files: [...facts.files, script, testRun] }, names);
  return [script, testRun, writeText(dir, K6_FILES.readme, readme, 'how to run it')];
}

function planFor(
  scenario: ResolvedScenario,
  settings: Settings,
  counts: RequestCounts,
  speed: number,
): K6Plan {
  const executor = settings.flat
    ? constantExecutor(counts, settings.shards)
    : rampingExecutor(counts, settings.shards);
  return {
    scenarioFile: settings.scenarioPath,
    scenarioName: scenario.name,
    seed: scenario.seed,
    testRun: testRunName(scenario.name),
    hubUrl: settings.hubUrl,
    sessionId: `k6-${scenario.seed}`,
    session: {
      scenario: scenario.name,
      seed: scenario.seed,
      mode: 'real',
      startAt: iso(scenario.startMs),
      speed,
      delivery: 'pull',
    },
    shards: settings.shards,
    batch: settings.batch,
    executor,
    ...k6Thresholds(scenario.thresholds),
  };
}

/**
 * The scenario's reads in delivery order, up to `limit`, gathering the hotlist changes
 * made up to the last of them. The world stops being played once the limit is reached.
 */
function* playReads(
  world: World,
  limit: number | undefined,
  hotlist: HotlistChange[],
  onProgress: ((done: number) => void) | undefined,
): Generator<Read> {
  const { startMs, endMs } = world.scenario;
  let taken = 0;
  for (const batch of world.play()) {
    for (const change of batch.hotlist) hotlist.push(change);
    for (const read of batch.reads) {
      if (limit !== undefined && taken >= limit) return;
      taken++;
      yield read;
    }
    onProgress?.(Math.min(1, Math.max(0, (batch.simTimeMs - startMs) / (endMs - startMs))));
  }
}

function shardWhat(shard: ShardSummary): string {
  return `${count(shard.requests)} requests, ${count(shard.reads)} reads`;
}

function writeJson(dir: string, file: string, value: unknown, what: string): ExportFile {
  return writeText(dir, file, `${JSON.stringify(value)}\n`, what);
}

function writeText(dir: string, file: string, text: string, what: string): ExportFile {
  const path = join(dir, file);
  try {
    writeFileSync(path, text);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new TestbedError('ATB_FILE_UNWRITABLE', { path, reason });
  }
  return { file, bytes: Buffer.byteLength(text), what };
}

/** Shortens the scenario's window to `--hours`, and says how the export was cut. */
function cutWindow(scenario: ResolvedScenario, settings: Settings): string | null {
  const windowHours = (scenario.endMs - scenario.startMs) / 3_600_000;
  const parts: string[] = [];
  if (settings.hours !== undefined) {
    if (settings.hours > windowHours) {
      throw invalid('--hours', `at most the scenario's ${windowHours} hours`, settings.hours);
    }
    scenario.endMs = scenario.startMs + settings.hours * 3_600_000;
    parts.push(`the first ${settings.hours} of ${windowHours} hours (--hours)`);
  }
  if (settings.maxReads !== undefined) {
    parts.push(`the first ${count(settings.maxReads)} reads (--max-reads)`);
  }
  return parts.length > 0 ? parts.join(', ') : null;
}

/** Every option checked before any work, each failure naming the option and its value. */
function checkOptions(options: K6ExportOptions): Settings {
  const settings: Settings = {
    scenarioPath: options.scenarioPath,
    outDir: options.outDir,
    shards: options.shards ?? K6_DEFAULTS.shards,
    batch: options.batch ?? K6_DEFAULTS.batch,
    hubUrl: options.hubUrl ?? K6_DEFAULTS.hubUrl,
    rateScale: options.rateScale ?? K6_DEFAULTS.rateScale,
    flat: options.flat ?? false,
    ...(options.hours === undefined ? {} : { hours: options.hours }),
    ...(options.maxReads === undefined ? {} : { maxReads: options.maxReads }),
  };
  wholeNumber('--shards', settings.shards, 1, 1000);
  wholeNumber('--batch', settings.batch, 1, 5000);
  if (!(settings.rateScale > 0 && settings.rateScale <= 3600)) {
    throw invalid('--rate-scale', 'a number above 0 and at most 3600', settings.rateScale);
  }
  if (settings.hours !== undefined && !(settings.hours > 0)) {
    throw invalid('--hours', 'a number of hours above 0', settings.hours);
  }
  if (settings.maxReads !== undefined) {
    wholeNumber('--max-reads', settings.maxReads, 1, Number.MAX_SAFE_INTEGER);
  }
  checkUrl(settings.hubUrl);
  return settings;
}

function wholeNumber(name: string, value: number, least: number, most: number): void {
  if (!Number.isInteger(value) || value < least || value > most) {
    throw invalid(name, `a whole number from ${least} to ${most}`, value);
  }
}

function checkUrl(text: string): void {
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    // Reported below with the rest.
  }
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw invalid(
      '--hub-url',
      'an http or https URL such as http://hub:8080',
      JSON.stringify(text),
    );
  }
}

function invalid(name: string, expected: string, value: unknown): TestbedError {
  return new TestbedError('ATB_EXPORT_OPTION_INVALID', { name, expected, value: String(value) });
}

function noReads(scenario: ResolvedScenario, path: string): TestbedError {
  return new TestbedError('ATB_EXPORT_NO_READS', {
    path,
    start: iso(scenario.startMs),
    end: iso(scenario.endMs),
  });
}
