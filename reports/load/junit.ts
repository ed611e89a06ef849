import type { LoadResult, LoadThreshold } from '../../harness/load/result.js';
import {
  junitTime,
  seconds,
  slug,
  suiteElement,
  tally,
  type JunitCase,
  type JunitSuite,
} from '../junit.js';
import { xmlDocument, type XmlElement } from '../xml.js';
import { SOURCES } from './checks.js';
import { testName } from './header.js';

/**
 * A load test as JUnit XML, in the same form as a run's (`reports/schemas/junit.xsd`):
 * a suite of its thresholds and a suite of its checks, one test case each, with what was
 * measured in `system-out`. A test that ended with an error fails one more check, so that
 * CI shows the failure the verdict holds.
 */

/** The check that a load test ran to its end without an error. */
export const RAN_TO_END = 'the load test ran to its end';

export function loadJunitSuites(r: LoadResult): JunitSuite[] {
  const suites: JunitSuite[] = [
    { name: 'thresholds', failure: 'threshold', cases: r.thresholds.map(thresholdCase) },
    { name: 'checks', failure: 'check', cases: [...r.checks.map(checkCase), errorCase(r)] },
  ];
  return suites.filter((s) => s.cases.length > 0);
}

export function loadJunitXml(r: LoadResult): string {
  const suites = loadJunitSuites(r);
  const context = {
    classname: `anpr-testbed.load.${slug(testName(r))}`,
    timestamp: junitTime(r.startedAt),
    properties: properties(r),
  };
  const elements = suites.map((suite, i) =>
    // The load test is what the first suite tests; judging it takes no time.
    suiteElement(suite, { ...context, time: i === 0 ? seconds(r.wallMs) : '0.000' }),
  );
  return xmlDocument({
    name: 'testsuites',
    attributes: {
      name: `anpr-testbed load test: ${testName(r)}`,
      ...tally(suites.flatMap((s) => s.cases)),
      time: seconds(r.wallMs),
      timestamp: context.timestamp,
    },
    children: elements,
  });
}

/** `latencyMs.ingest.p99 = 3.163, required at most 1000 (set by the default)`. */
export function thresholdStatement(t: LoadThreshold): string {
  const value = t.value === null ? 'not measured' : String(t.value);
  const source = SOURCES[t.source] ?? t.source;
  return `${t.metric} = ${value}, required at most ${t.max} (set by ${source})`;
}

function thresholdCase(t: LoadThreshold): JunitCase {
  const statement = thresholdStatement(t);
  return {
    name: t.metric,
    status: t.pass ? 'passed' : 'failed',
    ...(t.pass ? {} : { message: statement }),
    output: statement,
  };
}

function checkCase(check: LoadResult['checks'][number]): JunitCase {
  return {
    name: check.name,
    status: check.pass ? 'passed' : 'failed',
    ...(check.pass ? {} : { message: `${check.name}: ${check.detail}` }),
    output: check.detail,
  };
}

function errorCase(r: LoadResult): JunitCase {
  if (r.error) {
    const message = `${r.error.message} [${r.error.code}]`;
    return { name: RAN_TO_END, status: 'failed', message, output: message };
  }
  const s = r.stopped;
  const output = s ? `stopped ${(s.atMs / 1000).toFixed(1)} s in: ${s.message}` : 'yes';
  return { name: RAN_TO_END, status: 'passed', output };
}

function properties(r: LoadResult): XmlElement {
  const s = r.saturation;
  const values: [string, string | number | null][] = [
    ['scenario', r.scenario.name],
    ['scenario.file', r.scenario.file],
    ['seed', r.scenario.seed],
    ['hub', r.hub.name],
    ['hub.version', r.hub.version],
    ['hub.target', r.hub.target],
    ['harness.version', r.harness.version],
    ['load', r.settings.description],
    ['offered.readsPerSecond', r.offered.readsPerSecond],
    ['achieved.readsPerSecond', r.achieved.readsPerSecond],
    ['latencyMs.ingest.p99', r.latencyMs.ingest.p99],
    ['errors.errorRate', r.errors.errorRate],
    ...(s
      ? ([
          ['saturation.highestHeldReadsPerSecond', s.highestHeldReadsPerSecond],
          ['saturation.brokeAtReadsPerSecond', s.brokeAtReadsPerSecond],
        ] as [string, number | null][])
      : []),
    ['verdict', r.verdict],
  ];
  return {
    name: 'properties',
    children: values.map(([name, value]) => ({
      name: 'property',
      attributes: { name, value: value === null ? '' : String(value) },
    })),
  };
}
