import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSumo, SUMO_FILES } from '../network/sumo-export.js';
import { packageRoot } from '../paths.js';
import { loadScenario } from '../scenario/load.js';
import { generate } from './run.js';

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

describe('SUMO route file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atb-sumo-routes-'));
    const { scenario, network, networkDir } = await loadScenario(
      join(packageRoot(), 'scenarios', 'hawk-night.yaml'),
    );
    scenario.traffic.dailyTrips = 5_000;
    scenario.endMs = scenario.startMs + 3_600_000;
    await exportSumo(network, dir);
    await generate(scenario, network, { outDir: join(dir, 'out'), networkDir, sumoDir: dir });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists each departure once, in time order, with marks as vehicle ids', async () => {
    const xml = await readFile(join(dir, 'anpr.rou.xml'), 'utf8');
    const vehicles = [
      ...xml.matchAll(/<vehicle id="([^"]+)" depart="([\d.]+)"><route edges="([^"]+)"\/>/g),
    ];
    expect(vehicles.length).toBeGreaterThan(100);
    const departs = vehicles.map((v) => Number(v[2]));
    expect(departs).toEqual([...departs].sort((a, b) => a - b));
    expect(new Set(vehicles.map((v) => v[1])).size).toBe(vehicles.length);
    expect(vehicles[0]![1]).toMatch(/^[A-Z0-9]+(#\d+)?$/);
    expect(xml.trimEnd().endsWith('</routes>')).toBe(true);
  });

  // netconvert and sumo come from Debian's sumo package, which .ci/run installs.
  it.runIf(hasCommand('netconvert') && hasCommand('sumo'))(
    'runs in SUMO over the exported network',
    () => {
      execFileSync('netconvert', ['-c', SUMO_FILES.config], { cwd: dir, stdio: 'pipe' });
      const run = spawnSync(
        'sumo',
        [
          '-n',
          SUMO_FILES.net,
          '-r',
          'anpr.rou.xml',
          '--end',
          '600',
          '--no-step-log',
          '--duration-log.statistics',
        ],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );
      expect(run.stderr).not.toMatch(/Error/);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/Inserted: [1-9]\d*/);
    },
  );
});
