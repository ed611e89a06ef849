import type { RunSummary } from '../../harness/scoring/summary.js';
import { counted, markup, metric, type Html } from './html.js';

/** The head of the report: the verdict in words, and the figures looked for first. */

/** The names of the checks and thresholds that failed. */
export function failures(s: RunSummary): string[] {
  return [
    ...s.checks.filter((c) => !c.pass).map((c) => c.name),
    ...s.thresholds.filter((t) => !t.pass).map((t) => t.metric),
  ];
}

function why(s: RunSummary): string {
  const checks = `${s.checks.length} checks, ${s.thresholds.length} thresholds`;
  const failed = failures(s);
  const total = s.checks.length + s.thresholds.length;
  const verdict =
    s.verdict === 'pass'
      ? `Every check and threshold held (${checks}).`
      : `${failed.length} of ${total} checks and thresholds failed: ${failed.join(', ')}.`;
  const stopped = s.run.interrupted ? ' The run was stopped before its window ended.' : '';
  return verdict + stopped;
}

/** PASS or FAIL in large letters with a mark, never colour alone, and why. */
export function verdictBanner(s: RunSummary): Html {
  const word = s.verdict === 'pass' ? '✓ PASS' : '✗ FAIL';
  return markup`<div class="verdict ${s.verdict}" id="verdict" role="status">
  <span class="word" data-metric="verdict" data-value="${s.verdict}">${word}</span>
  <span class="why">${why(s)}</span>
</div>`;
}

export function tile(label: string, value: Html, more: Html): Html {
  return markup`<div class="tile"><div class="label">${label}</div>
<div class="value">${value}</div>
<div class="more">${more}</div></div>`;
}

function readsTile({ reads: r }: RunSummary): Html {
  return tile(
    'Reads delivered',
    metric('reads.delivered', r.delivered, 'count'),
    markup`of ${metric('reads.generated', r.generated, 'count')} generated;
${metric('reads.rejected', r.rejected, 'count')} rejected,
${metric('reads.failed', r.failed, 'count')} failed`,
  );
}

function detectionTiles({ detection: d }: RunSummary): Html[] {
  const lat = (p: 'p50' | 'p95' | 'p99' | 'max') =>
    metric(`detection.latencyMs.${p}`, d.latencyMs[p], 'ms');
  const cloned = d.impossibleJourneys;
  const path = 'detection.impossibleJourneys';
  return [
    tile(
      'Detection recall',
      metric('detection.recall', d.recall, 'share'),
      markup`${metric('detection.detected', d.detected, 'count')} of
${counted('detection.opportunities', d.opportunities, 'listed sighting')}
that reached the hub`,
    ),
    tile(
      'Alerts',
      metric('detection.alerts', d.alerts, 'count'),
      markup`${metric('detection.trueAlerts', d.trueAlerts, 'count')} true,
${metric('detection.falseAlerts', d.falseAlerts, 'count')} false,
${metric('detection.duplicateAlerts', d.duplicateAlerts, 'count')} duplicate`,
    ),
    tile(
      'Alert latency, 99th percentile',
      lat('p99'),
      markup`median ${lat('p50')}, 95th percentile ${lat('p95')}, slowest ${lat('max')}`,
    ),
    tile(
      'Cloned marks flagged',
      markup`${metric(`${path}.clonedMarksFlagged`, cloned.clonedMarksFlagged, 'count')} of
${metric(`${path}.clonedMarks`, cloned.clonedMarks, 'count')}`,
      counted(`${path}.flags`, cloned.flags, 'impossible-journey flag'),
    ),
  ];
}

function interceptionTiles({ interception: i }: RunSummary): Html[] {
  const m = (key: keyof typeof i, value: number) => metric(`interception.${key}`, value, 'count');
  return [
    tile(
      'Offender journeys intercepted',
      markup`${m('intercepted', i.intercepted)} of ${m('journeys', i.journeys)}`,
      markup`${m('interceptedBeforeOffence', i.interceptedBeforeOffence)} before the offence,
${m('interceptedAfterOffence', i.interceptedAfterOffence)} after;
${m('alerted', i.alerted)} alerted on`,
    ),
    tile(
      'Innocent drivers stopped',
      m('innocentStops', i.innocentStops),
      markup`of ${counted('interception.stops', i.stops, 'stop', 'stops')};
${m('justifiedStops', i.justifiedStops)} of rightly listed vehicles`,
    ),
    tile(
      'Dispatches',
      m('dispatches', i.dispatches),
      markup`${m('misses', i.misses)} missed, ${m('dispatchesRefused', i.dispatchesRefused)}
refused; ${m('unitMinutes', i.unitMinutes)} unit minutes`,
    ),
  ];
}

/** The figures a reader looks for first, each with what it is out of. */
export function keyFigures(s: RunSummary): Html {
  const [recall, alerts, latency, cloned] = detectionTiles(s);
  const [intercepted, innocent, dispatches] = interceptionTiles(s);
  const tiles = [readsTile(s), recall, alerts, latency, intercepted, innocent, dispatches];
  tiles.push(cloned);
  return markup`<div class="tiles" id="key-figures">
${tiles.map((t) => markup`${t}\n`)}</div>`;
}
