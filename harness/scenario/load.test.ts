import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestbedError } from '../../simulator/errors.js';
import { createNetwork, type Network } from '../../simulator/network/index.js';
import { road, roads } from '../../simulator/network/testing.js';
import { dayOfWeek } from '../../simulator/time.js';
import { loadNetworkFixture } from '../network/load.js';
import { packageRoot } from '../paths.js';
import { loadScenario } from './load.js';

const SCENARIOS = join(packageRoot(), 'scenarios');
const HOUR_MS = 3_600_000;
const SCHEMA_LINE = '# yaml-language-server: $schema=./scenario.schema.json';

const bundled = (file: string) => loadScenario(join(SCENARIOS, file));

let network: Network;
let scratch: string;

beforeAll(async () => {
  network = createNetwork(await loadNetworkFixture());
  scratch = await mkdtemp(join(tmpdir(), 'atb-scenario-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function scratchFile(name: string, text: string): Promise<string> {
  const path = join(scratch, name);
  await writeFile(path, text, 'utf8');
  return path;
}

/** The error loading a file fails with; fails the test when it loads. */
async function loadError(path: string): Promise<TestbedError> {
  const err: unknown = await loadScenario(path).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof TestbedError))
    throw new Error(`expected a TestbedError, got ${String(err)}`);
  return err;
}

const MINIMAL = {
  name: 'Minimal',
  seed: 1,
  window: { start: '2026-11-12T18:00:00Z', durationHours: 12 },
};

describe('the bundled scenarios', () => {
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'));

  it('include the five scenarios, and every one is listed in the README', () => {
    const readme = readFileSync(join(SCENARIOS, 'README.md'), 'utf8');
    expect(files).toEqual(
      expect.arrayContaining([
        'camera-outage.yaml',
        'cloned-plate.yaml',
        'hawk-night.yaml',
        'summer-saturday.yaml',
        'weekday-county.yaml',
      ]),
    );
    expect(files.filter((file) => !readme.includes(`| \`${file}\``))).toEqual([]);
  });

  it.each(files)('%s loads, resolves and points editors at the schema', async (file) => {
    const { scenario, network: net, source } = await bundled(file);
    expect(source.split('\n')[0]).toBe(SCHEMA_LINE);
    expect(scenario.name).not.toBe('');
    expect(scenario.description.length).toBeGreaterThan(200);
    expect(scenario.endMs).toBeGreaterThan(scenario.startMs);
    expect(net.places.length).toBe(network.places.length);
  });

  it('hawk-night has varied cross-border teams and two rapid-deploy sites', async () => {
    const { scenario } = await bundled('hawk-night.yaml');
    expect(scenario.endMs - scenario.startMs).toBe(12 * HOUR_MS);
    const groups = scenario.offenders.groups;
    expect(groups.map((g) => g.home).sort()).toEqual([
      'Bradford',
      'Darlington',
      'Doncaster',
      'Leeds',
      'Middlesbrough',
      'Stockton-on-Tees',
    ]);
    const vehicles = groups.flatMap((g) => g.vehicles);
    const kinds = new Set(vehicles.map((v) => v.kind));
    expect(kinds).toEqual(new Set(['own', 'stolen', 'cloned']));
    expect(vehicles.some((v) => v.kind === 'own' && v.flagged)).toBe(true);
    expect(groups.some((g) => g.vehicles.length === 2)).toBe(true);
    const awareness = new Set(groups.map((g) => g.awareness));
    expect(awareness).toEqual(new Set(['aware', 'unaware']));
    expect(scenario.rain).toHaveLength(1);
    expect(scenario.cameras.rapidDeploy).toEqual([
      'rd-b1224-candidate-site',
      'rd-b1365-candidate-site',
    ]);
  });

  it('weekday-county is a whole Wednesday, summer-saturday a July Saturday', async () => {
    const weekday = (await bundled('weekday-county.yaml')).scenario;
    expect([dayOfWeek(weekday.startMs), weekday.day]).toEqual([3, 'weekday']);
    expect(weekday.endMs - weekday.startMs).toBe(24 * HOUR_MS);
    const summer = (await bundled('summer-saturday.yaml')).scenario;
    expect(summer.day).toBe('saturday');
    expect(summer.traffic.dailyTrips).toBe(1_100_000);
    expect(Object.keys(summer.traffic.attraction)).toEqual(
      expect.arrayContaining(['Scarborough', 'Whitby', 'Filey', 'Hawes', 'Settle']),
    );
  });

  it('camera-outage takes fixed border cameras out for hours', async () => {
    const { scenario, network: net } = await bundled('camera-outage.yaml');
    const sites = net.fixture.cameras.features.map((f) => f.properties);
    const kindOf = new Map(sites.map((site) => [site.id, site.kind]));
    expect(scenario.cameras.outages.length).toBeGreaterThanOrEqual(3);
    for (const outage of scenario.cameras.outages) {
      expect(kindOf.get(outage.camera)).toBe('fixed');
      expect(outage.camera).toContain('border');
    }
    expect(scenario.cameras.randomOutageShare).toBeGreaterThan(0.02);
  });
});

describe('loadScenario', () => {
  it('throws one ATB_SCENARIO_INVALID listing every problem, one a line', async () => {
    const path = await scratchFile(
      'two-problems.yaml',
      [
        'name: Broken',
        'seed: 3',
        'window: { start: 2026-11-12T18:00:00Z, durationHours: 0 }',
        'offenders:',
        '  groups:',
        '    - { name: G, home: Leeds2, vehicles: [{ kind: own }] }',
      ].join('\n'),
    );
    const err = await loadError(path);
    expect(err.code).toBe('ATB_SCENARIO_INVALID');
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe(
      [
        `${path} is not a valid scenario:`,
        '  window.durationHours: Expected number to be greater than 0 (got 0)',
        '  offenders.groups[0].home: unknown place "Leeds2"; did you mean "Leeds"?',
      ].join('\n'),
    );
  });

  it('names the line and column of a YAML syntax error', async () => {
    const text = ['name: Broken', 'seed: 3', 'window:', '  start: 2026', ' durationHours: 3'];
    const err = await loadError(await scratchFile('syntax.yaml', text.join('\n')));
    expect(err.code).toBe('ATB_SCENARIO_INVALID');
    expect(err.message).toBe(
      `${join(scratch, 'syntax.yaml')} is not a valid scenario:\n` +
        '  line 5, column 1: All mapping items must start at the same column',
    );
  });

  it('reports a key given twice as a syntax error at its second place', async () => {
    const err = await loadError(await scratchFile('twice.yaml', 'name: A\nseed: 1\nname: B\n'));
    expect(err.message).toContain('line 3, column 1: Map keys must be unique');
  });

  it('reports a missing file as ATB_FILE_NOT_FOUND', async () => {
    const err = await loadError(join(scratch, 'absent.yaml'));
    expect(err.code).toBe('ATB_FILE_NOT_FOUND');
  });

  it('fills the defaults of a short scenario', async () => {
    const path = await scratchFile('short.yaml', JSON.stringify(MINIMAL));
    const { scenario } = await loadScenario(path);
    expect(scenario.network).toBe('north-yorkshire');
    expect(scenario.day).toBe('weekday');
    expect(scenario.traffic.dailyTrips).toBe(900_000);
    expect(scenario.sensors['mobile-van'].uploadIntervalMinutes).toBe(15);
  });

  it('finds a network folder relative to the scenario file and checks places in it', async () => {
    await writeTinyNetwork(join(scratch, 'tiny'));
    await mkdir(join(scratch, 'plans'), { recursive: true });
    const group = { name: 'G', home: 'Alpha', vehicles: [{ kind: 'own' }], targets: ['Beta'] };
    const doc = { ...MINIMAL, network: '../tiny', offenders: { groups: [group] } };
    const good = await scratchFile('plans/tiny.yaml', JSON.stringify(doc));
    const { network: tiny, networkDir } = await loadScenario(good);
    expect(tiny.places.map((p) => p.name)).toEqual(['Alpha', 'Beta']);
    expect(networkDir).toBe(join(scratch, 'tiny'));

    const wrong = { ...doc, offenders: { groups: [{ ...group, home: 'Leeds' }] } };
    const err = await loadError(await scratchFile('plans/leeds.yaml', JSON.stringify(wrong)));
    expect(err.message).toContain('offenders.groups[0].home: unknown place "Leeds"');
  });

  it('reports a network folder that does not exist at `network`', async () => {
    const doc = { ...MINIMAL, network: './nowhere' };
    const err = await loadError(await scratchFile('lost.yaml', JSON.stringify(doc)));
    expect(err.message).toContain(`network: there is no folder ${join(scratch, 'nowhere')}`);
  });
});

/** Two places joined by one road: the smallest network a scenario can name. */
async function writeTinyNetwork(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const line = roads(
    road('R1', [
      [-1.5, 54],
      [-1.4, 54],
      [-1.3, 54],
    ]),
  );
  const place = (name: string, lon: number) => ({
    type: 'Feature',
    properties: {
      name,
      kind: 'village',
      population: 100,
      insideForceArea: true,
      area: 'T',
      source: 'test',
    },
    geometry: { type: 'Point', coordinates: [lon, 54] },
  });
  const places = {
    type: 'FeatureCollection',
    features: [place('Alpha', -1.5), place('Beta', -1.3)],
  };
  await writeFile(join(dir, 'roads.geojson'), JSON.stringify(line));
  await writeFile(join(dir, 'places.geojson'), JSON.stringify(places));
}
