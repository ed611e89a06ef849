import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioFile } from '../runner/testing.js';
import type { RunSummary } from '../scoring/summary.js';
import { memoryIo } from './io.js';
import { main } from './main.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function scenario(extra = ''): Promise<{ dir: string; path: string }> {
  const made = await scenarioFile(undefined, extra);
  dirs.push(made.dir);
  return made;
}

describe('anpr-testbed run', () => {
  it('runs a scenario against the reference hub, prints the summary and exits 0', async () => {
    const { dir, path } = await scenario();
    const io = memoryIo();
    const code = await main(['run', path, '--out', join(dir, 'out'), '--tick', '5000'], io);
    expect(code).toBe(0);
    // Off a terminal, progress comes as a line every tenth of the window.
    expect(io.stderr()).toMatch(/^running: 10% of the window, [\d,]+ reads, [\d,]+ alerts$/m);
    expect(io.stdout()).toMatch(/Small night \(seed 4242\) against anpr-testbed reference hub/);
    expect(io.stdout()).toMatch(/Verdict: PASS/);
    const summary = JSON.parse(await readFile(join(dir, 'out', 'summary.json'), 'utf8')) as {
      verdict: string;
    };
    expect(summary.verdict).toBe('pass');
  });

  it('exits 1 and names the threshold when the run misses it', async () => {
    const { dir, path } = await scenario('\nthresholds:\n  detection.recall: { min: 1.5 }\n');
    const io = memoryIo();
    const code = await main(['run', path, '--out', join(dir, 'out'), '--tick', '5000'], io);
    expect(code).toBe(1);
    expect(io.stdout()).toMatch(/FAILED {5}detection\.recall = [\d.]+ \(must be at least 1\.5\)/);
    expect(io.stderr()).toMatch(
      /the run failed: detection\.recall = [\d.]+ \(must be at least 1\.5\) \[ATB_RUN_FAILED\]/,
    );
  });

  it.each([
    [['--hub', 'http://127.0.0.1:9'], /--hub needs --token/],
    [['--hub', 'not a url', '--token', 't'], /--hub takes a URL/],
    [['--hub', 'ftp://x', '--token', 't'], /--hub must be an http or https URL/],
    [['--token', 't'], /--token goes with --hub or --driver/],
    [['--speed', '0'], /--speed takes a number above 0/],
    [['--speed', '2', '--virtual'], /--virtual and --speed cannot be used together/],
    [['--delivery', 'carrier-pigeon'], /--delivery takes push or pull/],
    [['--tick', '0'], /--tick must be at least 1 ms/],
    [['--alert-window', 'ten'], /--alert-window takes a number; got "ten"/],
    [['--min-dispatch-confidence', '1.5'], /--min-dispatch-confidence takes a number from 0 to 1/],
    [
      ['--dispatch-max-priority', '2.5'],
      /--dispatch-max-priority takes a whole number from 0 to 4/,
    ],
    [
      ['--hub', 'http://127.0.0.1:9', '--token', 't', '--alert-window', '60'],
      /--alert-window sets the built-in reference hub; it does not go with --hub or --driver/,
    ],
  ])('refuses %j with exit 2', async (flags, message) => {
    const { dir, path } = await scenario();
    const io = memoryIo();
    const code = await main(['run', path, '--out', join(dir, 'out'), ...flags], io);
    expect(code).toBe(2);
    expect(io.stderr()).toMatch(message);
    expect(io.stderr()).not.toMatch(/\n\s+at /);
  });

  it('runs the reference hub with other settings, records them and repeats them', async () => {
    const { dir, path } = await scenario();
    const io = memoryIo();
    const out = join(dir, 'out');
    const flags = ['--tick', '5000', '--alert-window', '60', '--dispatch-max-priority', '0'];
    expect(await main(['run', path, '--out', out, ...flags], io)).toBe(0);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.hub.settings).toMatchObject({ windowMs: 3_600_000, dispatchMaxPriority: 0 });
    expect(summary.interception.dispatches).toBe(0);
    const report = await readFile(join(out, 'report.html'), 'utf8');
    expect(report).toContain(
      '--alert-window 60 --min-similar-confidence 0.5 --dispatch-max-priority 0',
    );
  });

  it('names a scenario file that does not exist', async () => {
    const io = memoryIo();
    const code = await main(['run', 'no/such/scenario.yaml', '--out', '/tmp/never'], io);
    expect(code).toBe(2);
    expect(io.stderr()).toMatch(/no\/such\/scenario\.yaml/);
  });
});

describe('anpr-testbed run --driver', () => {
  it('drives a hub through a driver module of the user’s own', async () => {
    const { buildHubServer } = await import('../../reference-hub/server.js');
    const { loadNetworkFixture } = await import('../network/load.js');
    const { createNetwork } = await import('../../simulator/network/index.js');
    const app = buildHubServer({
      token: 'secret',
      network: createNetwork(await loadNetworkFixture()),
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const { dir, path } = await scenario();
    // A module that wraps the HTTP driver and counts its calls, as a team's adapter would.
    const driverPath = join(dir, 'my-driver.mjs');
    const httpDriver = new URL('../hub-api/http-driver.ts', import.meta.url).pathname;
    await writeFile(
      driverPath,
      `import { createHttpDriver } from ${JSON.stringify(httpDriver)};\n` +
        `export default async function createDriver({ url, token }) {\n` +
        `  const inner = await createHttpDriver({ url, token, delivery: 'pull' });\n` +
        `  return { ...bind(inner), target: 'my adapter for ' + url };\n` +
        `}\n` +
        `function bind(d) {\n` +
        `  const out = {};\n` +
        `  for (const k of ['info','start','cameras','hotlist','reads','units','advance','events','end','close'])\n` +
        `    out[k] = d[k].bind(d);\n` +
        `  return out;\n` +
        `}\n`,
    );
    const io = memoryIo();
    try {
      const code = await main(
        ['run', path, '--driver', driverPath, '--hub', url, '--token', 'secret'].concat([
          '--out',
          join(dir, 'out'),
          '--tick',
          '5000',
        ]),
        io,
      );
      expect(io.stderr()).not.toMatch(/ATB_/);
      expect(code).toBe(0);
      expect(io.stdout()).toMatch(
        /against anpr-testbed reference hub 0\.1\.0 at my adapter for http/,
      );
    } finally {
      await app.close();
    }
  });

  it('names a driver module that does not exist', async () => {
    const { dir, path } = await scenario();
    const io = memoryIo();
    const code = await main(['run', path, '--driver', './nope.mjs', '--out', join(dir, 'o')], io);
    expect(code).toBe(2);
    expect(io.stderr()).toMatch(/nope\.mjs/);
  });
});
