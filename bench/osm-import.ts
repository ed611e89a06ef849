import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { importOsmPbf, type OsmImportSummary } from '../harness/network/osm/index.js';
import {
  writeOsmPbf,
  type OsmNodeInput,
  type OsmPbfContent,
  type OsmWayInput,
} from '../harness/network/osm/pbf-writer.js';

/**
 * How the OpenStreetMap import scales with the size of an extract. Each synthetic extract is
 * mostly buildings, footpaths and residential streets, as real ones are; in the "fixed-roads"
 * series the kept road network stays the same size while the file grows, and in the
 * "growing-roads" series it grows with the file. Each import runs in its own child process
 * so its peak memory is its own. Prints JSON to stdout.
 *
 * Run: npx tsc -p tsconfig.build.json && node dist/bench/osm-import.js
 */

interface ExtractSpec {
  series: 'fixed-roads' | 'growing-roads';
  nodes: number;
  /** Kept (motorway to tertiary) ways, ten nodes each. */
  roadWays: number;
}

const SIZES = [50_000, 200_000, 800_000, 2_000_000];
const FIXED_ROAD_WAYS = 2_000;
/** In the growing series two nodes in five are on kept roads. */
const GROWING_ROAD_SHARE = 0.4;
const NODES_PER_ROAD = 10;
const SAMPLE_EVERY_MS = 20;

const SPECS: ExtractSpec[] = [
  ...SIZES.map((nodes) => ({ series: 'fixed-roads' as const, nodes, roadWays: FIXED_ROAD_WAYS })),
  ...SIZES.map((nodes) => ({
    series: 'growing-roads' as const,
    nodes,
    roadWays: Math.round((nodes * GROWING_ROAD_SHARE) / NODES_PER_ROAD),
  })),
];

interface ChildResult {
  seconds: number;
  startRssBytes: number;
  peakRssBytes: number;
  peakHeapUsedBytes: number;
  summary: OsmImportSummary;
}

// --- The synthetic extract --------------------------------------------------------------

/**
 * The file is a row of cells, one per kept road: each cell holds the road's nodes and then
 * filler (buildings, footways, residential streets) in its own id range, so ids stay sorted
 * and roads are spread through the file as they are in a real extract.
 */
function syntheticExtract(spec: ExtractSpec): OsmPbfContent {
  const cellNodes = Math.max(NODES_PER_ROAD + 6, Math.round(spec.nodes / spec.roadWays));
  return {
    nodes: cellNodesOf(spec.roadWays, cellNodes),
    ways: cellWaysOf(spec.roadWays, cellNodes),
  };
}

function* cellNodesOf(cells: number, cellNodes: number): Generator<OsmNodeInput> {
  for (let cell = 0; cell < cells; cell++) {
    const [lon0, lat0] = cellOrigin(cell);
    for (let offset = 0; offset < cellNodes; offset++) {
      const id = cell * cellNodes + offset + 1;
      const onRoad = offset < NODES_PER_ROAD;
      const lon = lon0 + (onRoad ? offset * 1e-3 : jitter(id) * 0.01);
      const lat = lat0 + (onRoad ? offset * 5e-4 : jitter(id * 7) * 0.01);
      const isPlace = offset === NODES_PER_ROAD && cell % 50 === 0;
      yield isPlace ? { id, lon, lat, tags: placeTags(cell) } : { id, lon, lat };
    }
  }
}

const ROAD_TAGS: Record<string, string>[] = [
  { highway: 'motorway', ref: 'A1(M)', maxspeed: 'GB:motorway' },
  { highway: 'trunk', ref: 'A64', maxspeed: '60 mph' },
  { highway: 'primary', ref: 'A59', name: 'York Road', maxspeed: '50' },
  { highway: 'secondary', ref: 'B1224', oneway: '-1' },
  { highway: 'tertiary', name: 'Moor Lane', maxspeed: 'GB:nsl_single' },
  { highway: 'primary_link', oneway: 'yes' },
  { highway: 'tertiary', junction: 'roundabout' },
];

const FILLER: { nodes: number; tags: Record<string, string> }[] = [
  { nodes: 4, tags: { building: 'yes' } },
  { nodes: 6, tags: { highway: 'footway' } },
  { nodes: 4, tags: { building: 'house', 'addr:street': 'Church Lane' } },
  { nodes: 5, tags: { highway: 'residential', name: 'Church Lane', maxspeed: '30 mph' } },
];

function* cellWaysOf(cells: number, cellNodes: number): Generator<OsmWayInput> {
  let wayId = 1;
  for (let cell = 0; cell < cells; cell++) {
    const first = cell * cellNodes + 1;
    const roadRefs = Array.from({ length: NODES_PER_ROAD }, (_, i) => first + i);
    yield { id: wayId++, refs: roadRefs, tags: ROAD_TAGS[cell % ROAD_TAGS.length]! };
    for (const filler of fillerWays(first + NODES_PER_ROAD, first + cellNodes, cell)) {
      yield { id: wayId++, ...filler };
    }
  }
}

function* fillerWays(start: number, end: number, cell: number): Generator<Omit<OsmWayInput, 'id'>> {
  let next = start;
  for (let kind = cell; ; kind++) {
    const filler = FILLER[kind % FILLER.length]!;
    if (next + filler.nodes > end) return;
    const refs = Array.from({ length: filler.nodes }, (_, i) => next + i);
    // Buildings are closed rings: the first node again at the end.
    if (filler.tags['building']) refs.push(next);
    yield { refs, tags: filler.tags };
    next += filler.nodes;
  }
}

/** Cells tile North Yorkshire in rows, 0.005° apart. */
function cellOrigin(cell: number): [number, number] {
  const perRow = 400;
  return [-2.5 + (cell % perRow) * 0.005, 53.6 + Math.floor(cell / perRow) * 0.005];
}

/** A deterministic value in [0, 1): bench inputs are the same on every run. */
function jitter(n: number): number {
  const x = Math.sin(n * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}

function placeTags(cell: number): Record<string, string> {
  return { place: 'village', name: `Village ${cell}`, population: String(200 + (cell % 900)) };
}

// --- Measuring --------------------------------------------------------------------------

async function runChild(file: string, outDir: string): Promise<void> {
  const startRssBytes = process.memoryUsage().rss;
  let peakRssBytes = startRssBytes;
  let peakHeapUsedBytes = 0;
  const sample = (): void => {
    const usage = process.memoryUsage();
    peakRssBytes = Math.max(peakRssBytes, usage.rss);
    peakHeapUsedBytes = Math.max(peakHeapUsedBytes, usage.heapUsed);
  };
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  timer.unref();

  const started = performance.now();
  const summary = await importOsmPbf(file, outDir);
  const seconds = (performance.now() - started) / 1000;
  sample();
  clearInterval(timer);
  const result: ChildResult = { seconds, startRssBytes, peakRssBytes, peakHeapUsedBytes, summary };
  process.send?.(result, () => process.disconnect());
}

function measureInChild(file: string, outDir: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', file, outDir], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: ChildResult | undefined;
    child.on('message', (message) => (result = message as ChildResult));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`The import child exited with code ${code ?? 'null'} and no result`));
    });
  });
}

async function benchOne(spec: ExtractSpec, dir: string): Promise<Record<string, unknown>> {
  const file = join(dir, `${spec.series}-${spec.nodes}.osm.pbf`);
  const outDir = join(dir, `${spec.series}-${spec.nodes}`);
  const written = await writeOsmPbf(file, syntheticExtract(spec));
  const run = await measureInChild(file, outDir);
  await rm(file);
  await rm(outDir, { recursive: true });
  return {
    series: spec.series,
    fileBytes: written.bytes,
    nodes: written.nodes,
    ways: written.ways,
    roadsWritten: run.summary.roadsWritten,
    roadNodesUsed: run.summary.nodesUsed,
    seconds: round(run.seconds, 2),
    startRssMb: megabytes(run.startRssBytes),
    peakRssMb: megabytes(run.peakRssBytes),
    peakHeapUsedMb: megabytes(run.peakHeapUsedBytes),
  };
}

function megabytes(bytes: number): number {
  return round(bytes / 1024 / 1024, 1);
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-osm-import-'));
  try {
    const runs = [];
    for (const spec of SPECS) runs.push(await benchOne(spec, dir));
    const report = {
      bench: 'osm-import',
      node: process.version,
      cpus: cpus().length,
      memorySampleMs: SAMPLE_EVERY_MS,
      runs,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  await runChild(process.argv[3] ?? '', process.argv[4] ?? '');
} else {
  await main();
}
