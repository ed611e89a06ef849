import type { LoadResult } from '../../harness/load/result.js';
import { counted, markup, metric, type Html } from '../html/html.js';
import { errorsTable, readsTable, scheduleTable } from './tables.js';

/** The load report's written sections: what became of the reads, and the notes. */

function probeLine(r: LoadResult): Html {
  const a = r.alerts;
  if (a.expected === 0) return markup`<p id="probe-alerts">No probe reads were sent.</p>`;
  return markup`<p id="probe-alerts">Of ${counted('alerts.expected', a.expected, 'probe read')}
sent, ${metric('alerts.alerted', a.alerted, 'count')} raised their alert and
${metric('alerts.missing', a.missing, 'count')} did not.</p>`;
}

export function readsSection(r: LoadResult): Html {
  return markup`${readsTable(r)}
${probeLine(r)}
<h3>Errors by kind</h3>
<p>${metric('errors.errorRate', r.errors.errorRate, 'fineShare')} of the reads sent were in
a request that failed.</p>
${errorsTable(r)}
<h3>Keeping to the schedule</h3>
${scheduleTable(r)}`;
}

function stoppedItem(r: LoadResult): Html | null {
  if (!r.stopped) return null;
  const atS = (r.stopped.atMs / 1000).toFixed(1);
  return markup`<li>The test stopped early, ${atS} s in:
${metric('stopped.message', r.stopped.message, 'text')}</li>`;
}

export function notesList(r: LoadResult): Html {
  const stopped = stoppedItem(r);
  if (r.notes.length === 0 && !stopped) {
    return markup`<p class="empty" id="notes-list">The test left no notes.</p>`;
  }
  const items = r.notes.map((note, i) => markup`<li>${metric(`notes.${i}`, note, 'text')}</li>`);
  return markup`<ul class="notes" id="notes-list">${stopped}${items}</ul>`;
}
