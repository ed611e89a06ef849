import { resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { flagKey, SETTING_FLAGS, settingsFromFlags } from '../../reference-hub/settings.js';
import { TestbedError } from '../../simulator/errors.js';
import { count } from '../format.js';
import { RunControl } from '../runner/control.js';
import { executeRun, type ExecuteOptions, type HubChoice } from '../runner/execute.js';
import type { RunProgress, TimeMode } from '../runner/runner.js';
import type { RunSummary } from '../scoring/summary.js';
import { printJson, type CliIo } from './io.js';

interface RunFlags {
  out: string;
  hub?: string;
  token?: string;
  delivery: string;
  driver?: string;
  virtual?: boolean;
  speed?: string;
  tick: string;
  seed?: string;
  json?: boolean;
  [setting: string]: unknown;
}

export function registerRunCommand(program: Command, io: CliIo): void {
  const command = program
    .command('run')
    .description(
      'Play a scenario into a hub, score what it did and write the run log, summary and report',
    )
    .argument('<scenario>', 'a scenario file (YAML), e.g. scenarios/hawk-night.yaml')
    .requiredOption('--out <dir>', 'folder for the run log, summary, JUnit XML and report')
    .option('--hub <url>', 'a hub that speaks the Hub API (default: the built-in reference hub)')
    .option('--token <token>', 'bearer token for --hub')
    .option('--delivery <push|pull>', 'how the hub hands back events over HTTP', 'push')
    .option('--driver <file>', 'a driver module for a hub that does not speak the Hub API')
    .option('--virtual', 'virtual time, as fast as the hub answers (the default)')
    .option('--speed <x>', 'real time at x simulated seconds per second (1 for exercises)')
    .option('--tick <ms>', 'virtual time step in simulated milliseconds', '1000')
    .option('--seed <n>', "override the scenario's seed")
    .option('--json', 'print summary.json instead of the short summary');
  for (const s of SETTING_FLAGS) {
    command.option(`${s.flag} <value>`, `reference hub: ${s.meaning}`);
  }
  command
    .addHelpText(
      'after',
      '\nExit status: 0 when every check and threshold holds, 1 when one does not, ' +
        '2 for a usage or input error.\nIn real time on a terminal, press p to pause, ' +
        'r to resume and q to stop.',
    )
    .action(async (path: string, flags: RunFlags) => {
      const seed = flags.seed === undefined ? undefined : wholeNumber('--seed', flags.seed);
      await runAndReport(io, {
        scenarioPath: path,
        hub: hubChoice(flags),
        mode: timeMode(flags),
        outDir: flags.out,
        ...(seed === undefined ? {} : { seed }),
        json: flags.json === true,
      });
    });
}

export interface RunAndReport extends Omit<ExecuteOptions, 'control' | 'onProgress'> {
  json: boolean;
}

/**
 * Runs with a progress bar on a terminal (a line every tenth of the window elsewhere),
 * prints the summary and fails with exit status 1 when the verdict is a fail.
 */
export async function runAndReport(io: CliIo, options: RunAndReport): Promise<void> {
  const { json, ...execute } = options;
  const control = new RunControl();
  const detach = io.isTty ? attachKeys(control, options.mode, io) : () => {};
  const bar = io.isTty
    ? new SingleBar(
        {
          format: 'running [{bar}] {percentage}% of the window | {reads} reads | {alerts} alerts',
          stream: process.stderr,
        },
        Presets.shades_classic,
      )
    : null;
  bar?.start(100, 0, { reads: 0, alerts: 0 });
  let tenths = 0;
  const onProgress = (p: RunProgress) => {
    if (bar) return bar.update(Math.floor(p.share * 100), { reads: p.readsSent, alerts: p.alerts });
    if (json || p.share * 10 < tenths + 1) return;
    tenths = Math.floor(p.share * 10);
    io.err(
      `running: ${tenths * 10}% of the window, ${count(p.readsSent)} reads, ` +
        `${count(p.alerts)} alerts\n`,
    );
  };
  try {
    const result = await executeRun({ ...execute, control, onProgress });
    bar?.stop();
    if (json) printJson(io, result.summary);
    else io.out(describe(result.summary, result.files, result.report));
    if (result.summary.verdict === 'fail') {
      throw new TestbedError('ATB_RUN_FAILED', { detail: failures(result.summary) });
    }
  } finally {
    bar?.stop();
    detach();
  }
}

function hubChoice(flags: RunFlags): HubChoice {
  if (flags.delivery !== 'push' && flags.delivery !== 'pull')
    throw usage(`--delivery takes push or pull; got "${flags.delivery}"`);
  const setting = SETTING_FLAGS.find((s) => flags[flagKey(s.flag)] !== undefined);
  if (setting && (flags.driver !== undefined || flags.hub !== undefined))
    throw usage(
      `${setting.flag} sets the built-in reference hub; it does not go with --hub or --driver`,
    );
  if (flags.driver !== undefined) {
    return {
      kind: 'module',
      file: flags.driver,
      ...(flags.hub ? { url: flags.hub } : {}),
      ...(flags.token ? { token: flags.token } : {}),
    };
  }
  if (flags.hub !== undefined) {
    if (flags.token === undefined) throw usage('--hub needs --token, the hub’s bearer token');
    let url: URL;
    try {
      url = new URL(flags.hub);
    } catch {
      throw usage(`--hub takes a URL such as http://127.0.0.1:8080; got "${flags.hub}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw usage(`--hub must be an http or https URL; got "${flags.hub}"`);
    return { kind: 'http', url: flags.hub, token: flags.token, delivery: flags.delivery };
  }
  if (flags.token !== undefined) throw usage('--token goes with --hub or --driver');
  const options = settingsFromFlags(flags);
  return Object.keys(options).length > 0 ? { kind: 'reference', options } : { kind: 'reference' };
}

function timeMode(flags: RunFlags): TimeMode {
  if (flags.speed !== undefined) {
    if (flags.virtual) throw usage('--virtual and --speed cannot be used together');
    const speed = Number(flags.speed);
    if (!Number.isFinite(speed) || speed <= 0)
      throw usage(`--speed takes a number above 0, such as 1 or 60; got "${flags.speed}"`);
    return { kind: 'real', speed };
  }
  const tickMs = wholeNumber('--tick', flags.tick);
  if (tickMs < 1) throw usage('--tick must be at least 1 ms');
  return { kind: 'virtual', tickMs };
}

function wholeNumber(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 4294967295)
    throw usage(`${flag} takes a whole number; got "${text}"`);
  return n;
}

function usage(detail: string): TestbedError {
  return new TestbedError('ATB_CLI_USAGE', { detail });
}

/** p pauses, r resumes, q stops; Ctrl-C stops too, and a second one quits at once. */
function attachKeys(control: RunControl, mode: TimeMode, io: CliIo): () => void {
  const onSigint = () => {
    if (control.stopped) process.exit(130);
    io.err('\nStopping: scoring what was gathered so far (Ctrl-C again to quit at once)\n');
    control.stop();
  };
  process.on('SIGINT', onSigint);
  const stdin = process.stdin;
  const keys = mode.kind === 'real' && stdin.isTTY;
  const onKey = (data: Buffer) => {
    const key = data.toString();
    if (key === 'p') control.pause();
    else if (key === 'r') control.resume();
    else if (key === 'q' || key === '\u0003') onSigint();
  };
  if (keys) {
    stdin.setRawMode(true);
    stdin.on('data', onKey);
    stdin.resume();
  }
  return () => {
    process.off('SIGINT', onSigint);
    if (keys) {
      stdin.off('data', onKey);
      stdin.setRawMode(false);
      stdin.pause();
    }
  };
}

function failures(summary: RunSummary): string {
  const failed = [
    ...summary.checks.filter((c) => !c.pass).map((c) => `${c.name} (${c.detail})`),
    ...summary.thresholds
      .filter((t) => !t.pass)
      .map((t) => `${t.metric} = ${t.value ?? 'no value'} (${bounds(t.min, t.max)})`),
  ];
  return `the run failed: ${failed.join('; ')}`;
}

function bounds(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `must be from ${min} to ${max}`;
  return min !== null ? `must be at least ${min}` : `must be at most ${max}`;
}

function pct(value: number | null): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`;
}

function ms(value: number | null): string {
  return value === null ? 'n/a' : `${value.toFixed(value < 10 ? 2 : 0)} ms`;
}

/** The short summary for a terminal. */
export function describe(s: RunSummary, files: readonly string[], report?: string): string {
  const d = s.detection;
  const i = s.interception;
  const r = s.reads;
  const lines = [
    `${s.scenario.name} (seed ${s.scenario.seed}) against ${s.hub.name ?? 'an unreachable hub'}` +
      `${s.hub.version ? ` ${s.hub.version}` : ''} at ${s.hub.target}`,
    `  time       ${s.mode.kind === 'virtual' ? 'virtual' : `real, ${s.mode.speed}x`}: ` +
      `${(s.run.simulatedMs / 3_600_000).toFixed(1)} h simulated in ${(s.run.wallMs / 1000).toFixed(1)} s` +
      ` (${count(s.run.speedup)}x)${s.run.interrupted ? ', stopped early' : ''}`,
    `  reads      ${count(r.generated)} generated: ${count(r.delivered)} delivered, ` +
      `${count(r.rejected)} rejected, ${count(r.failed)} failed` +
      `${r.unsent > 0 ? `, ${count(r.unsent)} unsent` : ''}`,
    `  detection  recall ${pct(d.recall)} of ${count(d.opportunities)} listed sightings; ` +
      `${count(d.alerts)} alerts (${count(d.falseAlerts)} false, ` +
      `${count(d.duplicateAlerts)} duplicate); ` +
      `latency p50 ${ms(d.latencyMs.p50)}, p95 ${ms(d.latencyMs.p95)}, p99 ${ms(d.latencyMs.p99)}`,
    `  offenders  ${i.journeys} journeys, ${i.alerted} alerted on, ${i.intercepted} intercepted ` +
      `(${i.interceptedBeforeOffence} before the crime); ${d.impossibleJourneys.clonedMarksFlagged} of ` +
      `${d.impossibleJourneys.clonedMarks} cloned marks flagged`,
    `  units      ${count(i.dispatches)} dispatches, ${count(i.stops)} stops, ` +
      `${count(i.innocentStops)} innocent drivers stopped, ${count(i.misses)} missed, ` +
      `${count(i.unitMinutes)} unit minutes`,
  ];
  const faults = Object.entries(s.faults.byKind);
  if (faults.length > 0)
    lines.push(
      `  hub faults ${faults.map(([k, n]) => `${n} ${k}`).join(', ')}; ${s.faults.retries} retries`,
    );
  for (const c of s.checks.filter((c) => !c.pass))
    lines.push(`  FAILED     ${c.name}: ${c.detail}`);
  for (const t of s.thresholds)
    lines.push(
      `  ${t.pass ? 'ok        ' : 'FAILED    '} ${t.metric} = ${t.value ?? 'no value'} (${bounds(t.min, t.max)})`,
    );
  for (const note of s.notes) lines.push(`  note       ${note}`);
  lines.push(`Verdict: ${s.verdict.toUpperCase()}`, `Wrote ${files.join(', ')}`);
  if (report !== undefined) lines.push(`Open the report: ${resolve(report)}`);
  return `${lines.join('\n')}\n`;
}
