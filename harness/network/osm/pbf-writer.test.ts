import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOSMStream } from 'osm-pbf-parser-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeOsmPbf, type OsmNodeInput, type OsmWayInput } from './pbf-writer.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'osm-pbf-writer-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeOsmPbf', () => {
  it('writes nodes and ways that osm-pbf-parser-node reads back unchanged', async () => {
    const nodes: OsmNodeInput[] = Array.from({ length: 17000 }, (_, i) => ({
      id: 3 * i + 1,
      lon: -3 + i * 1e-5,
      lat: 53.5 + (i % 977) * 1e-4,
      ...(i % 5000 === 0 ? { tags: { place: 'village', name: `Village ${i}` } } : {}),
    }));
    const ways: OsmWayInput[] = Array.from({ length: 8500 }, (_, i) => ({
      id: 10 * i + 7,
      refs: [3 * i + 1, 3 * i + 4, 1],
      tags: { highway: i % 2 === 0 ? 'primary' : 'footway' },
    }));
    const file = join(dir, 'round-trip.osm.pbf');
    const written = await writeOsmPbf(file, { nodes, ways });

    const readNodes: OsmNodeInput[] = [];
    const readWays: OsmWayInput[] = [];
    for await (const item of createOSMStream(file)) {
      const entity = item as { type: string } & OsmNodeInput & OsmWayInput;
      if (entity.type === 'node') readNodes.push(entity);
      if (entity.type === 'way') readWays.push(entity);
    }

    expect(written).toMatchObject({ nodes: 17000, ways: 8500, blocks: 5 });
    expect(readNodes.map((n) => n.id)).toEqual(nodes.map((n) => n.id));
    expect(readNodes.map((n) => n.tags)).toEqual(nodes.map((n) => n.tags));
    readNodes.forEach((n, i) => {
      expect(n.lon).toBeCloseTo(nodes[i]!.lon, 7);
      expect(n.lat).toBeCloseTo(nodes[i]!.lat, 7);
    });
    expect(readWays.map(({ id, refs, tags }) => ({ id, refs, tags }))).toEqual(ways);
  });
});
