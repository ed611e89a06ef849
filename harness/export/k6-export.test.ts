import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../simulator/world/generate.js';
import type { Read } from '../../simulator/world/types.js';
import { ReadBatch } from '../hub-api/protocol.js';
import { schemaProblems } from '../json-file.js';
import { loadScenario } from '../scenario/load.js';
import type { ExportBatch } from './batches.js';
import { exportSmallNight, type SmallExport } from './testing/small-export.js';

async function shard(dir: string, n: number, count: number): Promise<ExportBatch[]> {
  return JSON.parse(await readFile(join(dir, `reads-${n}-of-${count}.json`), 'utf8')) as never;
}

async function scenarioReads(path: string, hours?: number): Promise<Read[]> {
  const { scenario, network } = await loadScenario(path);
  if (hours !== undefined) scenario.endMs = scenario.startMs + hours * 3_600_000;
  return [...new World(scenario, network).play()].flatMap((b) => b.reads);
}

describe('export k6: the shard files', () => {
  const SHARDS = 3;
  let made: SmallExport;
  let shards: ExportBatch[][];

  beforeAll(async () => {
    made = await exportSmallNight({ shards: SHARDS });
    shards = await Promise.all([1, 2, 3].map((n) => shard(made.dir, n, SHARDS)));
  });
  afterAll(() => made.remove());

  it('together hold every read of the scenario once, and nothing else', async () => {
    const expected = (await scenarioReads(made.scenarioPath)).map((r) => r.readId);
    const exported = shards.flat().flatMap((b) => b.body.reads.map((r) => r.readId));
    expect(exported.length).toBe(expected.length);
    expect(new Set(exported).size).toBe(exported.length);
    expect([...exported].sort()).toEqual([...expected].sort());
    expect(made.result.facts.reads).toBe(expected.length);
  });

  it('are in time order, each request within the reads-per-request bound', () => {
    for (const batches of shards) {
      const offsets = batches.map((b) => b.offsetMs);
      const sentAt = batches.map((b) => b.body.sentAt);
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
      expect(sentAt).toEqual([...sentAt].sort());
      expect(batches.every((b) => b.body.reads.length >= 1 && b.body.reads.length <= 25)).toBe(
        true,
      );
    }
  });

  it('deal the requests round-robin: request k is request k / n of shard k mod n', () => {
    const merged = shards[0]!.flatMap((_, i) => shards.map((s) => s[i]).filter((b) => b));
    const offsets = merged.map((b) => b!.offsetMs);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(shards.map((s) => s.length)).toEqual(
      [0, 1, 2].map((n) => Math.floor((merged.length + SHARDS - 1 - n) / SHARDS)),
    );
  });

  it('carry only what a camera reports, in the Hub API wire format', () => {
    const batches = shards.flat();
    expect(batches.flatMap((b) => schemaProblems(ReadBatch, b.body))).toEqual([]);
    const fields = new Set(batches.flatMap((b) => b.body.reads.flatMap((r) => Object.keys(r))));
    for (const truth of ['sightingId', 'error', 'duplicate', 'vehicleId', 'shownVrm']) {
      expect(fields).not.toContain(truth);
    }
  });

  it('come with the camera sites and the hotlist as the Hub API carries them', async () => {
    const cameras = JSON.parse(await readFile(join(made.dir, 'cameras.json'), 'utf8')) as {
      cameras: { cameraId: string }[];
    };
    const hotlist = JSON.parse(await readFile(join(made.dir, 'hotlist.json'), 'utf8')) as {
      action: string;
    }[];
    expect(cameras.cameras.length).toBe(made.result.facts.cameras);
    expect(hotlist.length).toBe(made.result.facts.hotlistChanges);
    expect(new Set(hotlist.map((c) => c.action))).toEqual(new Set(['upsert']));
  });

  it('are listed with the rest of the export in its README', async () => {
    const readme = await readFile(join(made.dir, 'README.md'), 'utf8');
    expect(made.result.files).toEqual([
      'reads-1-of-3.json',
      'reads-2-of-3.json',
      'reads-3-of-3.json',
      'cameras.json',
      'hotlist.json',
      'script.js',
      'k6-operator.yaml',
      'README.md',
    ]);
    for (const file of made.result.files.slice(0, -1)) expect(readme).toContain(`\`${file}\``);
    expect(readme).toMatch(/\*\*Not run here\.\*\* k6 cannot be installed/);
  });
});

describe('export k6: cutting a scenario to size', () => {
  it('--max-reads keeps the first reads delivered', async () => {
    const made = await exportSmallNight({ maxReads: 500, shards: 2 });
    try {
      const all = (await scenarioReads(made.scenarioPath)).slice(0, 500).map((r) => r.readId);
      const both = [await shard(made.dir, 1, 2), await shard(made.dir, 2, 2)];
      const exported = both.flat().flatMap((b) => b.body.reads.map((r) => r.readId));
      expect(exported.sort()).toEqual(all.sort());
      expect(made.result.facts.cut).toBe('the first 500 reads (--max-reads)');
    } finally {
      await made.remove();
    }
  });

  it('--hours plays only the first hours of the window', async () => {
    const made = await exportSmallNight({ hours: 0.5 });
    try {
      const expected = await scenarioReads(made.scenarioPath, 0.5);
      expect(made.result.facts.reads).toBe(expected.length);
      expect(made.result.facts.cut).toBe('the first 0.5 of 2 hours (--hours)');
    } finally {
      await made.remove();
    }
  });

  it('rides whole in the ConfigMap when small, and keeps data on a claim when not', async () => {
    const small = await exportSmallNight({ maxReads: 200 });
    const large = await exportSmallNight({ shards: 2 });
    try {
      const smallRun = await readFile(join(small.dir, 'k6-operator.yaml'), 'utf8');
      const largeRun = await readFile(join(large.dir, 'k6-operator.yaml'), 'utf8');
      expect(smallRun).toContain('kubectl create configmap anpr-small-night --from-file=.');
      expect(smallRun).not.toContain('volumes:');
      expect(largeRun).toContain('kubectl create configmap anpr-small-night --from-file=script.js');
      expect(largeRun).toMatch(/claimName: anpr-small-night-data\n\s+readOnly: true/);
      expect(largeRun).toMatch(/- name: DATA_DIR\n\s+value: \/data/);
      expect(largeRun).toContain('parallelism: 2');
    } finally {
      await small.remove();
      await large.remove();
    }
  });
});
