import type { RunSeries } from '../../harness/scoring/series.js';
import type { RunSummary } from '../../harness/scoring/summary.js';
import type { FormatName } from './format.js';
import { figure, markup, metric, type Html } from './html.js';
import { table } from './table.js';
import { byDeparture } from './timeline.js';

/** The report's tables of scores, each row traced to the summary figure by figure. */

/** What each reason means, in the words of the README's table of scores. */
export const MEANINGS = {
  falseAlerts: {
    misread: 'a misread matched to a listed mark',
    'unknown-read': 'an alert on a read the harness never sent',
    'not-listed': 'a mark that was not on the hotlist',
  },
  innocentStops: {
    misread: 'an alert on a misread mark',
    'cloned-plate': 'the owner of a cloned plate',
    'stale-entry': 'an entry that should have been withdrawn',
    'wrong-entry': 'an entry that was wrong from the start',
    'not-listed': 'a mark that was not on the hotlist',
  },
  misses: {
    'passed-before-arrival': 'the target passed before the unit arrived',
    'not-on-path': 'the target never came the unit’s way',
    'waited-too-long': 'the target did not come within 30 minutes',
  },
  faults: {
    refused: 'nothing listened at the address',
    timeout: 'no answer in time',
    reset: 'the connection was dropped mid-request',
    'server-error': 'a 5xx answer',
    malformed: 'an answer that broke the protocol',
    'too-large': 'a 413 answer: the batch was split and sent again',
    'refused-request': 'a 4xx answer other than 413',
    unauthorised: 'a 401 or 403 answer: the token was missing or wrong',
  },
} as const satisfies Record<string, Record<string, string>>;

/** What became of every offender journey, in the order they set out. */
export function journeysTable(s: RunSummary): Html {
  if (s.journeys.length === 0) {
    return markup`<p class="empty" id="journeys-table">No offender journeys in this run.</p>`;
  }
  const at = (i: number) => (key: string, value: string | null, format: FormatName) =>
    metric(`journeys.${i}.${key}`, value, format);
  const rows = byDeparture(s.journeys).map((j) => {
    const m = at(s.journeys.indexOf(j));
    return [
      m('group', j.group, 'text'),
      m('home', j.home, 'text'),
      m('target', j.target, 'text'),
      markup`${j.marks.map((mark, k) => [k > 0 ? ', ' : '', m(`marks.${k}`, mark, 'text')])}`,
      m('departAt', j.departAt, 'time'),
      m('firstAlertAt', j.firstAlertAt, 'time'),
      m('offenceAt', j.offenceAt, 'time'),
      m('outcome', j.outcome, 'outcome'),
      m('interceptedAt', j.interceptedAt, 'time'),
      m('interceptedBy', j.interceptedBy, 'text'),
    ];
  });
  const heads = ['group', 'home', 'target', 'marks', 'left home', 'first true alert', 'offence'];
  const columns = [...heads, 'outcome', 'intercepted at', 'by unit'].map((head) => ({ head }));
  return table('journeys-table', columns, rows);
}

/** The funnel and recall by hotlist category. */
export function categoryTable(s: RunSummary, series: RunSeries): Html {
  const byCategory = s.detection.recallByCategory;
  const categories = [...new Set([...Object.keys(series.funnel), ...Object.keys(byCategory)])];
  categories.sort(
    (a, b) => (series.funnel[b]?.sightings ?? 0) - (series.funnel[a]?.sightings ?? 0),
  );
  const rows = categories.map((c) => {
    const share = byCategory[c];
    const path = `detection.recallByCategory.${c}`;
    return [
      markup`${c}`,
      figure({ series: `funnel.${c}.sightings` }, series.funnel[c]?.sightings ?? null, 'count'),
      metric(`${path}.opportunities`, share?.opportunities ?? null, 'count'),
      metric(`${path}.detected`, share?.detected ?? null, 'count'),
      metric(`${path}.recall`, share?.recall ?? null, 'share'),
    ];
  });
  const columns = [
    { head: 'hotlist category' },
    { head: 'listed sightings', numeric: true },
    { head: 'read delivered', numeric: true },
    { head: 'detected', numeric: true },
    { head: 'recall', numeric: true },
  ];
  return table('detection-by-category', columns, rows);
}

/** Recall by the kind of camera that saw the listed vehicle. */
export function cameraKindTable(s: RunSummary): Html {
  const byKind = s.detection.recallByCameraKind;
  const rows = Object.entries(byKind).map(([kind, share]) => {
    const path = `detection.recallByCameraKind.${kind}`;
    return [
      markup`${kind}`,
      metric(`${path}.opportunities`, share.opportunities, 'count'),
      metric(`${path}.detected`, share.detected, 'count'),
      metric(`${path}.recall`, share.recall, 'share'),
    ];
  });
  const columns = [
    { head: 'camera kind' },
    { head: 'read delivered', numeric: true },
    { head: 'detected', numeric: true },
    { head: 'recall', numeric: true },
  ];
  return table('detection-by-camera-kind', columns, rows);
}

/** Each unit's work: dispatches, stops, misses and time away from its base. */
export function unitsTable(s: RunSummary): Html {
  if (s.units.length === 0) {
    return markup`<p class="empty" id="units-table">No units in this run.</p>`;
  }
  const rows = s.units.map((u, i) => [
    metric(`units.${i}.unitId`, u.unitId, 'text'),
    metric(`units.${i}.callsign`, u.callsign, 'text'),
    metric(`units.${i}.kind`, u.kind, 'text'),
    metric(`units.${i}.dispatches`, u.dispatches, 'count'),
    metric(`units.${i}.stops`, u.stops, 'count'),
    metric(`units.${i}.misses`, u.misses, 'count'),
    metric(`units.${i}.busyMs`, u.busyMs, 'minutesOfMs'),
  ]);
  const columns = [
    { head: 'unit' },
    { head: 'callsign' },
    { head: 'kind' },
    { head: 'dispatches', numeric: true },
    { head: 'stops', numeric: true },
    { head: 'misses', numeric: true },
    { head: 'busy', numeric: true },
  ];
  return table('units-table', columns, rows);
}
