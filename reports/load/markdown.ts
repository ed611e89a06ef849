import type { LoadPercentiles } from '../../harness/load/histogram.js';
import type { LoadResult, SaturationResult } from '../../harness/load/result.js';
import { count, ms, wallTime } from '../figures.js';
import { fineShare, rate } from '../html/format.js';
import { code, table, text } from '../markdown-text.js';
import { formatForLoadMetric } from './checks.js';
import { testName } from './header.js';
import { RAN_TO_END } from './junit.js';

/**
 * A load test in a few lines of GitHub-flavoured Markdown, for a pull request comment, a
 * CI job summary or a terminal: the verdict, every threshold and check, the headline
 * figures, the saturation steps when there was a search, and where the full report is.
 */

export interface LoadMarkdownOptions {
  /** The HTML report, named at the end. */
  reportPath?: string;
}

const PASS = '✔';
const FAIL = '✘';

export function loadMarkdown(r: LoadResult, options: LoadMarkdownOptions = {}): string {
  const sections = [
    heading(r),
    verdicts(r),
    figures(r),
    r.saturation ? saturation(r.saturation) : null,
    notes(r),
    options.reportPath === undefined ? null : `Full report: ${code(options.reportPath)}`,
  ];
  return `${sections.filter((s): s is string => s !== null).join('\n\n')}\n`;
}

function heading(r: LoadResult): string {
  const mark = r.verdict === 'pass' ? PASS : FAIL;
  const hub =
    r.hub.name === null
      ? 'a hub that never answered'
      : `**${text(r.hub.name)}${r.hub.version === null ? '' : ` ${text(r.hub.version)}`}**`;
  const where = r.hub.inProcess ? ', in the testing process' : '';
  return [
    `## ${mark} ${r.verdict.toUpperCase()}: load test of ${text(testName(r))}`,
    '',
    `Seed ${r.scenario.seed}, ${code(r.scenario.file)}, against ${hub} ` +
      `(${code(r.hub.target)}${where}); ${text(r.settings.description)}, ` +
      `${wallTime(r.settings.durationMs)}${r.saturation ? ' a step' : ''}; ` +
      `took ${wallTime(r.wallMs)}${r.stopped ? ', **stopped early**' : ''}.`,
  ].join('\n');
}

function measured(metric: string, value: number | null): string {
  if (value === null) return 'not measured';
  return formatForLoadMetric(metric) === 'ms' ? ms(value) : fineShare(value);
}

function verdicts(r: LoadResult): string {
  const rows = [
    ...r.thresholds.map((t) => [
      t.pass ? PASS : FAIL,
      code(t.metric, true),
      measured(t.metric, t.value),
      `at most ${measured(t.metric, t.max)}`,
    ]),
    ...r.checks.map((c) => [c.pass ? PASS : FAIL, text(c.name), text(c.detail), '']),
  ];
  if (r.error) {
    rows.push([FAIL, RAN_TO_END, `${text(r.error.message)} ${code(r.error.code, true)}`, '']);
  }
  return table(['', 'check or threshold', 'value', 'required'], rows, ['center']);
}

function percentiles(p: LoadPercentiles): string {
  if (p.count === 0) return 'not measured';
  return `${ms(p.p50)} / ${ms(p.p99)} / ${ms(p.p999)} / ${ms(p.max)}`;
}

function figures(r: LoadResult): string {
  const c = r.reads;
  const b = r.behindSchedule;
  const alerts =
    r.alerts.expected === 0
      ? 'no probe reads sent'
      : `${percentiles(r.latencyMs.alert)} (${count(r.alerts.alerted)} of ` +
        `${count(r.alerts.expected)} probe reads alerted)`;
  const rows = [
    [
      'reads a second',
      `offered ${rate(r.offered.readsPerSecond)}, sent ${rate(r.sent.readsPerSecond)}, ` +
        `answered ${rate(r.achieved.readsPerSecond)}`,
    ],
    [
      'reads',
      `${count(c.offered)} offered: ${count(c.sent)} sent, ${count(c.accepted)} accepted, ` +
        `${count(c.rejected)} rejected, ${count(c.failed)} failed, ` +
        `${count(c.unaccounted)} unaccounted, ${count(c.unsent)} unsent`,
    ],
    ['ingest latency p50 / p99 / p99.9 / max', percentiles(r.latencyMs.ingest)],
    ['alert latency p50 / p99 / p99.9 / max', alerts],
    ['error rate', fineShare(r.errors.errorRate)],
    [
      'requests behind schedule',
      `${count(b.sends)} (${fineShare(b.share)}); the latest ${ms(b.worstLagMs)} late`,
    ],
  ];
  return `### Figures\n\n${table(['figure', 'value'], rows)}`;
}

function saturation(s: SaturationResult): string {
  const rows = s.steps.map((step) => [
    String(step.step),
    rate(step.offeredReadsPerSecond),
    rate(step.achievedReadsPerSecond),
    ms(step.ingestP99Ms),
    fineShare(step.errorRate),
    step.held ? `${PASS} held` : `${FAIL} broke`,
  ]);
  const header = ['step', 'offered/s', 'answered/s', 'ingest p99', 'error rate', 'result'];
  const align = ['right', 'right', 'right', 'right', 'right', 'left'] as const;
  const steps = rows.length === 0 ? '' : `\n\n${table(header, rows, align)}`;
  return `### Saturation search\n\n${text(s.conclusion)}${steps}`;
}

function notes(r: LoadResult): string | null {
  if (r.notes.length === 0) return null;
  return ['### Notes', '', ...r.notes.map((n) => `- ${text(n)}`)].join('\n');
}
