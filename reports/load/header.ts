import type { LoadResult } from '../../harness/load/result.js';
import { tile } from '../html/header.js';
import { counted, markup, metric, type Html } from '../html/html.js';

/** The head of the load report: the verdict in words, and the figures looked for first. */

/** The scenario's name, or its file when the test ended before it was read. */
export function testName(r: LoadResult): string {
  return r.scenario.name === '' ? r.scenario.file : r.scenario.name;
}

/** The names of the checks and thresholds that failed. */
function failures(r: LoadResult): string[] {
  return [
    ...r.checks.filter((c) => !c.pass).map((c) => c.name),
    ...r.thresholds.filter((t) => !t.pass).map((t) => t.metric),
  ];
}

function why(r: LoadResult): string {
  const failed = failures(r);
  const total = r.checks.length + r.thresholds.length;
  const parts: string[] = [];
  if (r.error) parts.push(`The test ended with an error: ${r.error.message}`);
  if (failed.length > 0) {
    parts.push(`${failed.length} of ${total} checks and thresholds failed: ${failed.join(', ')}.`);
  } else if (total > 0) {
    parts.push(
      `Every check and threshold held (${r.checks.length} checks, ` +
        `${r.thresholds.length} thresholds).`,
    );
  }
  if (r.stopped) parts.push(`It stopped early, ${(r.stopped.atMs / 1000).toFixed(1)} s in.`);
  return parts.join(' ');
}

/** PASS or FAIL in large letters with a mark, never colour alone, and why. */
export function verdictBanner(r: LoadResult): Html {
  const word = r.verdict === 'pass' ? '✓ PASS' : '✗ FAIL';
  return markup`<div class="verdict ${r.verdict}" id="verdict" role="status">
  <span class="word" data-metric="verdict" data-value="${r.verdict}">${word}</span>
  <span class="why">${why(r)}</span>
</div>`;
}

function rateTile(r: LoadResult): Html {
  return tile(
    'Rate answered',
    markup`${metric('achieved.readsPerSecond', r.achieved.readsPerSecond, 'rate')} reads/s`,
    markup`offered ${metric('offered.readsPerSecond', r.offered.readsPerSecond, 'rate')},
sent ${metric('sent.readsPerSecond', r.sent.readsPerSecond, 'rate')} reads/s`,
  );
}

function latencyTiles(r: LoadResult): Html[] {
  const ingest = (p: 'p50' | 'p99' | 'p999' | 'max') =>
    metric(`latencyMs.ingest.${p}`, r.latencyMs.ingest[p], 'ms');
  const alert = (p: 'p50' | 'p99') => metric(`latencyMs.alert.${p}`, r.latencyMs.alert[p], 'ms');
  const a = r.alerts;
  const probes =
    a.expected === 0
      ? markup`no probe reads were sent`
      : markup`${metric('alerts.alerted', a.alerted, 'count')} of
${counted('alerts.expected', a.expected, 'probe read')} alerted; median ${alert('p50')}`;
  return [
    tile(
      'Ingest latency, 99th percentile',
      ingest('p99'),
      markup`median ${ingest('p50')}, 99.9th percentile ${ingest('p999')},
slowest ${ingest('max')}; from when each request was due${r.saturation ? ', every step' : ''}`,
    ),
    tile('Alert latency, 99th percentile', alert('p99'), probes),
  ];
}

function errorTiles(r: LoadResult): Html[] {
  const b = r.behindSchedule;
  return [
    tile(
      'Error rate',
      metric('errors.errorRate', r.errors.errorRate, 'fineShare'),
      markup`${metric('reads.failed', r.reads.failed, 'count')} of
${counted('reads.sent', r.reads.sent, 'read')} sent failed`,
    ),
    tile(
      'Requests behind schedule',
      metric('behindSchedule.sends', b.sends, 'count'),
      markup`${metric('behindSchedule.share', b.share, 'fineShare')} of requests;
the latest ${metric('behindSchedule.worstLagMs', b.worstLagMs, 'ms')} late`,
    ),
  ];
}

function readsTile({ reads: c }: LoadResult): Html {
  return tile(
    'Reads sent',
    metric('reads.sent', c.sent, 'count'),
    markup`of ${metric('reads.offered', c.offered, 'count')} offered;
${metric('reads.accepted', c.accepted, 'count')} accepted,
${metric('reads.rejected', c.rejected, 'count')} rejected`,
  );
}

function saturationTile(r: LoadResult): Html | null {
  const s = r.saturation;
  if (!s) return null;
  const held = s.highestHeldReadsPerSecond;
  const broke = s.brokeAtReadsPerSecond;
  return tile(
    'Highest rate that held',
    held === null
      ? markup`${metric('saturation.highestHeldReadsPerSecond', held, 'rate')}`
      : markup`${metric('saturation.highestHeldReadsPerSecond', held, 'rate')} reads/s`,
    broke === null
      ? markup`no step broke the bounds`
      : markup`broke at ${metric('saturation.brokeAtReadsPerSecond', broke, 'rate')} reads/s`,
  );
}

/** The figures a reader looks for first, each with what it is out of. */
export function keyFigures(r: LoadResult): Html {
  const tiles = [
    saturationTile(r),
    rateTile(r),
    ...latencyTiles(r),
    ...errorTiles(r),
    readsTile(r),
  ];
  return markup`<div class="tiles" id="key-figures">
${tiles.map((t) => (t ? markup`${t}\n` : null))}</div>`;
}
