import type { LoadResult } from '../../harness/load/result.js';
import { result } from '../html/checks.js';
import type { FormatName } from '../html/format.js';
import { markup, metric, type Html } from '../html/html.js';
import { table } from '../html/table.js';

/** Every check a load test must pass and every threshold it was judged by. */

/** Where a bound came from, in words. */
export const SOURCES: Record<string, string> = {
  option: 'the command line',
  scenario: 'the scenario',
  default: 'the default',
};

/** The formatter for a figure a load threshold can be set on, by its path. */
export function formatForLoadMetric(path: string): FormatName {
  if (path.includes('latencyMs')) return 'ms';
  if (path.endsWith('errorRate')) return 'fineShare';
  return 'count';
}

function thresholdsTable(r: LoadResult): Html {
  if (r.thresholds.length === 0) return noThresholds(r);
  const rows = r.thresholds.map((t, i) => {
    const format = formatForLoadMetric(t.metric);
    return [
      result(t.pass),
      markup`<code>${metric(`thresholds.${i}.metric`, t.metric, 'text')}</code>`,
      markup`at most ${metric(`thresholds.${i}.max`, t.max, format)}`,
      metric(`thresholds.${i}.value`, t.value, format),
      markup`${SOURCES[t.source] ?? t.source}`,
    ];
  });
  const columns = [
    { head: 'result' },
    { head: 'figure' },
    { head: 'bound' },
    { head: 'measured', numeric: true },
    { head: 'bound set by' },
  ];
  return table('thresholds-table', columns, rows);
}

function noThresholds(r: LoadResult): Html {
  const b = r.settings.bounds;
  const p99 = metric('settings.bounds.maxP99Ms.value', b.maxP99Ms.value, 'ms');
  const errors = metric('settings.bounds.maxErrorRate.value', b.maxErrorRate.value, 'fineShare');
  const why = r.saturation
    ? markup`A saturation search judges each step, not the whole: a step held while its
latency p99 was at most ${p99} and its error rate at most ${errors}, and the search passes
when some rate held (see the saturation search below).`
    : markup`The test ended before anything was measured to judge.`;
  return markup`<p class="empty" id="thresholds-table">${why}</p>`;
}

function checksTable(r: LoadResult): Html {
  if (r.checks.length === 0) {
    return markup`<p class="empty" id="checks-table">No check was made: nothing was sent.</p>`;
  }
  const rows = r.checks.map((c, i) => [
    result(c.pass),
    metric(`checks.${i}.name`, c.name, 'text'),
    metric(`checks.${i}.detail`, c.detail, 'text'),
  ]);
  return table('checks-table', [{ head: 'result' }, { head: 'check' }, { head: 'detail' }], rows);
}

function errorLine(r: LoadResult): Html | null {
  if (!r.error) return null;
  return markup`<p id="test-error"><span class="result fail">✗ error</span>
${metric('error.message', r.error.message, 'text')}
<code>${metric('error.code', r.error.code, 'text')}</code></p>`;
}

export function checksAndThresholds(r: LoadResult): Html {
  return markup`${errorLine(r)}
<h3>Thresholds</h3>
${thresholdsTable(r)}
<h3>Checks every load test must pass</h3>
${checksTable(r)}`;
}
