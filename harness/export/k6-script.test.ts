import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';
import type { ExportBatch } from './batches.js';
import { loadInstance, TestAborted, type SandboxInstance } from './testing/k6-sandbox.js';
import { exportSmallNight, type SmallExport } from './testing/small-export.js';
import { readFileSync } from 'node:fs';

/**
 * The script's problems as TypeScript finds them with k6's published type definitions,
 * the script checked as JavaScript: strict, ES2020 with no DOM, as k6 runs it.
 */
function typeProblems(scriptPath: string): string[] {
  const types = join(packageRoot(), 'node_modules', '@types', 'k6');
  const program = ts.createProgram([scriptPath], {
    allowJs: true,
    checkJs: true,
    noEmit: true,
    strict: true,
    types: ['k6'],
    typeRoots: [join(packageRoot(), 'node_modules', '@types')],
    lib: ['lib.es2020.d.ts'],
    module: ts.ModuleKind.ES2020,
    target: ts.ScriptTarget.ES2020,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    // The export is written outside the project, where no node_modules folder is above it.
    paths: { k6: [join(types, 'index.d.ts')], 'k6/*': [join(types, '*')] },
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}:${line + 1}:${character + 1}: ${text}`;
  });
}

function shardBatches(dir: string, n: number, count: number): ExportBatch[] {
  return JSON.parse(readFileSync(join(dir, `reads-${n}-of-${count}.json`), 'utf8')) as never;
}

/** Iterations k6 starts in the whole test: one a request, and one spare. */
function iterations(made: SmallExport): number {
  return made.result.facts.requests + 1;
}

function postedReads(instance: SandboxInstance): string[] {
  return instance.sent.filter((r) => r.url.endsWith('/reads')).map((r) => r.body ?? '');
}

describe('the k6 script', () => {
  it.each([
    ['ramping-arrival-rate', {}],
    ['constant-arrival-rate', { flat: true }],
  ])('type-checks against @types/k6 with %s', async (executor, options) => {
    const made = await exportSmallNight({ ...options, maxReads: 400, shards: 2 });
    try {
      expect(made.result.facts.plan.executor.executor).toBe(executor);
      expect(typeProblems(join(made.dir, 'script.js'))).toEqual([]);
    } finally {
      await made.remove();
    }
  });

  it("carries the scenario's thresholds, the session start and an open-loop executor", async () => {
    const made = await exportSmallNight({ maxReads: 400, rateScale: 60 });
    try {
      const { options } = loadInstance(made.dir, { vu: 0 });
      expect(options).toMatchObject({
        thresholds: {
          http_req_duration: ['p(99)<=2000'],
          http_req_failed: ['rate<0.01'],
          checks: ['rate>0.99'],
          dropped_iterations: ['count==0'],
        },
      });
      expect(options.scenarios.reads).toMatchObject({
        executor: 'ramping-arrival-rate',
        timeUnit: '1000ms',
      });
      expect(made.result.facts.plan.unmeasured).toEqual(['detection.recall']);
      expect(made.result.facts.plan.session).toEqual({
        scenario: 'Small night',
        seed: 4242,
        mode: 'real',
        startAt: '2026-11-12T21:00:00.000Z',
        speed: 60,
        delivery: 'pull',
      });
    } finally {
      await made.remove();
    }
  });
});

describe('the k6 script on a cluster of instances', () => {
  const SHARDS = 3;
  let made: SmallExport;
  let shards: string[][];

  beforeAll(async () => {
    made = await exportSmallNight({ shards: SHARDS, maxReads: 3000 });
    shards = [1, 2, 3].map((n) =>
      shardBatches(made.dir, n, SHARDS).map((b) => JSON.stringify(b.body)),
    );
  });
  afterAll(() => made.remove());

  it('each instance of a k6-operator run sends exactly its own shard, in order', () => {
    const total = iterations(made);
    shards.forEach((expected, i) => {
      // k6 stripes the iterations over equal segments: instance i starts i, i+n, i+2n, ...
      const own = Math.ceil((total - i) / SHARDS);
      const instance = loadInstance(made.dir, {
        segment: `${i}/${SHARDS}:${i + 1}/${SHARDS}`,
        env: { HOSTNAME: `anpr-small-night-${i + 1}` },
      });
      for (let j = 0; j < own; j++) instance.iterate(j, { sessionId: 'k6-4242' });
      expect(postedReads(instance)).toEqual(expected);
      expect(instance.failedChecks).toEqual([]);
      expect(instance.opened.filter((f) => f.includes('reads-'))).toEqual([
        `./reads-${i + 1}-of-${SHARDS}.json`,
      ]);
    });
  });

  it('one instance alone sends every request in the order of the whole test', () => {
    const instance = loadInstance(made.dir);
    for (let j = 0; j < iterations(made); j++) instance.iterate(j, { sessionId: 'k6-4242' });
    const posted = postedReads(instance);
    const inOrder = shards[0]!.flatMap((_, k) => shards.map((s) => s[k]).filter((b) => b));
    expect(posted).toEqual(inOrder);
    const offsets = posted.map((b) => (JSON.parse(b) as ExportBatch['body']).sentAt);
    expect(offsets).toEqual([...offsets].sort());
  });

  it('loads no read data in the pass that only reads the options', () => {
    const instance = loadInstance(made.dir, { vu: 0 });
    expect(instance.opened).toEqual(['./cameras.json', './hotlist.json']);
  });

  it('stops the test when the segment does not fall on shard boundaries', () => {
    const instance = loadInstance(made.dir, { segment: '0:1/2' });
    expect(() => instance.iterate(0, { sessionId: 'x' })).toThrow(TestAborted);
    expect(() => instance.iterate(0, { sessionId: 'x' })).toThrow(
      /Execution segment 0:1\/2 does not fall on the boundaries of the 3 shards/,
    );
  });

  it('stops the test, naming SHARDS, when a runner loaded another shard than its segment', () => {
    const instance = loadInstance(made.dir, {
      segment: '1/3:2/3',
      env: { HOSTNAME: 'anpr-small-night-1' },
    });
    expect(() => instance.iterate(0, { sessionId: 'x' })).toThrow(
      'Execution segment 1/3:2/3 covers shard 2 but this instance loaded shards 1; ' +
        'set SHARDS=2 or SHARDS=all',
    );
  });

  it('SHARDS chooses the shard files, and a range spans segments of several shards', () => {
    const instance = loadInstance(made.dir, { segment: '1/3:1', env: { SHARDS: '2-3' } });
    instance.iterate(0, { sessionId: 'k6-4242' });
    instance.iterate(1, { sessionId: 'k6-4242' });
    instance.iterate(2, { sessionId: 'k6-4242' });
    expect(postedReads(instance)).toEqual([shards[1]![0], shards[2]![0], shards[1]![1]]);
  });

  it('setup() starts a real-time pull session and sends the cameras and hotlist', () => {
    const instance = loadInstance(made.dir, { vu: 0, env: { HUB_URL: 'http://hub:9000/' } });
    expect(instance.setup()).toEqual({ sessionId: 'k6-4242' });
    expect(instance.sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET http://hub:9000/v1/hub',
      'POST http://hub:9000/v1/sessions',
      'PUT http://hub:9000/v1/sessions/k6-4242/cameras',
      'POST http://hub:9000/v1/sessions/k6-4242/hotlist',
    ]);
    expect(JSON.parse(instance.sent[1]!.body!)).toMatchObject({
      sessionId: 'k6-4242',
      mode: 'real',
      delivery: 'pull',
    });
  });

  it('teardown() ends the session from the first segment only', () => {
    const first = loadInstance(made.dir, { vu: 0, segment: '0:1/3' });
    const second = loadInstance(made.dir, { vu: 0, segment: '1/3:2/3' });
    first.teardown({ sessionId: 'k6-4242' });
    second.teardown({ sessionId: 'k6-4242' });
    expect(first.sent.at(-1)).toMatchObject({
      method: 'DELETE',
      url: 'http://127.0.0.1:8080/v1/sessions/k6-4242',
    });
    expect(second.sent).toEqual([]);
  });
});
