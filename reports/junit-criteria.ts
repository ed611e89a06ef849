import { DUPLICATE_WINDOW_MS } from '../harness/scoring/detection.js';
import type { RunSummary } from '../harness/scoring/summary.js';
import type { MetricName } from '../harness/scoring/thresholds.js';
import { byReason, count, ms, percent, thresholdStatement } from './figures.js';
import type { JunitCase } from './junit.js';

/**
 * The main scores as JUnit test cases. Each passes unless a threshold on one of its
 * scores fails, so a CI page lists every score with what was measured whether or not
 * the scenario set a bound on it.
 */
export interface Criterion {
  name: string;
  /** Thresholds on these scores decide the case. */
  metrics: readonly MetricName[];
  /** The score itself; null when the run could not measure it. */
  value: (s: RunSummary) => number | null;
  /** What was measured, in a line. */
  measured: (s: RunSummary) => string;
}

export const CRITERIA: readonly Criterion[] = [
  {
    name: 'detection recall',
    metrics: ['detection.recall'],
    value: (s) => s.detection.recall,
    measured: ({ detection: d }) =>
      `${percent(d.recall)} of ${count(d.opportunities)} listed sightings that reached the ` +
      `hub were alerted on; ${count(d.unread)} never reached it`,
  },
  {
    name: 'false alerts',
    metrics: ['detection.falseAlerts'],
    value: (s) => s.detection.falseAlerts,
    measured: ({ detection: d }) =>
      `${count(d.falseAlerts)} of ${count(d.alerts)} alerts were false ` +
      `(${byReason(d.falseAlertsByReason)})`,
  },
  {
    name: 'duplicate alerts',
    metrics: ['detection.duplicateAlerts'],
    value: (s) => s.detection.duplicateAlerts,
    measured: ({ detection: d }) =>
      `${count(d.duplicateAlerts)} of ${count(d.alerts)} alerts were on a mark already ` +
      `alerted on within ${DUPLICATE_WINDOW_MS / 60_000} minutes`,
  },
  {
    name: 'alert latency p99',
    metrics: ['detection.latencyMs.p99'],
    value: (s) => s.detection.latencyMs.p99,
    measured: ({ detection: { latencyMs: l } }) =>
      `p99 ${ms(l.p99)} (p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, max ${ms(l.max)}) over ` +
      `${count(l.count)} alerts`,
  },
  {
    name: 'interception',
    metrics: [
      'interception.intercepted',
      'interception.interceptedBeforeOffence',
      'interception.alerted',
      'interception.alertToInterceptionMin.p50',
    ],
    value: (s) => s.interception.intercepted,
    measured: ({ interception: i }) =>
      `${count(i.intercepted)} of ${count(i.journeys)} offender journeys intercepted, ` +
      `${count(i.interceptedBeforeOffence)} before the crime and ` +
      `${count(i.interceptedAfterOffence)} after; ${count(i.alerted)} alerted on`,
  },
  {
    name: 'innocent stops',
    metrics: ['interception.innocentStops'],
    value: (s) => s.interception.innocentStops,
    measured: ({ interception: i }) =>
      `${count(i.innocentStops)} innocent drivers stopped of ${count(i.stops)} stops ` +
      `(${byReason(i.innocentStopsByReason)})`,
  },
  {
    name: 'reads accounted',
    metrics: ['reads.delivered', 'reads.rejected', 'reads.failed'],
    value: ({ reads: r }) => r.delivered + r.rejected + r.failed + r.unsent,
    measured: ({ reads: r }) =>
      `${count(r.generated)} reads generated: ${count(r.delivered)} delivered, ` +
      `${count(r.rejected)} rejected, ${count(r.failed)} failed, ${count(r.unsent)} unsent`,
  },
];

export function judgeCriterion(criterion: Criterion, summary: RunSummary): JunitCase {
  const metrics: readonly string[] = criterion.metrics;
  const thresholds = summary.thresholds.filter((t) => metrics.includes(t.metric));
  const failed = thresholds.filter((t) => !t.pass);
  const output = [
    criterion.measured(summary),
    ...thresholds.map((t) => `${t.pass ? 'held' : 'FAILED'}: ${thresholdStatement(t)}`),
  ].join('\n');
  if (failed.length > 0) {
    return {
      name: criterion.name,
      status: 'failed',
      message: failed.map(thresholdStatement).join('; '),
      output,
    };
  }
  if (thresholds.length === 0 && criterion.value(summary) === null) {
    const message = `${criterion.name} was not measured in this run`;
    return { name: criterion.name, status: 'skipped', message, output };
  }
  return { name: criterion.name, status: 'passed', output };
}
