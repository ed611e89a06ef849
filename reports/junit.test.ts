import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../harness/scoring/summary.js';
import { junitXml } from './junit.js';
import { RUN_DIR_FILES } from './run-dir.js';
import { removeSmallNights, runInto, smallNight, type TestRun } from './testing.js';
import { writeJunit } from './write-reports.js';
import { parseJunit, xmllint } from './test-pages.js';

interface Case {
  name: string;
  classname: string;
  failure?: { message: string; type: string; '#text': string };
  skipped?: { message: string };
  'system-out': string;
}
interface Suite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  timestamp?: string;
  properties: { property: { name: string; value: string }[] };
  testcase: Case[];
}
interface Report {
  testsuites: Omit<Suite, 'properties' | 'testcase'> & { testsuite: Suite[] };
}

const parse = (xml: string) => parseJunit<Report>(xml);

let small: TestRun;
let xml: string;

beforeAll(async () => {
  const scenario = await smallNight(
    [
      'thresholds:',
      '  detection.recall: { min: 0.5 }',
      '  detection.latencyMs.p99: { max: 60000 }',
      '  reads.delivered: { max: 10 }',
      '',
    ].join('\n'),
  );
  small = await runInto(scenario, 'run');
  xml = await readFile(await writeJunit(small.dir), 'utf8');
});
afterAll(removeSmallNights);

describe('JUnit XML of a run', () => {
  it('is written into the run folder as junit.xml', async () => {
    expect(await readFile(join(small.dir, RUN_DIR_FILES.junit), 'utf8')).toBe(xml);
  });

  it('holds one suite for the checks, one for the thresholds and one for the scores', () => {
    const { testsuites } = parse(xml);
    const s = small.summary;
    const failedThresholds = s.thresholds.filter((t) => !t.pass).length;

    expect(testsuites.testsuite.map((t) => [t.name, t.tests, t.failures, t.errors])).toEqual([
      ['checks', String(s.checks.length), '0', '0'],
      ['thresholds', '3', String(failedThresholds), '0'],
      ['scoring criteria', '7', '1', '0'],
    ]);
    expect(testsuites.tests).toBe(String(s.checks.length + 3 + 7));
    expect(testsuites.failures).toBe(String(failedThresholds + 1));
    expect(failedThresholds).toBe(1);
  });

  it('turns a failing threshold into a failure naming the value and the bound', () => {
    const thresholds = parse(xml).testsuites.testsuite[1]!.testcase;
    const failed = thresholds.filter((c) => c.failure);
    const delivered = small.summary.reads.delivered;

    expect(failed.map((c) => c.name)).toEqual(['reads.delivered']);
    expect(failed[0]!.failure).toMatchObject({
      message: `reads.delivered = ${delivered}, required at most 10`,
      type: 'threshold',
    });
    expect(failed[0]!.classname).toBe('anpr-testbed.small-night');
  });

  it('lists every main score with what was measured, failing only by a threshold', () => {
    const criteria = parse(xml).testsuites.testsuite[2]!.testcase;
    const recall = small.summary.detection.recall!;

    expect(criteria.map((c) => [c.name, c.failure ? 'failed' : 'passed'])).toEqual([
      ['detection recall', 'passed'],
      ['false alerts', 'passed'],
      ['duplicate alerts', 'passed'],
      ['alert latency p99', 'passed'],
      ['interception', 'passed'],
      ['innocent stops', 'passed'],
      ['reads accounted', 'failed'],
    ]);
    expect(criteria[0]!['system-out']).toContain(`${(recall * 100).toFixed(2)}% of`);
    expect(criteria[0]!['system-out']).toContain('held: detection.recall');
  });

  it('carries the scenario, seed, hub and versions as properties', () => {
    const suite = parse(xml).testsuites.testsuite[0]!;
    const properties = Object.fromEntries(suite.properties.property.map((p) => [p.name, p.value]));

    expect(properties).toMatchObject({
      scenario: 'Small night',
      seed: '4242',
      hub: 'anpr-testbed reference hub',
      'hub.version': '0.1.0',
      'harness.version': '0.1.0',
      verdict: 'fail',
    });
  });

  it('is stamped with the wall-clock start from the run log', async () => {
    const firstLine = (await readFile(join(small.dir, RUN_DIR_FILES.log), 'utf8')).split('\n')[0]!;
    const started = (JSON.parse(firstLine) as { wall: string }).wall;

    expect(parse(xml).testsuites.testsuite[0]!.timestamp).toBe(`${started.slice(0, 19)}Z`);
  });

  it('validates against the JUnit schema with xmllint', async () => {
    const result = await xmllint(join(small.dir, RUN_DIR_FILES.junit));

    expect(result.output).toContain('validates');
    expect(result.valid).toBe(true);
  });

  it('escapes user text, so that any scenario name and detail stays well-formed', async () => {
    const name = 'Night <one> & "two" \'three\' ]]> \u0007 | café';
    const detail = 'line one\nline <two> & done';
    const summary = withText(small.summary, name, detail);
    const path = join(small.dir, 'escaped.xml');
    await writeFile(path, junitXml(summary));

    const report = parse(junitXml(summary));
    const suite = report.testsuites.testsuite[0]!;

    expect((await xmllint(path)).valid).toBe(true);
    expect(report.testsuites.name).toBe(`anpr-testbed: ${name.replace('\u0007', '\uFFFD')}`);
    expect(suite.properties.property[0]!.value).toBe(name.replace('\u0007', '\uFFFD'));
    expect(suite.testcase[0]!.failure!.message).toBe(`hub answered: ${detail}`);
    expect(suite.testcase[0]!['system-out']).toBe(detail);
  });

  it('skips a score the run could not measure and has no threshold on', () => {
    const summary = structuredClone(small.summary);
    summary.thresholds = [];
    summary.detection.latencyMs = { count: 0, p50: null, p95: null, p99: null, max: null };

    const suite = parse(junitXml(summary)).testsuites.testsuite[2]!;
    const latency = suite.testcase.find((c) => c.name === 'alert latency p99')!;

    expect(suite.skipped).toBe('1');
    expect(latency.skipped?.message).toBe('alert latency p99 was not measured in this run');
  });
});

describe('the JUnit schema', () => {
  it('refuses what CI tools could not read: a case without a name, a count in words', async () => {
    const broken = xml
      .replace('<testcase name="hub answered"', '<testcase')
      .replace(/tests="\d+"/, 'tests="many"');
    const path = join(small.dir, 'broken.xml');
    await writeFile(path, broken);

    const result = await xmllint(path);

    expect(result.valid).toBe(false);
    expect(result.output).toContain("attribute 'name' is required");
    expect(result.output).toContain("'many' is not a valid value");
  });
});

function withText(summary: RunSummary, name: string, detail: string): RunSummary {
  const copy = structuredClone(summary);
  copy.scenario.name = name;
  copy.checks[0] = { name: 'hub answered', pass: false, detail };
  return copy;
}
