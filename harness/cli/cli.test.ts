import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkStats } from '../../simulator/network/index.js';
import type { Problem } from '../../simulator/problems.js';
import { writeOsmPbf } from '../network/osm/pbf-writer.js';
import { memoryIo } from './io.js';
import type { RouteReport } from './network-commands.js';
import { main } from './main.js';

async function run(...argv: string[]) {
  const io = memoryIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('anpr-testbed network stats', () => {
  it('shows one connected network with all its parts', async () => {
    const { code, stdout } = await run('network', 'stats', '--json');
    expect(code).toBe(0);
    const stats = JSON.parse(stdout) as Omit<NetworkStats, 'problems'> & { problems: Problem[] };
    expect(stats.components).toBe(1);
    expect(
      stats.roads.byClass.motorway + stats.roads.byClass.trunk + stats.roads.byClass.primary,
    ).toBeGreaterThanOrEqual(22);
    expect(stats.roads.byClass.secondary + stats.roads.byClass.minor).toBeGreaterThanOrEqual(40);
    expect(stats.cameras.total).toBeGreaterThanOrEqual(100);
    expect(stats.cameras.placed).toBe(stats.cameras.total);
    for (const kind of ['fixed', 'mobile-van', 'rapid-deploy', 'in-car'])
      expect(stats.cameras.byKind[kind as keyof NetworkStats['cameras']['byKind']]).toBeGreaterThan(
        0,
      );
    for (const area of [
      'Teesside',
      'County Durham',
      'Cumbria',
      'Lancashire',
      'West Yorkshire',
      'South Yorkshire',
      'East Riding',
    ]) {
      expect(stats.gateways.leadsTo[area], area).toBeGreaterThan(0);
    }
    expect(stats.bases.roadCrimeUnits).toBeGreaterThan(0);
    expect(stats.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('prints a readable summary by default', async () => {
    const { code, stdout } = await run('network', 'stats');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Network: \d+ nodes, \d+ directed edges, [\d.]+ km of road, one connected part/,
    );
    expect(stdout).toContain('Camera sites:');
  });
});

describe('anpr-testbed network route', () => {
  it('takes the A64 from York to Scarborough', async () => {
    const { code, stdout } = await run(
      'network',
      'route',
      '--from',
      'York',
      '--to',
      'Scarborough',
      '--json',
    );
    expect(code).toBe(0);
    const route = JSON.parse(stdout) as RouteReport;
    const refs = route.roads.map((r) => r.ref);
    expect(refs).toContain('A64');
    const a64 = route.roads.filter((r) => r.ref === 'A64').reduce((sum, r) => sum + r.lengthM, 0);
    expect(a64 / route.lengthM).toBeGreaterThan(0.8);
    expect(route.lengthM).toBeGreaterThan(60_000);
    expect(route.lengthM).toBeLessThan(80_000);
    expect(route.cameras.some((c) => c.kind === 'fixed')).toBe(true);
  });

  it('goes another way when avoiding the fixed cameras on the A64', async () => {
    const { code, stdout } = await run(
      'network',
      'route',
      '--from',
      'york',
      '--to',
      'scarborough',
      '--avoid-cameras',
      '--json',
    );
    expect(code).toBe(0);
    const route = JSON.parse(stdout) as RouteReport;
    expect(route.avoidCameras).toBe(true);
    expect(route.cameras.filter((c) => c.kind === 'fixed')).toEqual([]);
    const a64 = route.roads.filter((r) => r.ref === 'A64').reduce((sum, r) => sum + r.lengthM, 0);
    expect(a64 / route.lengthM).toBeLessThan(0.5);
  });

  it('prints the roads taken in order', async () => {
    const { stdout } = await run('network', 'route', '--from', 'York', '--to', 'Scarborough');
    expect(stdout).toMatch(/^York to Scarborough: [\d.]+ km, .* at free-flow speed\n/);
    expect(stdout).toMatch(/\n {2}A64 /);
  });

  it('names an unknown place and exits 2 without a stack trace', async () => {
    const { code, stderr } = await run('network', 'route', '--from', 'Yrok', '--to', 'Scarborough');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^anpr-testbed: Unknown place "Yrok".*\[ATB_NETWORK_UNKNOWN_PLACE\]\n$/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('bad input', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atb-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a missing network folder', async () => {
    const { code, stderr } = await run('network', 'stats', '--network', join(dir, 'nowhere'));
    expect(code).toBe(2);
    expect(stderr).toContain(`File not found: ${join(dir, 'nowhere')}`);
  });

  it('reports malformed JSON with its line and column', async () => {
    await mkdir(join(dir, 'broken'));
    await writeFile(
      join(dir, 'broken', 'roads.geojson'),
      '{"type": "FeatureCollection",\n  "features": [,]}',
    );
    const { code, stderr } = await run('network', 'stats', '--network', join(dir, 'broken'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/roads\.geojson is not valid JSON: .* at line 2, column \d+/);
  });

  it('reports GeoJSON that breaks the schema with the path of each problem', async () => {
    await mkdir(join(dir, 'wrong'));
    const feature = {
      type: 'Feature',
      properties: { id: 'X', ref: null, name: 'x', class: 'minor' },
      geometry: { type: 'Point', coordinates: [0, 0] },
    };
    await writeFile(
      join(dir, 'wrong', 'roads.geojson'),
      JSON.stringify({ type: 'FeatureCollection', features: [feature] }),
    );
    const { code, stderr } = await run('network', 'stats', '--network', join(dir, 'wrong'));
    expect(code).toBe(2);
    expect(stderr).toContain('is not a valid road collection');
    expect(stderr).toContain('features[0].geometry.type');
  });

  it('reports an unreachable destination', async () => {
    await mkdir(join(dir, 'islands'));
    const line = (id: string, coords: number[][]) => ({
      type: 'Feature',
      properties: { id, ref: null, name: id, class: 'minor' },
      geometry: { type: 'LineString', coordinates: coords },
    });
    const place = (name: string, at: number[]) => ({
      type: 'Feature',
      properties: {
        name,
        kind: 'village',
        population: 1,
        insideForceArea: true,
        area: '',
        source: 'test',
      },
      geometry: { type: 'Point', coordinates: at },
    });
    await writeFile(
      join(dir, 'islands', 'roads.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          line('A', [
            [-1, 54],
            [-0.9, 54],
          ]),
          line('B', [
            [-2, 55],
            [-1.9, 55],
          ]),
        ],
      }),
    );
    await writeFile(
      join(dir, 'islands', 'places.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [place('Here', [-1, 54]), place('There', [-2, 55])],
      }),
    );
    const { code, stderr } = await run(
      'network',
      'route',
      '--network',
      join(dir, 'islands'),
      '--from',
      'Here',
      '--to',
      'There',
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/No route from Here to There: /);
  });

  it('rejects unknown options with usage help and exit code 2', async () => {
    const { code, stderr } = await run('network', 'stats', '--frm', 'York');
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--frm'");
  });
});

describe('anpr-testbed network import', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atb-import-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a PBF extract into a folder that stats and route then use', async () => {
    const file = join(dir, 'tiny.osm.pbf');
    const nodes = [
      { id: 1, lon: -1.1, lat: 54.0, tags: { place: 'town', name: 'Alpha', population: '5000' } },
      { id: 2, lon: -1.0, lat: 54.0 },
      { id: 3, lon: -0.9, lat: 54.0, tags: { place: 'village', name: 'Beta' } },
      { id: 4, lon: -1.0, lat: 54.1 },
      { id: 5, lon: -1.05, lat: 54.05, tags: { building: 'yes' } },
    ];
    const ways = [
      { id: 10, refs: [1, 2], tags: { highway: 'primary', ref: 'A1234', maxspeed: '60 mph' } },
      { id: 11, refs: [2, 3], tags: { highway: 'tertiary', name: 'Beta Lane' } },
      { id: 12, refs: [2, 4], tags: { highway: 'residential' } },
    ];
    await writeOsmPbf(file, { nodes, ways });
    const out = join(dir, 'net');

    const imported = await run('network', 'import', file, '--out', out, '--json');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ roadsWritten: 2, placesWritten: 2 });

    const stats = JSON.parse(
      (await run('network', 'stats', '--network', out, '--json')).stdout,
    ) as NetworkStats;
    expect(stats).toMatchObject({ nodes: 3, components: 1, roads: { total: 2 } });

    const route = JSON.parse(
      (await run('network', 'route', '--network', out, '--from', 'Alpha', '--to', 'Beta', '--json'))
        .stdout,
    ) as RouteReport;
    expect(route.roads.map((r) => r.ref ?? r.name)).toEqual(['A1234', 'Beta Lane']);
  });

  it('reports a file that is not a PBF extract', async () => {
    const file = join(dir, 'notes.osm.pbf');
    await writeFile(file, 'these are not the roads you are looking for');
    const { code, stderr } = await run('network', 'import', file, '--out', join(dir, 'bad'));
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^anpr-testbed: Cannot import .*notes\.osm\.pbf: .*\[ATB_OSM_INVALID\]\n$/,
    );
  });
});
