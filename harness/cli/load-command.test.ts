import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoadResult } from '../load/index.js';
import { startLoadTestHub, type LoadTestHub } from '../load/testing.js';
import { EMPTY_NIGHT, scenarioFile } from '../runner/testing.js';
import { memoryIo } from './io.js';
import { main } from './main.js';

const dirs: string[] = [];
const hubs: LoadTestHub[] = [];
afterAll(async () => {
  for (const hub of hubs) await hub.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function scenario(text?: string): Promise<{ dir: string; path: string }> {
  const made = await scenarioFile(text);
  dirs.push(made.dir);
  return made;
}

/** Runs `anpr-testbed load` on the scenario, writing into its folder's `out`. */
async function load(path: string, dir: string, flags: string[]) {
  const io = memoryIo();
  const out = join(dir, 'out');
  const code = await main(['load', path, '--out', out, ...flags], io);
  return { code, out, stdout: io.stdout(), stderr: io.stderr() };
}

async function resultIn(out: string): Promise<LoadResult> {
  // Reports may sit beside it; load.json is the one this command promises.
  expect(await readdir(out)).toContain('load.json');
  return JSON.parse(await readFile(join(out, 'load.json'), 'utf8')) as LoadResult;
}

/** A loopback port nothing listens on: one just given up by a server of our own. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Kills the hub once it has taken `reads` reads (or after ten seconds without). */
async function killOnceRead(hub: LoadTestHub, reads: number): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (hub.reads < reads && performance.now() < deadline) await sleep(10);
  await hub.kill();
}

const NO_STACK = /\n\s+at /;

describe('anpr-testbed load', () => {
  it('runs a constant rate against the reference hub and writes load.json', async () => {
    const { dir, path } = await scenario();
    const flags = ['--rate', '200', '--duration', '1s', '--alert-every', '50'];
    const { code, out, stdout, stderr } = await load(path, dir, flags);
    expect(stderr).not.toMatch(NO_STACK);
    expect(code).toBe(0);
    const header = /^Load test of Small night \(seed 4242\) against anpr-testbed reference hub/m;
    expect(stdout).toMatch(header);
    expect(stdout).toMatch(/^Load test of .* \(in this process\)$/m);
    expect(stdout).toMatch(/^ {2}profile {4}constant 200 reads\/s, 1 s, 1 read a request/m);
    expect(stdout).toMatch(/^ {2}reads {6}200 offered: 200 sent, 200 accepted, 0 rejected/m);
    expect(stdout).toMatch(/^ {2}alerts {5}4 of 4 probe reads alerted/m);
    expect(stdout).toMatch(/^Verdict: PASS$/m);
    expect(stdout).toMatch(/load\.json/);
    const result = await resultIn(out);
    expect(result).toMatchObject({
      kind: 'anpr-testbed/load',
      verdict: 'pass',
      scenario: { name: 'Small night', seed: 4242 },
      hub: { inProcess: true },
      settings: { profile: { kind: 'constant', readsPerSecond: 200 }, durationMs: 1000 },
      offered: { reads: 200, readsPerSecond: 200 },
      reads: { offered: 200, sent: 200, accepted: 200, failed: 0, unaccounted: 0, unsent: 0 },
      alerts: { expected: 4, alerted: 4, missing: 0 },
      error: null,
    });
  });

  it('steps the rate up in a saturation search and writes every step', async () => {
    const { dir, path } = await scenario();
    const flags = ['--find-saturation', '--rate', '100', '--max-steps', '2', '--duration', '1s'];
    const { code, out, stdout, stderr } = await load(path, dir, flags);
    expect(stderr).toMatch(/^load: step 2 at 150 reads\/s, /m);
    expect(code).toBe(0);
    expect(stdout).toMatch(/saturation search from 100 reads\/s, x1\.5 a step, 1 s a step/);
    expect(stdout).toMatch(/^ {2}saturation Every step held, up to 150 reads\/s/m);
    const result = await resultIn(out);
    expect(result.saturation?.steps.map((s) => [s.step, s.readsPerSecond, s.held])).toEqual([
      [1, 100, true],
      [2, 150, true],
    ]);
    expect(result.saturation?.highestHeldReadsPerSecond).toBe(150);
    expect(result.reads).toMatchObject({ offered: 250, sent: 250, accepted: 250 });
    expect(result.checks.map((c) => [c.name, c.pass])).toContainEqual(['a rate held', true]);
  });

  it('names a hub that refuses connections, exits 1 and still writes load.json', async () => {
    const { dir, path } = await scenario();
    const url = `http://127.0.0.1:${await closedPort()}`;
    const flags = ['--hub', url, '--token', 't', '--rate', '100', '--duration', '1s'];
    const { code, out, stdout, stderr } = await load(path, dir, flags);
    expect(code).toBe(1);
    expect(stderr).toContain(`anpr-testbed: Cannot reach the hub at ${url}: `);
    expect(stderr).toMatch(/ECONNREFUSED.*\[ATB_LOAD_HUB_UNREACHABLE\]$/m);
    expect(stderr).not.toMatch(NO_STACK);
    expect(stdout).toMatch(/^Verdict: FAIL$/m);
    const result = await resultIn(out);
    expect(result).toMatchObject({
      verdict: 'fail',
      scenario: { name: 'Small night', seed: 4242 },
      hub: { target: url, inProcess: false },
      error: { code: 'ATB_LOAD_HUB_UNREACHABLE' },
    });
    expect(result.error?.message).toContain(url);
  });

  it('keeps what it measured when the hub dies part way and exits 1', async () => {
    const { dir, path } = await scenario();
    const hub = await startLoadTestHub();
    hubs.push(hub);
    void killOnceRead(hub, 100);
    const flags = ['--hub', hub.url, '--token', hub.token, '--rate', '200', '--duration', '4s'];
    const { code, out, stderr } = await load(path, dir, flags);
    expect(code).toBe(1);
    expect(stderr).toContain(`The hub at ${hub.url} stopped answering`);
    expect(stderr).toMatch(/\[ATB_LOAD_HUB_LOST\]$/m);
    expect(stderr).not.toMatch(NO_STACK);
    const result = await resultIn(out);
    expect(result.stopped?.kind).toBe('hub-lost');
    expect(result.error?.code).toBe('ATB_LOAD_HUB_LOST');
    const r = result.reads;
    expect(r.accepted).toBeGreaterThan(0);
    expect(r.unsent).toBeGreaterThan(0);
    expect(r.accepted + r.rejected + r.failed + r.unaccounted).toBe(r.sent);
    expect(r.sent + r.unsent).toBe(r.offered);
  });

  it.each([
    [['--hub', 'not a url', '--token', 't'], /--hub takes a URL such as .*; got "not a url"/],
    [['--hub', 'ftp://127.0.0.1:21', '--token', 't'], /--hub must be an http or https URL/],
    [['--hub', 'http://127.0.0.1:9'], /--hub needs --token/],
    [['--rate', '-5'], /--rate takes a number above 0; got "-5"/],
    [['--duration', 'abc'], /--duration takes a duration such as 500ms, .*; got "abc"/],
    [['--profile', 'nope'], /--profile takes one of constant, ramp, scenario, .*; got "nope"/],
    [['--batch', '0'], /--batch takes a whole number from 1 to 100000; got 0/],
    [['--connections', '5000'], /--connections takes a whole number from 1 to 4096; got 5000/],
    [['--find-saturation', '--max-steps', '0'], /--max-steps takes a whole number from 1/],
    [['--find-saturation', '--from', '5'], /--from goes with --profile ramp, not --find-sat/],
    [['--delivery', 'pigeon'], /--delivery takes push or pull; got "pigeon"/],
  ])('refuses %j with exit 2, naming the flag', async (flags, message) => {
    const { dir, path } = await scenario();
    const { code, out, stderr } = await load(path, dir, flags);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/\[ATB_CLI_USAGE\]$/m);
    expect(stderr).not.toMatch(NO_STACK);
    expect(existsSync(join(out, 'load.json'))).toBe(false);
  });

  it('says this machine cannot offer the rate, and by how much, rather than hang', async () => {
    const { dir, path } = await scenario();
    const flags = ['--rate', '10000000', '--duration', '1s', '--max-reads', '5000'];
    const { code, out, stdout, stderr } = await load(path, dir, flags);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^ {2}GENERATOR {2}this machine could not offer the rate: short by /m);
    expect(stdout).toMatch(/^ {2}FAILED {5}the generator kept up: short by [\d,]+ reads\/s/m);
    expect(stderr).toMatch(/the load test failed: .*the generator kept up: no/);
    expect(stderr).not.toMatch(NO_STACK);
    const result = await resultIn(out);
    expect(result.offered).toMatchObject({ reads: 5000, readsPerSecond: 10_000_000 });
    expect(result.reads).toMatchObject({ offered: 5000, sent: 5000, unaccounted: 0 });
    expect(result.generator.limited).toBe(true);
    expect(result.generator.shortfallReadsPerSecond).toBeGreaterThan(9_000_000);
    expect(result.notes.join('\n')).toMatch(/This machine could not offer the rate asked for/);
  });

  it('names a scenario that gives no reads to send', async () => {
    const { dir, path } = await scenario(EMPTY_NIGHT);
    const { code, out, stderr } = await load(path, dir, ['--rate', '100', '--duration', '1s']);
    expect(code).toBe(2);
    expect(stderr).toContain(`anpr-testbed: Scenario ${path} gives no reads to send: `);
    expect(stderr).toMatch(/\(is there any traffic\?\) \[ATB_LOAD_NO_READS\]$/m);
    expect(stderr).not.toMatch(NO_STACK);
    const result = await resultIn(out);
    expect(result).toMatchObject({ verdict: 'fail', error: { code: 'ATB_LOAD_NO_READS' } });
    expect(result.reads.offered).toBe(0);
  });
});
