import { resolve } from 'node:path';
import type { LoadPercentiles } from './histogram.js';
import type { LoadResult, SaturationResult } from './result.js';
import { count as n } from '../format.js';

/** The short summary of a load test for a terminal, ending with where its report is. */
export function describeLoad(r: LoadResult, files: readonly string[], report?: string): string {
  const lines = [header(r), `  profile    ${profileLine(r)}`];
  if (r.sent.requests > 0 || r.reads.unsent > 0) lines.push(...measuredLines(r));
  if (r.saturation) lines.push(...saturationLines(r.saturation));
  for (const t of r.thresholds) {
    const verdict = t.pass ? 'ok        ' : 'FAILED    ';
    lines.push(`  ${verdict} ${t.metric} = ${t.value ?? 'not measured'} (at most ${t.max})`);
  }
  for (const c of r.checks.filter((c) => !c.pass))
    lines.push(`  FAILED     ${c.name}: ${c.detail}`);
  if (r.error) lines.push(`  error      ${r.error.message} [${r.error.code}]`);
  for (const note of r.notes) lines.push(`  note       ${note}`);
  lines.push(`Verdict: ${r.verdict.toUpperCase()}`);
  if (files.length > 0) lines.push(`Wrote ${files.join(', ')}`);
  if (report !== undefined) lines.push(`Open the report: ${resolve(report)}`);
  return `${lines.join('\n')}\n`;
}

/** Why a test failed, in one line, for the error the command ends with. */
export function failuresOf(r: LoadResult): string {
  const failed = [
    ...r.thresholds
      .filter((t) => !t.pass)
      .map((t) => `${t.metric} = ${t.value ?? 'not measured'} (at most ${t.max})`),
    ...r.checks.filter((c) => !c.pass).map((c) => `${c.name}: no (${c.detail})`),
  ];
  return `the load test failed: ${failed.join('; ')}`;
}

function header(r: LoadResult): string {
  const hub = r.hub.name ? `${r.hub.name}${r.hub.version ? ` ${r.hub.version}` : ''}` : 'a hub';
  const where = r.hub.inProcess ? `${r.hub.target} (in this process)` : r.hub.target;
  const name = r.scenario.name === '' ? r.scenario.file : r.scenario.name;
  return `Load test of ${name} (seed ${r.scenario.seed}) against ${hub} at ${where}`;
}

function profileLine(r: LoadResult): string {
  const s = r.settings;
  const perRequest = s.batch === 1 ? '1 read a request' : `${n(s.batch)} reads a request`;
  const length = r.saturation ? `${s.durationMs / 1000} s a step` : `${s.durationMs / 1000} s`;
  return `${s.description}, ${length}, ${perRequest}, ${s.connections} connections`;
}

function measuredLines(r: LoadResult): string[] {
  const c = r.reads;
  const lines = [
    `  rate       offered ${n(r.offered.readsPerSecond)} reads/s, sent ` +
      `${n(r.sent.readsPerSecond)}, answered ${n(r.achieved.readsPerSecond)}`,
    `  reads      ${n(c.offered)} offered: ${n(c.sent)} sent, ${n(c.accepted)} accepted, ` +
      `${n(c.rejected)} rejected, ${n(c.failed)} failed, ${n(c.unaccounted)} unaccounted` +
      `${c.unsent > 0 ? `, ${n(c.unsent)} never sent` : ''}`,
    `  ingest     ${percentiles(r.latencyMs.ingest)} (from the intended send time)`,
  ];
  if (r.alerts.expected > 0) {
    lines.push(
      `  alerts     ${r.alerts.alerted} of ${r.alerts.expected} probe reads alerted; ` +
        percentiles(r.latencyMs.alert),
    );
  }
  const b = r.behindSchedule;
  lines.push(
    b.sends === 0
      ? '  schedule   every request went on time'
      : `  schedule   ${n(b.sends)} requests behind schedule (worst ${n(b.worstLagMs)} ms ` +
          `late; ${n(b.waitingForConnection)} waiting for a connection)`,
  );
  const faults = Object.entries(r.errors.byKind).filter(([kind]) => kind !== 'behind-schedule');
  if (faults.length > 0) {
    lines.push(`  errors     ${faults.map(([kind, count]) => `${n(count)} ${kind}`).join(', ')}`);
  }
  if (r.generator.limited) {
    lines.push(
      `  GENERATOR  this machine could not offer the rate: short by ` +
        `${n(r.generator.shortfallReadsPerSecond)} reads/s`,
    );
  }
  if (r.stopped) lines.push(`  stopped    at ${r.stopped.atMs / 1000} s: ${r.stopped.message}`);
  return lines;
}

function percentiles(p: LoadPercentiles): string {
  if (p.count === 0) return 'nothing measured';
  const ms = (x: number | null) => (x === null ? 'n/a' : `${x < 10 ? x.toFixed(2) : n(x)} ms`);
  return (
    `p50 ${ms(p.p50)}, p90 ${ms(p.p90)}, p99 ${ms(p.p99)}, ` +
    `p99.9 ${ms(p.p999)}, max ${ms(p.max)}`
  );
}

function stepWord(step: SaturationResult['steps'][number]): string {
  if (step.held) return 'held';
  return step.generatorLimited ? 'not offered: this machine fell short' : 'broke';
}

function saturationLines(s: SaturationResult): string[] {
  const rows = s.steps.map(
    (step) =>
      `    ${n(step.readsPerSecond).padStart(9)}  ${n(step.achievedReadsPerSecond).padStart(9)}  ` +
      `${(step.ingestP99Ms === null ? 'n/a' : n(step.ingestP99Ms)).padStart(8)}  ` +
      `${(step.errorRate * 100).toFixed(2).padStart(7)}%  ${stepWord(step)}`,
  );
  return [`  saturation ${s.conclusion}`, '       rate/s  answered/s  p99 ms   errors  ', ...rows];
}
