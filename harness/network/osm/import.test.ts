import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BaseCollection,
  CameraCollection,
  GatewayCollection,
  PlaceCollection,
  RoadCollection,
  type PlaceFeature,
  type RoadFeature,
  type RoadProperties,
} from '../../../simulator/network/index.js';
import { importOsmPbf, type OsmImportProgress } from './index.js';
import { writeOsmPbf, type OsmNodeInput, type OsmWayInput } from './pbf-writer.js';

const LICENCE = 'ODbL 1.0: © OpenStreetMap contributors';
const SOURCE = 'OpenStreetMap contributors, vale.osm.pbf';

/** Positions exact at the 100-nanodegree precision PBF stores, so they read back unchanged. */
const POSITIONS: Record<number, [number, number]> = {
  1: [-1.2, 54.1],
  2: [-1.19, 54.11],
  3: [-1.18, 54.12],
  4: [-1.17, 54.13],
  5: [-1.16, 54.14],
  6: [-1.15, 54.15],
  7: [-1.14, 54.16],
  8: [-1.13, 54.17],
  9: [-1.12, 54.18],
  10: [-1.11, 54.19],
  11: [-1.1, 54.2],
  12: [-1.09, 54.21],
};

const PLACE_NODES: OsmNodeInput[] = [
  {
    id: 101,
    lon: -1.0803,
    lat: 53.9591,
    tags: { place: 'city', name: 'York', population: '152,841' },
  },
  {
    id: 102,
    lon: -0.7967,
    lat: 54.1354,
    tags: { place: 'town', name: 'Malton', population: 'c. 13000' },
  },
  { id: 103, lon: -0.9906, lat: 54.1734, tags: { place: 'village', name: 'Hovingham' } },
  {
    id: 104,
    lon: -0.9401,
    lat: 54.1488,
    tags: { place: 'hamlet', name: 'Coneysthorpe', population: '120' },
  },
  { id: 105, lon: -1.0, lat: 54.0, tags: { place: 'farm', name: 'Low Farm' } },
  { id: 106, lon: -1.01, lat: 54.01, tags: { place: 'village' } },
  { id: 107, lon: -1.02, lat: 54.02, tags: { place: 'suburb', name: 'Clifton' } },
];

const WAYS: OsmWayInput[] = [
  way(10, [1, 2, 3], { highway: 'motorway', ref: 'A1(M);A1', maxspeed: 'GB:motorway' }),
  way(11, [3, 4], { highway: 'motorway_link', oneway: 'yes', maxspeed: '60 mph' }),
  way(12, [4, 5], { highway: 'trunk', ref: 'A64', name: 'York Road', maxspeed: 'GB:nsl_dual' }),
  way(13, [5, 6, 7], { highway: 'primary', name: 'Fulford Road', oneway: '-1', maxspeed: '50' }),
  way(14, [7, 8], { highway: 'secondary', ref: 'B1222', maxspeed: 'GB:nsl_single' }),
  way(15, [8, 9, 10, 8], { highway: 'tertiary', junction: 'roundabout', maxspeed: '30 mph' }),
  way(16, [10, 11, 10], { highway: 'tertiary', junction: 'roundabout', oneway: 'no' }),
  way(17, [11, 12], { highway: 'motorway', oneway: 'no', name: 'Two-way Spur' }),
  way(18, [2, 6], { highway: 'residential', name: 'Church Lane' }),
  way(19, [3, 9], { highway: 'footway' }),
  way(20, [1, 4, 7, 1], { building: 'yes' }),
  way(21, [7, 9999, 9], { highway: 'primary', ref: 'A19', maxspeed: 'none' }),
  way(22, [9998, 12], { highway: 'secondary', name: 'Clipped Lane' }),
  way(23, [12, 1], { highway: 'trunk_link', oneway: '1' }),
];

function way(id: number, refs: number[], tags: Record<string, string>): OsmWayInput {
  return { id, refs, tags };
}

function positionNodes(): OsmNodeInput[] {
  return Object.entries(POSITIONS).map(([id, [lon, lat]]) => ({ id: Number(id), lon, lat }));
}

function road(
  wayId: number,
  refs: number[],
  properties: Omit<RoadProperties, 'id' | 'source'>,
): RoadFeature {
  return {
    type: 'Feature',
    properties: { id: `osm-w${wayId}`, ...properties, source: `OpenStreetMap way ${wayId}` },
    geometry: { type: 'LineString', coordinates: refs.map((ref) => POSITIONS[ref]!) },
  };
}

function place(
  id: number,
  name: string,
  kind: PlaceFeature['properties']['kind'],
  population: number,
): PlaceFeature {
  const node = PLACE_NODES.find((n) => n.id === id)!;
  return {
    type: 'Feature',
    properties: {
      name,
      kind,
      population,
      insideForceArea: true,
      area: '',
      source: `OpenStreetMap node ${id}`,
    },
    geometry: { type: 'Point', coordinates: [node.lon, node.lat] },
  };
}

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'osm-import-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeVale(): Promise<string> {
  const file = join(dir, 'vale.osm.pbf');
  await writeOsmPbf(file, { nodes: [...positionNodes(), ...PLACE_NODES], ways: WAYS });
  return file;
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

describe('importOsmPbf', () => {
  it('keeps motorway to tertiary roads with class, limit and direction', async () => {
    const out = join(dir, 'net');
    await importOsmPbf(await writeVale(), out);

    expect(await readJson(join(out, 'roads.geojson'))).toEqual({
      type: 'FeatureCollection',
      metadata: {
        title: 'Roads imported from OpenStreetMap',
        sources: [SOURCE],
        licence: LICENCE,
        notes: expect.any(Array) as unknown,
      },
      features: [
        road(10, [1, 2, 3], {
          ref: 'A1(M);A1',
          name: 'A1(M);A1',
          class: 'motorway',
          speedLimitMph: 70,
          oneway: true,
        }),
        road(11, [3, 4], {
          ref: null,
          name: 'unnamed motorway',
          class: 'motorway',
          speedLimitMph: 60,
          oneway: true,
        }),
        road(12, [4, 5], { ref: 'A64', name: 'York Road', class: 'trunk', speedLimitMph: 70 }),
        road(13, [7, 6, 5], {
          ref: null,
          name: 'Fulford Road',
          class: 'primary',
          speedLimitMph: 31,
          oneway: true,
        }),
        road(14, [7, 8], { ref: 'B1222', name: 'B1222', class: 'secondary', speedLimitMph: 60 }),
        road(15, [8, 9, 10, 8], {
          ref: null,
          name: 'unnamed minor',
          class: 'minor',
          speedLimitMph: 30,
          oneway: true,
        }),
        road(16, [10, 11, 10], { ref: null, name: 'unnamed minor', class: 'minor' }),
        road(17, [11, 12], { ref: null, name: 'Two-way Spur', class: 'motorway' }),
        road(21, [7, 9], { ref: 'A19', name: 'A19', class: 'primary' }),
        road(23, [12, 1], { ref: null, name: 'unnamed trunk', class: 'trunk', oneway: true }),
      ],
    });
  });

  it('returns a summary of what it kept, skipped and wrote', async () => {
    const summary = await importOsmPbf(await writeVale(), join(dir, 'net'));

    expect(summary).toEqual({
      waysKeptByClass: { motorway: 3, trunk: 2, primary: 2, secondary: 2, minor: 2 },
      roadsWritten: 10,
      waysSkipped: 1,
      nodesUsed: 12,
      nodesMissing: 2,
      placesWritten: 4,
      // 27 steps of 0.01° in each axis at 54°N, about 1.29 km each.
      roadLengthKm: 34.791,
    });
  });

  it('writes named cities, towns, villages and hamlets as places', async () => {
    const out = join(dir, 'net');
    await importOsmPbf(await writeVale(), out);

    expect(await readJson(join(out, 'places.geojson'))).toEqual({
      type: 'FeatureCollection',
      metadata: {
        title: 'Places imported from OpenStreetMap',
        sources: [SOURCE],
        licence: LICENCE,
        notes: expect.any(Array) as unknown,
      },
      features: [
        place(101, 'York', 'city', 152841),
        place(102, 'Malton', 'town', 0),
        place(103, 'Hovingham', 'village', 0),
        place(104, 'Coneysthorpe', 'hamlet', 120),
      ],
    });
  });

  it('writes empty gateway, base and camera collections that say why they are empty', async () => {
    const out = join(dir, 'net');
    await importOsmPbf(await writeVale(), out);

    for (const [name, what] of [
      ['gateways', 'border gateways'],
      ['bases', 'police bases'],
      ['cameras', 'camera sites'],
    ] as const) {
      expect(await readJson(join(out, `${name}.geojson`))).toEqual({
        type: 'FeatureCollection',
        metadata: {
          title: `No ${what}: empty for an OpenStreetMap import`,
          sources: [SOURCE],
          licence: LICENCE,
          notes: [`An OpenStreetMap import has no ${what}; add them to this file by hand.`],
        },
        features: [],
      });
    }
    expect((await readdir(out)).sort()).toEqual([
      'bases.geojson',
      'cameras.geojson',
      'gateways.geojson',
      'places.geojson',
      'roads.geojson',
    ]);
  });

  it('writes files that match the network format, one road a line', async () => {
    const out = join(dir, 'net');
    await importOsmPbf(await writeVale(), out);

    const checks = [
      [RoadCollection, 'roads'],
      [PlaceCollection, 'places'],
      [GatewayCollection, 'gateways'],
      [BaseCollection, 'bases'],
      [CameraCollection, 'cameras'],
    ] as const;
    for (const [schema, name] of checks) {
      expect([...Value.Errors(schema, await readJson(join(out, `${name}.geojson`)))]).toEqual([]);
    }
    const lines = (await readFile(join(out, 'roads.geojson'), 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(10 + 2);
  });

  it('reports progress through ways, then nodes, then writing', async () => {
    const progress: OsmImportProgress[] = [];
    await importOsmPbf(await writeVale(), join(dir, 'net'), {
      onProgress: (p) => progress.push(p),
    });

    expect(progress).toEqual([
      { phase: 'ways', items: WAYS.length },
      { phase: 'nodes', items: Object.keys(POSITIONS).length + PLACE_NODES.length },
      { phase: 'write', items: 10 },
    ]);
  });

  it('reads a file of many blocks the same as one block', async () => {
    const file = join(dir, 'long.osm.pbf');
    const filler = (start: number): OsmNodeInput[] =>
      Array.from({ length: 9000 }, (_, i) => ({ id: start + i, lon: -2, lat: 54 }));
    await writeOsmPbf(file, {
      nodes: [...filler(1000), ...positionNodes(), ...filler(20000)],
      ways: [...Array.from({ length: 9000 }, (_, i) => way(50000 + i, [1000, 1001], {})), WAYS[0]!],
    });

    const summary = await importOsmPbf(file, join(dir, 'net'));
    expect(summary).toMatchObject({ roadsWritten: 1, nodesUsed: 3, nodesMissing: 0 });
  });
});

describe('importOsmPbf failures', () => {
  it('reports a missing file as not found', async () => {
    const file = join(dir, 'absent.osm.pbf');
    await expect(importOsmPbf(file, join(dir, 'net'))).rejects.toMatchObject({
      code: 'ATB_FILE_NOT_FOUND',
      details: { path: file },
    });
  });

  it('reports a text file named .osm.pbf as not a PBF file', async () => {
    const file = join(dir, 'notes.osm.pbf');
    await writeFile(file, 'These are not the roads you are looking for.\n');

    await expect(importOsmPbf(file, join(dir, 'net'))).rejects.toMatchObject({
      code: 'ATB_OSM_INVALID',
      details: { path: file, reason: 'not an OSM PBF file (bad block header at byte 0)' },
    });
  });

  it('reports a truncated file and leaves no network files behind', async () => {
    const whole = await readFile(await writeVale());
    const file = join(dir, 'cut.osm.pbf');
    await writeFile(file, whole.subarray(0, whole.length - 25));
    const out = join(dir, 'net');

    await expect(importOsmPbf(file, out)).rejects.toMatchObject({
      code: 'ATB_OSM_INVALID',
      details: { reason: expect.stringMatching(/^the file is truncated/) as unknown },
    });
    expect(await readdir(out)).toEqual([]);
  });

  it('reports corrupt compressed data as invalid instead of crashing', async () => {
    const bytes = await readFile(await writeVale());
    const inLastBlock = bytes.length - 30;
    bytes.writeUInt8(bytes.readUInt8(inLastBlock) ^ 0xff, inLastBlock);
    const file = join(dir, 'flipped.osm.pbf');
    await writeFile(file, bytes);

    await expect(importOsmPbf(file, join(dir, 'net'))).rejects.toMatchObject({
      code: 'ATB_OSM_INVALID',
      details: { reason: expect.stringMatching(/^corrupt/) as unknown },
    });
  });

  it('reports a file without motorway to tertiary roads', async () => {
    const file = join(dir, 'estate.osm.pbf');
    await writeOsmPbf(file, {
      nodes: positionNodes(),
      ways: [way(1, [1, 2], { highway: 'residential' }), way(2, [3, 4, 5, 3], { building: 'yes' })],
    });

    await expect(importOsmPbf(file, join(dir, 'net'))).rejects.toMatchObject({
      code: 'ATB_OSM_INVALID',
      details: { path: file, reason: 'no motorway to tertiary roads found' },
    });
  });

  it('reports roads whose nodes are all missing and leaves no network files behind', async () => {
    const file = join(dir, 'clipped.osm.pbf');
    await writeOsmPbf(file, {
      nodes: [...positionNodes(), ...PLACE_NODES],
      ways: [way(1, [9001, 9002], { highway: 'primary' }), way(2, [3, 9003], { highway: 'trunk' })],
    });
    const out = join(dir, 'net');

    await expect(importOsmPbf(file, out)).rejects.toMatchObject({
      code: 'ATB_OSM_INVALID',
      details: { reason: 'no motorway to tertiary road has two nodes with known positions' },
    });
    expect(await readdir(out)).toEqual([]);
  });

  it('reports an output folder that cannot be created as unwritable', async () => {
    const file = await writeVale();
    const out = join(file, 'net');

    await expect(importOsmPbf(file, out)).rejects.toMatchObject({
      code: 'ATB_FILE_UNWRITABLE',
      details: { path: out },
    });
  });
});
