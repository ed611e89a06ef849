import { TestbedError } from '../../simulator/errors.js';
import { didYouMean } from '../scenario/suggest.js';

/**
 * The scores a scenario may set thresholds on, by the path of the score in summary.json,
 * with what each one measures. The README's table of scores is this list.
 */
export const METRICS = {
  'reads.delivered': 'Reads the hub accepted',
  'reads.rejected': 'Reads the hub refused',
  'reads.failed': 'Reads that could not be delivered after retries',
  'detection.recall': 'Share of listed sightings that reached the hub and were alerted on',
  'detection.falseAlerts': 'Alerts on vehicles that did not show the listed mark',
  'detection.duplicateAlerts': 'Alerts on a mark already alerted on in the ten minutes before',
  'detection.latencyMs.p50': 'Median time from read delivered to alert received, ms',
  'detection.latencyMs.p95': '95th percentile of alert latency, ms',
  'detection.latencyMs.p99': '99th percentile of alert latency, ms',
  'detection.impossibleJourneys.clonedMarksFlagged': 'Cloned marks the hub flagged',
  'interception.intercepted': 'Offender journeys stopped by a unit',
  'interception.interceptedBeforeOffence': 'Offender journeys stopped before the crime',
  'interception.innocentStops': 'Innocent drivers stopped',
  'interception.alerted': 'Offender journeys alerted on at least once',
  'interception.alertToInterceptionMin.p50': 'Median minutes from first alert to interception',
} as const;
export type MetricName = keyof typeof METRICS;

export interface ThresholdResult {
  metric: string;
  description: string;
  min: number | null;
  max: number | null;
  value: number | null;
  pass: boolean;
}

export type Thresholds = Record<string, { min?: number; max?: number }>;

/** Fails, naming each, when a scenario sets a threshold on a score that does not exist. */
export function checkThresholdNames(thresholds: Thresholds, source: string): void {
  const known = Object.keys(METRICS);
  const unknown = Object.keys(thresholds).filter((k) => !(k in METRICS));
  if (unknown.length === 0) return;
  const lines = unknown.map((k) => `  thresholds.${k}: no such score${didYouMean(k, known, '')}`);
  throw new TestbedError('ATB_SCENARIO_INVALID', {
    path: source,
    problems: `${lines.join('\n')}\n  scores that take thresholds: ${known.join(', ')}`,
  });
}

/** Judges each threshold against the summary; a score with no value fails its threshold. */
export function judge(thresholds: Thresholds, summary: object): ThresholdResult[] {
  return Object.keys(thresholds)
    .sort()
    .map((metric) => {
      const { min, max } = thresholds[metric]!;
      const value = valueAt(summary, metric);
      const pass =
        value !== null &&
        (min === undefined || value >= min) &&
        (max === undefined || value <= max);
      return {
        metric,
        description: METRICS[metric as MetricName] ?? '',
        min: min ?? null,
        max: max ?? null,
        value,
        pass,
      };
    });
}

function valueAt(summary: object, path: string): number | null {
  let at: unknown = summary;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null) return null;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === 'number' ? at : null;
}
