import { DUPLICATE_WINDOW_MS } from '../../harness/scoring/detection.js';
import type { RunSeries } from '../../harness/scoring/series.js';
import type { RunSummary } from '../../harness/scoring/summary.js';
import { counted, markup, metric, type Html } from './html.js';
import { reasonTable } from './table.js';
import { cameraKindTable, categoryTable, journeysTable, MEANINGS, unitsTable } from './tables.js';

/** The report's written sections: tables and the sentences that frame them. */

export function detectionTables(s: RunSummary, series: RunSeries): Html {
  const d = s.detection;
  const falseAlerts = reasonTable({
    id: 'false-alerts-table',
    path: 'detection.falseAlertsByReason',
    counts: d.falseAlertsByReason,
    unit: 'alerts',
    empty: 'No false alerts.',
    meanings: MEANINGS.falseAlerts,
  });
  const late = counted('detection.lateListingAlerts', d.lateListingAlerts, 'alert');
  return markup`<h3>By hotlist category</h3>
${categoryTable(s, series)}
<p>${counted('detection.unread', d.unread, 'listed sighting')} never reached the hub (the
camera missed the plate or the read was lost); they are not counted against the hub.</p>
<h3>By camera kind</h3>
${cameraKindTable(s)}
<h3>False alerts by reason</h3>
${falseAlerts}
<p>Besides these, ${counted('detection.duplicateAlerts', d.duplicateAlerts, 'alert')}
repeated one on the same mark within ${DUPLICATE_WINDOW_MS / 60_000} minutes, and ${late} came on marks listed after the
sighting but before its read reached the hub (counted as right).</p>`;
}

export function journeySection(s: RunSummary): Html {
  const p = s.interception.alertToInterceptionMin;
  const path = 'interception.alertToInterceptionMin';
  const timing =
    p.count === 0
      ? markup`<p>No journey was intercepted: there is no time from alert to interception.</p>`
      : markup`<p>From a journey's first true alert to its interception: median
${metric(`${path}.p50`, p.p50, 'minutes')}, longest ${metric(`${path}.max`, p.max, 'minutes')},
over ${counted(`${path}.count`, p.count, 'interception')}.</p>`;
  return markup`${journeysTable(s)}
${timing}`;
}

function stopsAndDispatches({ interception: i }: RunSummary): Html {
  const n = (key: keyof typeof i, value: number, one: string, many?: string) =>
    counted(`interception.${key}`, value, one, many);
  return markup`<p>Units made ${n('stops', i.stops, 'stop')}:
${n('intercepted', i.intercepted, 'offender journey')} intercepted,
${n('justifiedStops', i.justifiedStops, 'rightly listed vehicle')} and
${n('innocentStops', i.innocentStops, 'innocent driver')}.
Of ${n('dispatches', i.dispatches, 'dispatch', 'dispatches')},
${metric('interception.misses', i.misses, 'count')} missed their target and
${metric('interception.dispatchesRefused', i.dispatchesRefused, 'count')} were refused; the
hub stood units down ${n('standDowns', i.standDowns, 'time')}.</p>`;
}

function dispatchTables({ interception: i }: RunSummary): Html {
  const tables = [
    reasonTable({
      id: 'innocent-stops-table',
      path: 'interception.innocentStopsByReason',
      counts: i.innocentStopsByReason,
      unit: 'stops',
      empty: 'No innocent driver was stopped.',
      meanings: MEANINGS.innocentStops,
    }),
    reasonTable({
      id: 'misses-table',
      path: 'interception.missesByReason',
      counts: i.missesByReason,
      unit: 'dispatches',
      empty: 'No dispatch missed its target.',
      meanings: MEANINGS.misses,
    }),
    reasonTable({
      id: 'refused-table',
      path: 'interception.dispatchesRefusedByReason',
      counts: i.dispatchesRefusedByReason,
      unit: 'dispatches',
      empty: 'No dispatch was refused.',
    }),
  ];
  const titles = ['Innocent stops', 'Missed dispatches', 'Refused dispatches'];
  return markup`${tables.map((t, k) => markup`<h3>${titles[k]} by reason</h3>\n${t}\n`)}`;
}

export function responseTables(s: RunSummary): Html {
  const minutes = metric('interception.unitMinutes', s.interception.unitMinutes, 'count');
  return markup`${stopsAndDispatches(s)}
${dispatchTables(s)}
<h3>Units</h3>
${unitsTable(s)}
<p>Unit time on dispatches in all: ${minutes} minutes.</p>`;
}

export function faultTables(s: RunSummary): Html {
  const f = s.faults;
  const byKind = reasonTable({
    id: 'faults-table',
    path: 'faults.byKind',
    counts: f.byKind,
    unit: 'faults',
    empty: 'The hub made no faults.',
    meanings: MEANINGS.faults,
  });
  const failedCalls = reasonTable({
    id: 'failed-calls-table',
    path: 'faults.failedCalls',
    counts: f.failedCalls,
    unit: 'calls',
    empty: 'No call failed after its retries.',
  });
  const rejected = reasonTable({
    id: 'rejected-reads-table',
    path: 'reads.rejectedByReason',
    counts: s.reads.rejectedByReason,
    unit: 'reads',
    empty: 'The hub rejected no read.',
  });
  return markup`<p>Calls to the hub were retried ${counted('faults.retries', f.retries, 'time')};
the hub was taken to be down ${counted('faults.hubDownSpells', f.hubDownSpells, 'time')}.</p>
<h3>Faults by kind</h3>
${byKind}
<h3>Calls that failed after their retries</h3>
${failedCalls}
<h3>Reads the hub rejected, by reason</h3>
${rejected}`;
}

export function notesList(s: RunSummary): Html {
  if (s.notes.length === 0) {
    return markup`<p class="empty" id="notes-list">The run left no notes.</p>`;
  }
  const items = s.notes.map((note, i) => markup`<li>${metric(`notes.${i}`, note, 'text')}</li>`);
  return markup`<ul class="notes" id="notes-list">${items}</ul>`;
}
