import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFaultyHub } from '../hub-api/testing/faulty-hub.js';
import { executeRun, type ExecuteResult } from './execute.js';
import { RunControl } from './control.js';
import { scenarioFile } from './testing.js';
import { loadScenario } from '../scenario/load.js';
import { World } from '../../simulator/world/generate.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function run(
  options: Partial<Parameters<typeof executeRun>[0]> = {},
): Promise<ExecuteResult> {
  const { dir, path } = await scenarioFile();
  dirs.push(dir);
  return executeRun({
    scenarioPath: path,
    hub: { kind: 'reference' },
    mode: { kind: 'virtual', tickMs: 5000 },
    outDir: join(dir, 'out'),
    // Quick retries, so that hundreds of injected faults cost little time.
    retry: { attempts: 3, backoffMs: 1, downAfter: 5, probeEveryMs: 200 },
    ...options,
  });
}

/** The parts of a summary that do not depend on the wall clock or the transport. */
function scores(result: ExecuteResult) {
  const { detection, interception, reads, journeys, units, hubEvents } = result.summary;
  return {
    detection: { ...detection, latencyMs: null },
    interception,
    reads,
    journeys,
    units,
    hubEvents,
  };
}

describe('a run against the reference hub in virtual time', () => {
  let first: ExecuteResult;

  it('delivers every read, alerts on listed vehicles and writes the summary and log', async () => {
    first = await run();
    const s = first.summary;
    expect(s.verdict).toBe('pass');
    expect(s.reads.generated).toBeGreaterThan(10_000);
    expect(s.reads.delivered).toBe(s.reads.generated);
    expect(s.reads.rejected + s.reads.failed + s.reads.unsent).toBe(0);
    expect(s.detection.opportunities).toBeGreaterThan(100);
    expect(s.detection.recall).toBeGreaterThan(0.95);
    expect(s.detection.trueAlerts).toBeGreaterThan(50);
    expect(s.detection.latencyMs.count).toBeGreaterThan(0);
    expect(s.hub.name).toBe('anpr-testbed reference hub');
    expect(s.interception.journeys).toBeGreaterThanOrEqual(1);
    expect(s.interception.dispatches).toBeGreaterThan(0);
    expect(s.interception.stops + s.interception.misses).toBeLessThanOrEqual(
      s.interception.dispatches,
    );

    expect(first.files.map((f) => basename(f))).toEqual([
      'run-log.ndjson',
      'summary.json',
      'junit.xml',
      'summary.md',
      'report.html',
    ]);
    expect(first.report).toBe(first.files[4]);
    expect(await readFile(first.files[3]!, 'utf8')).toContain('report.html');
    expect(await readFile(first.files[4]!, 'utf8')).toMatch(/^<!doctype html>/i);
    const written = JSON.parse(await readFile(first.files[1]!, 'utf8')) as typeof s;
    expect(written.verdict).toBe('pass');
    expect(written.reads).toEqual(s.reads);
    const log = (await readFile(first.files[0]!, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; call?: string; reads?: number });
    expect(log[0]!.kind).toBe('run');
    expect(log.at(-1)!.kind).toBe('summary');
    const logged = log
      .filter((l) => l.kind === 'sent' && l.call === 'reads')
      .reduce((n, l) => n + (l.reads ?? 0), 0);
    expect(logged).toBe(s.reads.delivered);
    expect(log.filter((l) => l.kind === 'event').length).toBe(
      s.hubEvents.alerts + s.hubEvents.dispatches + s.hubEvents.standDowns + s.hubEvents.flags,
    );
  });

  it('gives the same scores for the same scenario and seed', async () => {
    const second = await run();
    expect(scores(second)).toEqual(scores(first));
  });

  it('gives the same scores over HTTP with push and with pull', async () => {
    // The reference hub served on a real port, driven through the HTTP driver.
    const { buildHubServer } = await import('../../reference-hub/server.js');
    const { loadNetworkFixture } = await import('../network/load.js');
    const { createNetwork } = await import('../../simulator/network/index.js');
    const app = buildHubServer({
      token: 'secret',
      network: createNetwork(await loadNetworkFixture()),
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      for (const delivery of ['push', 'pull'] as const) {
        const overHttp = await run({ hub: { kind: 'http', url, token: 'secret', delivery } });
        expect(overHttp.summary.hub.target).toBe(url);
        expect(scores(overHttp)).toEqual(scores(first));
      }
    } finally {
      await app.close();
    }
  });
});

describe('a run against a faulty hub', () => {
  it('retries 500s, resets and malformed answers and accounts for every read', async () => {
    const hub = await startFaultyHub({
      failEvery: [
        { call: 'reads', n: 7, kind: 'status-500' },
        { call: 'reads', n: 11, kind: 'reset' },
        { call: 'reads', n: 13, kind: 'bad-shape' },
        { call: 'clock', n: 50, kind: 'status-500' },
      ],
      malformedEvents: 5,
    });
    try {
      const { summary: s } = await run({
        hub: { kind: 'http', url: hub.url, token: hub.token, delivery: 'pull' },
      });
      expect(s.reads.delivered + s.reads.rejected + s.reads.failed).toBe(s.reads.generated);
      expect(s.faults.byKind['server-error']).toBeGreaterThan(0);
      expect(s.faults.byKind.reset).toBeGreaterThan(0);
      expect(s.faults.byKind.malformed).toBeGreaterThan(0);
      expect(s.faults.retries).toBeGreaterThan(0);
      expect(s.checks.find((c) => c.name === 'reads accounted for')!.pass).toBe(true);
      expect(s.hub.name).not.toBeNull();
    } finally {
      await hub.close();
    }
  });

  it('splits batches and hotlist changes the hub finds too large', async () => {
    // Bodies over 64 kB (about 450 reads, or 250 hotlist changes) are refused with 413.
    const hub = await startFaultyHub({ maxBodyBytes: 64_000 });
    try {
      const { summary: s } = await run({
        hub: { kind: 'http', url: hub.url, token: hub.token, delivery: 'push' },
      });
      // A batch answered 413 is split and sent again, so nothing is lost.
      expect(s.reads.delivered + s.reads.rejected).toBe(s.reads.generated);
      expect(s.faults.byKind['too-large']).toBeGreaterThan(0);
      expect(s.notes.filter((n) => /hotlist|camera/.test(n))).toEqual([]);
    } finally {
      await hub.close();
    }
  });

  it('counts reads the hub refuses one by one as rejected, with its reasons', async () => {
    // Marks that the small night's first reads carry, so that some reads are refused.
    const { path, dir } = await scenarioFile();
    dirs.push(dir);
    const { scenario, network } = await loadScenario(path);
    const first = new World(scenario, network).play().next();
    if (first.done) throw new Error('the small night played no batch');
    const marks = [...new Set(first.value.reads.slice(0, 50).map((r) => r.vrm))];
    const hub = await startFaultyHub({ rejectVrms: marks });
    try {
      const { summary: s } = await run({
        hub: { kind: 'http', url: hub.url, token: hub.token, delivery: 'pull' },
      });
      expect(s.reads.rejected).toBeGreaterThanOrEqual(50);
      expect(s.reads.delivered + s.reads.rejected).toBe(s.reads.generated);
      expect(Object.values(s.reads.rejectedByReason).reduce((a, b) => a + b, 0)).toBe(
        s.reads.rejected,
      );
    } finally {
      await hub.close();
    }
  });

  it('times out a hub that stalls, retries and loses nothing that went through', async () => {
    const hub = await startFaultyHub({
      failEvery: [
        { call: 'clock', n: 300, kind: 'stall' },
        { call: 'reads', n: 400, kind: 'stall' },
      ],
      stallMs: 1_000,
    });
    try {
      const { summary: s } = await run({
        hub: { kind: 'http', url: hub.url, token: hub.token, delivery: 'pull', timeoutMs: 250 },
      });
      expect(s.faults.byKind.timeout).toBeGreaterThan(0);
      expect(s.faults.retries).toBeGreaterThan(0);
      expect(s.reads.delivered + s.reads.rejected + s.reads.failed).toBe(s.reads.generated);
      expect(s.reads.failed).toBe(0);
    } finally {
      await hub.close();
    }
  });

  it('finishes against a hub that is down, says so and fails', async () => {
    const hub = await startFaultyHub();
    const { url, token } = hub;
    await hub.close();
    const { summary: s } = await run({
      hub: { kind: 'http', url, token, delivery: 'pull' },
    });
    expect(s.verdict).toBe('fail');
    expect(s.checks.find((c) => c.name === 'hub answered')!.pass).toBe(false);
    expect(s.reads.failed).toBe(s.reads.generated);
    expect(s.faults.byKind.refused).toBeGreaterThan(0);
    expect(s.faults.hubDownSpells).toBeGreaterThan(0);
  });
});

describe('run control', () => {
  it('stops early and scores what it gathered, with the rest unsent', async () => {
    const control = new RunControl();
    const result = await run({
      control,
      onProgress: (p) => {
        if (p.share > 0.3) control.stop();
      },
    });
    const s = result.summary;
    expect(s.run.interrupted).toBe(true);
    expect(s.reads.unsent).toBeGreaterThan(0);
    expect(s.reads.delivered + s.reads.rejected + s.reads.failed + s.reads.unsent).toBe(
      s.reads.generated,
    );
    expect(s.verdict).toBe('fail');
  });

  it('follows the wall clock in real time, and a pause holds the simulated clock', async () => {
    const control = new RunControl();
    let pausedAt = 0;
    const seen: number[] = [];
    const started = performance.now();
    const result = await run({
      mode: { kind: 'real', speed: 20_000 },
      control,
      onProgress: (p) => {
        seen.push(p.simMs);
        if (pausedAt === 0 && p.share > 0.2) {
          pausedAt = p.simMs;
          control.pause();
          setTimeout(() => control.resume(), 300);
        }
      },
    });
    const wallMs = performance.now() - started;
    // Two simulated hours at 20,000x is 360 ms of play, plus the pause.
    expect(result.summary.run.simulatedMs).toBeGreaterThanOrEqual(2 * 3_600_000);
    expect(wallMs).toBeGreaterThan(300 + 300);
    expect(result.summary.reads.delivered).toBe(result.summary.reads.generated);
    const after = seen.find((t) => t > pausedAt)!;
    // Had the pause counted, the clock would have jumped 300 ms x 20,000 = 100 minutes.
    expect(after - pausedAt).toBeLessThan(30 * 60_000);
  });
});

describe('thresholds', () => {
  it('fails a run whose scores miss the scenario thresholds', async () => {
    const { dir, path } = await scenarioFile(
      undefined,
      '\nthresholds:\n  detection.recall: { min: 1.01 }\n  interception.innocentStops: { max: 1000 }\n',
    );
    dirs.push(dir);
    const { summary: s } = await executeRun({
      scenarioPath: path,
      hub: { kind: 'reference' },
      mode: { kind: 'virtual', tickMs: 1000 },
      outDir: join(dir, 'out'),
    });
    expect(s.verdict).toBe('fail');
    expect(s.thresholds.map((t) => [t.metric, t.pass])).toEqual([
      ['detection.recall', false],
      ['interception.innocentStops', true],
    ]);
  });

  it('refuses a threshold on a score that does not exist, before playing anything', async () => {
    const { dir, path } = await scenarioFile(
      undefined,
      '\nthresholds:\n  detection.recal: { min: 0.9 }\n',
    );
    dirs.push(dir);
    await expect(
      executeRun({
        scenarioPath: path,
        hub: { kind: 'reference' },
        mode: { kind: 'virtual', tickMs: 1000 },
        outDir: join(dir, 'out'),
      }),
    ).rejects.toThrow(
      /thresholds\.detection\.recal: no such score; did you mean "detection\.recall"\?/,
    );
    expect(existsSync(join(dir, 'out', 'summary.json'))).toBe(false);
  });
});
