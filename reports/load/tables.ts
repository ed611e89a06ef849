import type { LoadResult, SaturationResult } from '../../harness/load/result.js';
import { markup, metric, type Html } from '../html/html.js';
import { table } from '../html/table.js';
import { MEANINGS } from '../html/tables.js';

/** The load report's tables, each figure traced to its place in `load.json`. */

const READS = [
  ['offered', 'due to be sent by the schedule'],
  ['sent', 'in a request that went'],
  ['accepted', 'taken by the hub'],
  ['rejected', 'refused by the hub one by one'],
  ['failed', 'in a request that failed (see the errors)'],
  ['unaccounted', 'sent, but neither accepted, refused nor failed: should be 0'],
  ['unsent', 'offered, but never sent before the test ended'],
] as const;

/** What became of the reads offered. */
export function readsTable(r: LoadResult): Html {
  const rows = READS.map(([key, meaning]) => [
    markup`${key}`,
    markup`${meaning}`,
    metric(`reads.${key}`, r.reads[key], 'count'),
  ]);
  const columns = [{ head: 'reads' }, { head: 'meaning' }, { head: 'count', numeric: true }];
  return table('reads-table', columns, rows);
}

/** The rates of the whole test, and the requests that carried the reads. */
export function ratesTable(r: LoadResult): Html {
  const row = (label: string, key: 'offered' | 'sent' | 'achieved', requests: Html) => [
    markup`${label}`,
    metric(`${key}.reads`, r[key].reads, 'count'),
    metric(`${key}.readsPerSecond`, r[key].readsPerSecond, 'rate'),
    requests,
  ];
  const rows = [
    row('offered', 'offered', metric('offered.requests', r.offered.requests, 'count')),
    row('sent', 'sent', metric('sent.requests', r.sent.requests, 'count')),
    row('answered (accepted or rejected)', 'achieved', markup``),
  ];
  const columns = [
    { head: '' },
    { head: 'reads', numeric: true },
    { head: 'reads a second', numeric: true },
    { head: 'requests', numeric: true },
  ];
  return table('rates-table', columns, rows);
}

const LATENCIES = [
  ['ingest', 'ingest: from when a request was due to its answer'],
  ['alert', 'alert: from when a probe read was due to its alert'],
  ['service', 'service: from when a request went to its answer'],
] as const;

const PERCENTILES = ['p50', 'p90', 'p99', 'p999', 'max'] as const;

/** Latency percentiles of the whole test, open loop and closed loop. */
export function latencyTable(r: LoadResult): Html {
  const rows = LATENCIES.map(([key, label]) => {
    const p = r.latencyMs[key];
    return [
      markup`${label}`,
      metric(`latencyMs.${key}.count`, p.count, 'count'),
      ...PERCENTILES.map((q) => metric(`latencyMs.${key}.${q}`, p[q], 'ms')),
    ];
  });
  const columns = [
    { head: 'latency' },
    { head: 'measured', numeric: true },
    ...['p50', 'p90', 'p99', 'p99.9', 'max'].map((head) => ({ head, numeric: true })),
  ];
  return table('latency-table', columns, rows);
}

const ERROR_MEANINGS: Record<string, string> = {
  ...MEANINGS.faults,
  'behind-schedule': 'a request that went late (counted here, but not a failed read)',
};

/** Failed requests by kind, with the first message of each. */
export function errorsTable(r: LoadResult): Html {
  const kinds = Object.keys(r.errors.byKind);
  if (kinds.length === 0) {
    return markup`<p class="empty" id="errors-table">No request failed or went late.</p>`;
  }
  const rows = kinds.map((kind) => [
    markup`${kind}`,
    markup`${ERROR_MEANINGS[kind] ?? ''}`,
    metric(`errors.samples.${kind}`, r.errors.samples[kind] ?? null, 'text'),
    metric(`errors.byKind.${kind}`, r.errors.byKind[kind]!, 'count'),
  ]);
  const columns = [
    { head: 'kind' },
    { head: 'meaning' },
    { head: 'first message' },
    { head: 'requests', numeric: true },
  ];
  return table('errors-table', columns, rows);
}

/** Requests that went late, why, and whether this machine could offer the rate. */
export function scheduleTable(r: LoadResult): Html {
  const b = r.behindSchedule;
  const g = r.generator;
  const row = (label: string, figure: Html) => [markup`${label}`, figure];
  const rows = [
    row('requests behind schedule', metric('behindSchedule.sends', b.sends, 'count')),
    row('share of requests', metric('behindSchedule.share', b.share, 'fineShare')),
    row('how late the latest went', metric('behindSchedule.worstLagMs', b.worstLagMs, 'ms')),
    row(
      'late because every connection was busy (the hub was slow)',
      metric('behindSchedule.waitingForConnection', b.waitingForConnection, 'count'),
    ),
    row(
      'late with a connection free (this machine was busy)',
      metric('behindSchedule.generatorLate', b.generatorLate, 'count'),
    ),
    row(
      'share of time this process was busy sending',
      metric('generator.eventLoopUtilisation', g.eventLoopUtilisation, 'share'),
    ),
    row(
      'shortfall: reads a second offered but not sent',
      metric('generator.shortfallReadsPerSecond', g.shortfallReadsPerSecond, 'rate'),
    ),
  ];
  return table('schedule-table', [{ head: '' }, { head: 'value', numeric: true }], rows);
}

/** A step's result in words with a mark, as the checks' results read. */
function stepResult(held: boolean): Html {
  const [word, mark] = held ? ['pass', '✓ held'] : ['fail', '✗ broke'];
  return markup`<span class="result ${word}">${mark}</span>`;
}

function limited(generatorLimited: boolean): string {
  return generatorLimited ? ' (this machine could not offer the rate)' : '';
}

/** Each step of a saturation search: what it offered, what came back, and whether it held. */
export function stepsTable(s: SaturationResult): Html {
  const rows = s.steps.map((step, i) => {
    const at = (key: keyof typeof step, format: 'rate' | 'ms' | 'count' | 'fineShare') =>
      metric(`saturation.steps.${i}.${key}`, step[key] as number | null, format);
    const broke = step.broke.map((why, k) => [
      k > 0 ? markup`<br>` : '',
      metric(`saturation.steps.${i}.broke.${k}`, why, 'text'),
    ]);
    return [
      at('step', 'count'),
      at('readsPerSecond', 'rate'),
      at('offeredReadsPerSecond', 'rate'),
      at('sentReadsPerSecond', 'rate'),
      at('achievedReadsPerSecond', 'rate'),
      at('ingestP50Ms', 'ms'),
      at('ingestP99Ms', 'ms'),
      at('alertP99Ms', 'ms'),
      at('errorRate', 'fineShare'),
      at('behindSchedule', 'count'),
      markup`${stepResult(step.held)}${limited(step.generatorLimited)}
${broke.length > 0 ? markup`<br><small>${broke}</small>` : ''}`,
    ];
  });
  const numeric = (head: string) => ({ head, numeric: true });
  const columns = [
    numeric('step'),
    numeric('asked, reads/s'),
    numeric('offered'),
    numeric('sent'),
    numeric('answered'),
    numeric('ingest p50'),
    numeric('ingest p99'),
    numeric('alert p99'),
    numeric('error rate'),
    numeric('late requests'),
    { head: 'result' },
  ];
  return table('saturation-table', columns, rows);
}
