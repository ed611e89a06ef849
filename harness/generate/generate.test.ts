import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../cli/io.js';
import { main } from '../cli/main.js';
import { packageRoot } from '../paths.js';
import { loadScenario } from '../scenario/load.js';
import { generate, OUTPUT_FILES } from './run.js';

/** The night scenario, cut down so a test runs it in seconds. */
async function smallNight(dailyTrips = 30_000) {
  const loaded = await loadScenario(join(packageRoot(), 'scenarios', 'hawk-night.yaml'));
  loaded.scenario.traffic.dailyTrips = dailyTrips;
  loaded.scenario.endMs = loaded.scenario.startMs + 8 * 3_600_000;
  return loaded;
}

async function sha(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

async function lines(path: string): Promise<string[]> {
  return (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '');
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atb-generate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('generate', () => {
  it('gives byte-identical files for the same scenario and seed', async () => {
    const { scenario, network, networkDir } = await smallNight();
    const a = await generate(scenario, network, { outDir: join(dir, 'a'), networkDir });
    const b = await generate(scenario, network, { outDir: join(dir, 'b'), networkDir });
    for (const name of Object.values(OUTPUT_FILES)) {
      expect(await sha(join(dir, 'a', name)), name).toBe(await sha(join(dir, 'b', name)));
    }
    expect(a.summary.reads.total).toBeGreaterThan(10_000);
    expect(a.summary.offenders.journeys).toBeGreaterThan(0);
    expect(b.summary).toEqual(a.summary);
  });

  it("stops a stolen vehicle making its owner's trips once thieves have it", async () => {
    const { scenario, network, networkDir } = await smallNight(200_000);
    await generate(scenario, network, { outDir: join(dir, 'stolen'), networkDir });
    const journeys = (await lines(join(dir, 'stolen', OUTPUT_FILES.journeys))).map(
      (l) => JSON.parse(l) as { vehicles: { vehicleId: number; kind: string }[] },
    );
    const stolen = new Set(
      journeys
        .flatMap((j) => j.vehicles)
        .filter((v) => v.kind === 'stolen')
        .map((v) => v.vehicleId),
    );
    expect(stolen.size).toBeGreaterThan(0);
    const owners = (await lines(join(dir, 'stolen', OUTPUT_FILES.sightings)))
      .map((l) => JSON.parse(l) as { vehicleId: number; tripId: string })
      .filter((s) => stolen.has(s.vehicleId));
    expect(owners.length).toBeGreaterThan(0);
    expect(owners.filter((s) => s.tripId.startsWith('t-'))).toEqual([]);
  });

  it('changes with the seed', async () => {
    const { scenario, network, networkDir } = await smallNight();
    await generate(scenario, network, { outDir: join(dir, 'seed-a'), networkDir });
    scenario.seed += 1;
    await generate(scenario, network, { outDir: join(dir, 'seed-b'), networkDir });
    expect(await sha(join(dir, 'seed-a', OUTPUT_FILES.reads))).not.toBe(
      await sha(join(dir, 'seed-b', OUTPUT_FILES.reads)),
    );
  });

  it('splits into shards that together are exactly the whole, in the same order', async () => {
    const { scenario, network, networkDir } = await smallNight();
    await generate(scenario, network, { outDir: join(dir, 'whole'), networkDir });
    for (let index = 0; index < 3; index++) {
      await generate(scenario, network, {
        outDir: join(dir, `shard-${index}`),
        networkDir,
        shard: { index, count: 3 },
      });
    }
    const timeKey: Record<string, string> = {
      reads: 'deliveredAt',
      sightings: 'at',
      hotlist: 'at',
    };
    const idKey: Record<string, string> = {
      reads: 'readId',
      sightings: 'sightingId',
      hotlist: 'changeId',
    };
    for (const file of ['reads', 'sightings', 'hotlist'] as const) {
      const whole = await lines(join(dir, 'whole', OUTPUT_FILES[file]));
      const parts = (
        await Promise.all([0, 1, 2].map((i) => lines(join(dir, `shard-${i}`, OUTPUT_FILES[file]))))
      ).flat();
      const key = (line: string): string => {
        const record = JSON.parse(line) as Record<string, string>;
        return `${record[timeKey[file]!]} ${record[idKey[file]!]}`;
      };
      const merged = parts
        .map((line) => ({ key: key(line), line }))
        .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
      expect(
        merged.map((m) => m.line),
        file,
      ).toEqual(whole);
      expect(parts.length).toBe(whole.length);
    }
    const journeys = (
      await Promise.all([0, 1, 2].map((i) => lines(join(dir, `shard-${i}`, OUTPUT_FILES.journeys))))
    ).flat();
    expect(journeys.sort()).toEqual(
      (await lines(join(dir, 'whole', OUTPUT_FILES.journeys))).sort(),
    );
  });

  it('shows a cloned plate in two places at once: an impossible journey', async () => {
    const loaded = await loadScenario(join(packageRoot(), 'scenarios', 'cloned-plate.yaml'));
    loaded.scenario.traffic.dailyTrips = 60_000;
    for (const group of loaded.scenario.offenders.groups) group.journeys = 6;
    const { scenario, network, networkDir } = loaded;
    await generate(scenario, network, { outDir: join(dir, 'clone'), networkDir });
    const journeys = (await lines(join(dir, 'clone', OUTPUT_FILES.journeys))).map(
      (l) => JSON.parse(l) as { vehicles: { vehicleId: number; shownVrm: string; kind: string }[] },
    );
    const cloned = journeys.flatMap((j) => j.vehicles).find((v) => v.kind === 'cloned')!;
    expect(cloned).toBeDefined();
    const sightings = (await lines(join(dir, 'clone', OUTPUT_FILES.sightings)))
      .map((l) => JSON.parse(l) as { vrm: string; vehicleId: number; cameraId: string; at: string })
      .filter((s) => s.vrm === cloned.shownVrm);
    const offender = sightings.filter((s) => s.vehicleId === cloned.vehicleId);
    const owner = sightings.filter((s) => s.vehicleId !== cloned.vehicleId);
    expect(offender.length).toBeGreaterThan(0);
    expect(owner.length).toBeGreaterThan(0);

    // The hub's rule of thumb: two reads of one mark closer in time than 85% of the
    // quickest drive between their cameras cannot be one vehicle.
    const nodeOf = new Map(
      network.cameras.map((c) => [c.cameraId, network.graph.edgeTo[c.watches[0]!.edge]!]),
    );
    const driveS = (a: string, b: string): number =>
      network.router.route(nodeOf.get(a)!, nodeOf.get(b)!)?.timeS ?? Infinity;
    const impossible = offender.some((a) =>
      owner.some((b) => {
        const gapS = Math.abs(Date.parse(a.at) - Date.parse(b.at)) / 1000;
        return gapS < 0.85 * driveS(a.cameraId, b.cameraId);
      }),
    );
    expect(impossible).toBe(true);
  });
});

describe('anpr-testbed generate', () => {
  it('rejects a shard spec like 3/2 and a bad seed before doing any work', async () => {
    for (const [flag, value, message] of [
      ['--shard', '3/2', 'the shard must be from 1 to 2'],
      ['--shard', 'half', '--shard takes i/n'],
      ['--seed', '-4', '--seed takes a whole number'],
    ] as const) {
      const io = memoryIo();
      const code = await main(
        ['generate', 'scenarios/hawk-night.yaml', '--out', join(dir, 'never'), flag, value],
        io,
      );
      expect(code).toBe(2);
      expect(io.stderr()).toContain(message);
    }
  });

  it('reports every problem of an invalid scenario with its path', async () => {
    const io = memoryIo();
    const code = await main(
      ['generate', join(packageRoot(), 'package.json'), '--out', join(dir, 'never')],
      io,
    );
    expect(code).toBe(2);
    expect(io.stderr()).toContain('is not a valid scenario');
  });
});
