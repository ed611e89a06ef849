import type { RunSummary } from '../harness/scoring/summary.js';
import { METRICS, type MetricName } from '../harness/scoring/thresholds.js';

/**
 * The scores two runs are compared on, which way is better for each, and how big a
 * change must be before it matters.
 */

/**
 * Which way a score should move; `neither` for what describes the world, not the
 * hub.
 */
export type Better = 'higher' | 'lower' | 'neither';

export interface Significance {
  /** In words, for the reports. */
  rule: string;
  /** A change matters above this many points of a share (0.005 is half a point). */
  points?: number;
  /** ... or above this share of the first run's value (0.2 is 20 %) ... */
  relative?: number;
  /** ... and above this much in the score's own unit. */
  atLeast?: number;
}

/**
 * How big a change must be to matter, by kind of score. Shares move by chance
 * between hubs by a few tenths of a point; wall-clock latency by a few tenths of a
 * millisecond; a stop or an interception is a real event and any change in them is
 * worth a look.
 */
export const SIGNIFICANCE = {
  share: { points: 0.005, rule: 'more than 0.5 percentage points' },
  latency: { relative: 0.2, atLeast: 1, rule: 'more than 20 % and 1 ms' },
  minutes: { relative: 0.2, atLeast: 1, rule: 'more than 20 % and 1 minute' },
  count: { relative: 0.1, rule: 'more than 10 %' },
  event: { rule: 'any change' },
} as const satisfies Record<string, Significance>;

export type SignificanceKind = keyof typeof SIGNIFICANCE;

export type Unit = 'share' | 'ms' | 'min' | 'count';

export interface ScoreSpec {
  /** The score's path in summary.json. */
  key: string;
  label: string;
  better: Better;
  kind: SignificanceKind;
}

export function unitOf(kind: SignificanceKind): Unit {
  if (kind === 'share') return 'share';
  if (kind === 'latency') return 'ms';
  return kind === 'minutes' ? 'min' : 'count';
}

interface Judgement {
  better: Better;
  kind: SignificanceKind;
}

type Slot =
  | (Judgement & { metric: MetricName })
  | (Judgement & { key: string; label: string })
  | (Judgement & { family: string; label: (member: string) => string });

const UP_SHARE = { better: 'higher', kind: 'share' } as const;
const UP_EVENT = { better: 'higher', kind: 'event' } as const;
const DOWN_EVENT = { better: 'lower', kind: 'event' } as const;
const DOWN_COUNT = { better: 'lower', kind: 'count' } as const;
const DOWN_MS = { better: 'lower', kind: 'latency' } as const;
const NEITHER = { better: 'neither', kind: 'count' } as const;

/** A score a scenario can set a threshold on, described by METRICS. */
const metric = (name: MetricName, j: Judgement): Slot => ({ metric: name, ...j });
const score = (key: string, label: string, j: Judgement): Slot => ({ key, label, ...j });
/** The members of a by-category map, each a score. */
const family = (key: string, label: (member: string) => string, j: Judgement): Slot => ({
  family: key,
  label,
  ...j,
});

/**
 * Every score compared, in the order the reports list them: every score a scenario
 * can set a threshold on, the parts they break into, and what describes the world
 * played.
 */
const LAYOUT: readonly Slot[] = [
  metric('reads.delivered', UP_EVENT),
  metric('reads.rejected', DOWN_EVENT),
  metric('reads.failed', DOWN_EVENT),
  score('reads.unsent', 'Reads never sent: the run stopped early', DOWN_EVENT),
  score('reads.generated', 'Reads the cameras made', NEITHER),
  metric('detection.recall', UP_SHARE),
  family('detection.recallByCategory', (c) => `Recall on ${c} entries`, UP_SHARE),
  family('detection.recallByCameraKind', (k) => `Recall at ${k} cameras`, UP_SHARE),
  metric('detection.falseAlerts', DOWN_COUNT),
  family('detection.falseAlertsByReason', (r) => `False alerts: ${r}`, DOWN_COUNT),
  metric('detection.duplicateAlerts', DOWN_COUNT),
  metric('detection.latencyMs.p50', DOWN_MS),
  metric('detection.latencyMs.p95', DOWN_MS),
  metric('detection.latencyMs.p99', DOWN_MS),
  // One slow alert sets it, so it says little about a hub on its own.
  score('detection.latencyMs.max', 'Longest alert latency, ms', NEITHER),
  metric('detection.impossibleJourneys.clonedMarksFlagged', UP_EVENT),
  score('detection.impossibleJourneys.flags', 'Impossible-journey flags', NEITHER),
  score('detection.alerts', 'Alerts the hub raised', NEITHER),
  score('detection.opportunities', 'Listed sightings that reached the hub', NEITHER),
  score('detection.unread', 'Listed sightings no read of which reached the hub', NEITHER),
  metric('interception.intercepted', UP_EVENT),
  metric('interception.interceptedBeforeOffence', UP_EVENT),
  score(
    'interception.interceptedAfterOffence',
    'Offender journeys stopped after the crime',
    UP_EVENT,
  ),
  metric('interception.alerted', UP_EVENT),
  metric('interception.alertToInterceptionMin.p50', { better: 'lower', kind: 'minutes' }),
  metric('interception.innocentStops', DOWN_EVENT),
  family('interception.innocentStopsByReason', (r) => `Innocent stops: ${r}`, DOWN_EVENT),
  score('interception.misses', 'Dispatches that did not meet their target', DOWN_COUNT),
  score('interception.unitMinutes', 'Unit time spent on dispatches, minutes', DOWN_COUNT),
  score('interception.dispatches', 'Dispatches', NEITHER),
  score('interception.justifiedStops', 'Stops of rightly listed vehicles', NEITHER),
  score('interception.journeys', 'Offender journeys in the window', NEITHER),
  family('faults.byKind', (k) => `Hub faults: ${k}`, DOWN_COUNT),
  family('faults.failedCalls', (c) => `Calls failed after retries: ${c}`, DOWN_EVENT),
  score('faults.retries', 'Calls retried', DOWN_COUNT),
  score('faults.hubDownSpells', 'Spells the hub was down', DOWN_EVENT),
];

/**
 * The scores two summaries are compared on; a family's members are those of either.
 */
export function scoreSpecs(a: RunSummary, b: RunSummary): ScoreSpec[] {
  return LAYOUT.flatMap((slot): ScoreSpec[] => {
    const j = { better: slot.better, kind: slot.kind };
    if ('metric' in slot) return [{ key: slot.metric, label: METRICS[slot.metric], ...j }];
    if ('key' in slot) return [{ key: slot.key, label: slot.label, ...j }];
    const { family: key } = slot;
    const names = new Set([...memberNames(a, key), ...memberNames(b, key)]);
    return [...names].sort().map((name) => ({
      key: `${key}.${name}`,
      label: slot.label(name),
      ...j,
    }));
  });
}

/**
 * A family's members: `detection.recallByCategory.stolen` is the recall of its
 * share.
 */
function memberNames(summary: RunSummary, family: string): string[] {
  const members = valueAt(summary, family);
  return typeof members === 'object' && members !== null ? Object.keys(members) : [];
}

/** A score by its path; a share's recall stands for the share. Null when absent. */
export function scoreValue(summary: RunSummary, key: string): number | null {
  const value = valueAt(summary, key);
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null && 'recall' in value) {
    return typeof value.recall === 'number' ? value.recall : null;
  }
  return null;
}

function valueAt(summary: RunSummary, path: string): unknown {
  let at: unknown = summary;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The scores a scenario can set thresholds on that the comparison leaves out. */
export function uncomparedMetrics(): string[] {
  const compared = LAYOUT.flatMap((slot) => ('metric' in slot ? [slot.metric] : []));
  return Object.keys(METRICS).filter((name) => !compared.includes(name as MetricName));
}
