import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioFile } from '../runner/testing.js';
import { runLoadTest } from './run-load.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('a load test of a scenario', () => {
  it('gives every probe a seed mark of its own when a small pool is replayed often', async () => {
    const { dir, path } = await scenarioFile();
    dirs.push(dir);
    // 50 reads span well under a simulated minute; at 600 times real time a second of
    // test replays them over and over, so there are many more probes than the pool
    // alone would suggest. A mark sent twice within the hub's ten-minute alert window
    // raises one alert, so each probe needs a mark of its own.
    const { result, error } = await runLoadTest({
      scenarioPath: path,
      profile: { kind: 'scenario', speed: 600 },
      durationMs: 1000,
      poolReads: 50,
      probeEvery: 10,
    });
    expect(error).toBeNull();
    expect(result.pool.passes).toBeGreaterThan(2);
    expect(result.alerts.expected).toBe(Math.floor(result.reads.sent / 10));
    expect(result.pool.seedMarks).toBeGreaterThanOrEqual(result.alerts.expected);
    expect(result.alerts.missing).toBe(0);
  });
});
