import type { RunSummary } from '../harness/scoring/summary.js';
import type { ThresholdResult } from '../harness/scoring/thresholds.js';
import { thresholdStatement } from './figures.js';
import { CRITERIA, judgeCriterion } from './junit-criteria.js';
import { xmlDocument, type XmlElement } from './xml.js';

/**
 * A run as JUnit XML, the test report CI systems read (Jenkins, GitLab, GitHub
 * actions that publish test results): a suite of the checks every run must pass, a
 * suite of the scenario's thresholds, and a suite of the main scores, each of which
 * passes unless a threshold on it fails and shows what was measured.
 * `reports/schemas/junit.xsd` describes the format as written here.
 */

export interface JunitOptions {
  /**
   * When the run started (wall clock, ISO 8601). `summary.json` does not record it;
   * without it the suites carry no timestamp.
   */
  timestamp?: string;
}

/** One test case: what passed or failed, and the measured value in `system-out`. */
export interface JunitCase {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Why it failed or was skipped, in one line. */
  message?: string;
  output: string;
}

export interface JunitSuite {
  name: string;
  /** The `type` of a failure in this suite. */
  failure: 'check' | 'threshold';
  cases: JunitCase[];
}

/** The suites of a run, in the order they are written. */
export function junitSuites(summary: RunSummary): JunitSuite[] {
  return [
    { name: 'checks', failure: 'check', cases: summary.checks.map(checkCase) },
    { name: 'thresholds', failure: 'threshold', cases: summary.thresholds.map(thresholdCase) },
    {
      name: 'scoring criteria',
      failure: 'threshold',
      cases: CRITERIA.map((criterion) => judgeCriterion(criterion, summary)),
    },
  ];
}

export function junitXml(summary: RunSummary, options: JunitOptions = {}): string {
  const suites = junitSuites(summary);
  const classname = `anpr-testbed.${slug(summary.scenario.name)}`;
  const timestamp = options.timestamp === undefined ? undefined : junitTime(options.timestamp);
  const runSeconds = seconds(summary.run.wallMs);
  const elements = suites.map((suite, i) =>
    suiteElement(suite, {
      classname,
      // The run is what the checks test; judging it takes no time, so the suites
      // add up to the length of the run.
      time: i === 0 ? runSeconds : '0.000',
      timestamp,
      properties: properties(summary),
    }),
  );
  const all = suites.flatMap((s) => s.cases);
  return xmlDocument({
    name: 'testsuites',
    attributes: {
      name: `anpr-testbed: ${summary.scenario.name}`,
      ...tally(all),
      time: runSeconds,
      timestamp,
    },
    children: elements,
  });
}

function checkCase(check: RunSummary['checks'][number]): JunitCase {
  return {
    name: check.name,
    status: check.pass ? 'passed' : 'failed',
    ...(check.pass ? {} : { message: `${check.name}: ${check.detail}` }),
    output: check.detail,
  };
}

function thresholdCase(t: ThresholdResult): JunitCase {
  const statement = thresholdStatement(t);
  return {
    name: t.metric,
    status: t.pass ? 'passed' : 'failed',
    ...(t.pass ? {} : { message: statement }),
    output: t.description ? `${statement}\n${t.description}` : statement,
  };
}

interface SuiteContext {
  classname: string;
  time: string;
  timestamp: string | undefined;
  properties: XmlElement;
}

export function suiteElement(suite: JunitSuite, context: SuiteContext): XmlElement {
  return {
    name: 'testsuite',
    attributes: {
      name: suite.name,
      ...tally(suite.cases),
      time: context.time,
      timestamp: context.timestamp,
    },
    children: [
      context.properties,
      ...suite.cases.map((c) => caseElement(c, context.classname, suite.failure)),
    ],
  };
}

function caseElement(c: JunitCase, classname: string, type: string): XmlElement {
  const verdict: XmlElement[] = [];
  if (c.status === 'failed')
    verdict.push({ name: 'failure', attributes: { message: c.message, type } });
  if (c.status === 'skipped') verdict.push({ name: 'skipped', attributes: { message: c.message } });
  if (verdict[0]) verdict[0].text = c.output;
  return {
    name: 'testcase',
    attributes: { name: c.name, classname, time: '0.000' },
    children: [...verdict, { name: 'system-out', text: c.output }],
  };
}

export function tally(cases: readonly JunitCase[]) {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.status === 'failed').length,
    errors: 0,
    skipped: cases.filter((c) => c.status === 'skipped').length,
  };
}

function properties(summary: RunSummary): XmlElement {
  const { scenario, hub, harness, mode } = summary;
  const values: [string, string | number | null][] = [
    ['scenario', scenario.name],
    ['scenario.file', scenario.file],
    ['seed', scenario.seed],
    ['window.start', scenario.window.start],
    ['window.end', scenario.window.end],
    ['hub', hub.name],
    ['hub.version', hub.version],
    ['hub.protocol', hub.protocol],
    ['hub.target', hub.target],
    ['harness.version', harness.version],
    ['mode', mode.kind === 'virtual' ? 'virtual' : `real, ${mode.speed}x`],
    ['verdict', summary.verdict],
  ];
  return {
    name: 'properties',
    children: values.map(([name, value]) => ({
      name: 'property',
      attributes: { name, value: value === null ? '' : String(value) },
    })),
  };
}

/** Seconds with millisecond precision, as JUnit's `time` attributes take them. */
export function seconds(msValue: number): string {
  return (msValue / 1000).toFixed(3);
}

/**
 * JUnit timestamps are to the second; readers take them as UTC with the zone given.
 */
export function junitTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${at.toISOString().slice(0, 19)}Z`;
}

/**
 * `Hawk night` becomes `hawk-night`: dots in a class name mean packages to CI tools.
 */
export function slug(name: string): string {
  const text = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return text === '' ? 'scenario' : text;
}
