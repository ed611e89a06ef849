import type { RunSummary } from '../harness/scoring/summary.js';
import {
  bounds,
  byReason,
  count,
  dayAndMinute,
  minutes,
  ms,
  percent,
  wallTime,
} from './figures.js';
import { code, table, text } from './markdown-text.js';

/**
 * A run in a few lines of GitHub-flavoured Markdown, for a pull request comment, a
 * CI job summary or a terminal: the verdict, every threshold and check, the headline
 * scores and what became of each offender journey.
 */

export interface MarkdownOptions {
  /** The HTML report, named at the end. */
  reportPath?: string;
}

const PASS = '✔';
const FAIL = '✘';

export function markdownSummary(summary: RunSummary, options: MarkdownOptions = {}): string {
  const sections = [
    heading(summary),
    verdicts(summary),
    scores(summary),
    journeys(summary),
    notes(summary),
    options.reportPath === undefined ? null : `Full report: ${code(options.reportPath)}`,
  ];
  return `${sections.filter((s): s is string => s !== null).join('\n\n')}\n`;
}

function heading(s: RunSummary): string {
  const mark = s.verdict === 'pass' ? PASS : FAIL;
  const hub = s.hub.name === null ? 'a hub that never answered' : hubName(s.hub);
  const time = s.mode.kind === 'virtual' ? 'virtual time' : `real time at ${s.mode.speed}x`;
  const hours = (s.run.simulatedMs / 3_600_000).toFixed(1);
  return [
    `## ${mark} ${s.verdict.toUpperCase()}: ${text(s.scenario.name)}`,
    '',
    `Seed ${s.scenario.seed}, ${code(s.scenario.file)}, against ${hub} ` +
      `(${code(s.hub.target)}); ${time}, ${hours} h simulated in ${wallTime(s.run.wallMs)}` +
      `${s.run.interrupted ? ', **stopped early**' : ''}.`,
  ].join('\n');
}

function hubName(hub: RunSummary['hub']): string {
  return `**${text(hub.name ?? '')}${hub.version === null ? '' : ` ${text(hub.version)}`}**`;
}

function verdicts(s: RunSummary): string {
  const rows = [
    ...s.checks.map((c) => [c.pass ? PASS : FAIL, text(c.name), text(c.detail), '']),
    ...s.thresholds.map((t) => [
      t.pass ? PASS : FAIL,
      code(t.metric, true),
      t.value === null ? 'no value' : String(t.value),
      bounds(t.min, t.max),
    ]),
  ];
  return table(['', 'check or threshold', 'value', 'required'], rows, ['center']);
}

function scores(s: RunSummary): string {
  const d = s.detection;
  const i = s.interception;
  const r = s.reads;
  const l = d.latencyMs;
  const accounted = r.delivered + r.rejected + r.failed + r.unsent === r.generated;
  const rows = [
    ['recall', `${percent(d.recall)} of ${count(d.opportunities)} listed sightings`],
    ['false alerts', `${count(d.falseAlerts)} of ${count(d.alerts)} alerts`],
    ['duplicate alerts', count(d.duplicateAlerts)],
    ['alert latency p50 / p95 / p99', `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)}`],
    [
      'offender journeys intercepted',
      `${count(i.intercepted)} of ${count(i.journeys)}: ` +
        `${count(i.interceptedBeforeOffence)} before the crime, ` +
        `${count(i.interceptedAfterOffence)} after`,
    ],
    ['first alert to interception, median', minutes(i.alertToInterceptionMin.p50)],
    [
      'innocent drivers stopped',
      `${count(i.innocentStops)} (${byReason(i.innocentStopsByReason)})`,
    ],
    [
      'reads',
      `${count(r.generated)} generated: ${count(r.delivered)} delivered, ` +
        `${count(r.rejected)} rejected, ${count(r.failed)} failed, ${count(r.unsent)} unsent` +
        ` (${accounted ? 'all accounted for' : `**${FAIL} not all accounted for**`})`,
    ],
  ];
  return `### Scores\n\n${table(['score', 'value'], rows, ['left', 'left'])}`;
}

const OUTCOMES: Record<RunSummary['journeys'][number]['outcome'], string> = {
  'intercepted-before-offence': `${PASS} intercepted before the crime`,
  'intercepted-after-offence': `${PASS} intercepted after the crime`,
  'not-intercepted': 'not intercepted',
};

function journeys(s: RunSummary): string {
  if (s.journeys.length === 0) return '### Offender journeys\n\nNone in this window.';
  const rows = s.journeys.map((j) => [
    text(j.group),
    `${text(j.home)} → ${text(j.target)}`,
    text(j.marks.join(', ')),
    dayAndMinute(j.departAt),
    dayAndMinute(j.offenceAt),
    j.firstAlertAt === null ? 'none' : dayAndMinute(j.firstAlertAt),
    j.interceptedAt === null
      ? OUTCOMES[j.outcome]
      : `${OUTCOMES[j.outcome]}, ${dayAndMinute(j.interceptedAt)} by ${text(j.interceptedBy ?? '?')}`,
  ]);
  const header = ['group', 'from → to', 'marks', 'set out', 'crime', 'first alert', 'outcome'];
  return `### Offender journeys (times UTC)\n\n${table(header, rows)}`;
}

function notes(s: RunSummary): string | null {
  if (s.notes.length === 0) return null;
  return ['### Notes', '', ...s.notes.map((n) => `- ${text(n)}`)].join('\n');
}
