import type { RunSummary } from '../../harness/scoring/summary.js';
import type { ThresholdResult } from '../../harness/scoring/thresholds.js';
import type { FormatName } from './format.js';
import { markup, metric, type Html } from './html.js';
import { table } from './table.js';

/** Every check a run must pass and every threshold of the scenario, with their results. */

/** The formatter for a score a threshold can be set on, by its path. */
export function formatForMetric(path: string): FormatName {
  if (path.endsWith('recall')) return 'share';
  if (path.includes('latencyMs')) return 'ms';
  if (path.includes('Min.')) return 'minutes';
  return 'count';
}

/** A result in words with a mark, so that it reads without colour. */
export function result(pass: boolean): Html {
  const [word, mark] = pass ? ['pass', '✓ pass'] : ['fail', '✗ FAIL'];
  return markup`<span class="result ${word}">${mark}</span>`;
}

function bound(t: ThresholdResult, i: number): Html {
  const format = formatForMetric(t.metric);
  const min = metric(`thresholds.${i}.min`, t.min, format);
  const max = metric(`thresholds.${i}.max`, t.max, format);
  if (t.min !== null && t.max !== null) return markup`from ${min} to ${max}`;
  return t.min !== null ? markup`at least ${min}` : markup`at most ${max}`;
}

function checksTable(s: RunSummary): Html {
  const rows = s.checks.map((c, i) => [
    result(c.pass),
    metric(`checks.${i}.name`, c.name, 'text'),
    metric(`checks.${i}.detail`, c.detail, 'text'),
  ]);
  const columns = [{ head: 'result' }, { head: 'check' }, { head: 'detail' }];
  return table('checks-table', columns, rows);
}

function thresholdsTable(s: RunSummary): Html {
  if (s.thresholds.length === 0) {
    return markup`<p class="empty" id="thresholds-table">The scenario sets no thresholds.</p>`;
  }
  const rows = s.thresholds.map((t, i) => [
    result(t.pass),
    markup`<code>${metric(`thresholds.${i}.metric`, t.metric, 'text')}</code><br>
<small>${t.description}</small>`,
    bound(t, i),
    metric(`thresholds.${i}.value`, t.value, formatForMetric(t.metric)),
  ]);
  const columns = [
    { head: 'result' },
    { head: 'score' },
    { head: 'bound' },
    { head: 'measured', numeric: true },
  ];
  return table('thresholds-table', columns, rows);
}

export function checksAndThresholds(s: RunSummary): Html {
  return markup`<h3>Checks every run must pass</h3>
${checksTable(s)}
<h3>The scenario's thresholds</h3>
${thresholdsTable(s)}`;
}
