import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { isTestbedError, TestbedError } from '../../simulator/errors.js';
import {
  describeLoad,
  failuresOf,
  makeOutDir,
  parseDurationMs,
  PROFILE_KINDS,
  runLoadTest,
  writeLoadResult,
  type LoadOptions,
  type LoadProfileInput,
  type RunProgress,
} from '../load/index.js';
import { printJson, type CliIo } from './io.js';
import { count as n } from '../format.js';

interface LoadFlags {
  out: string;
  hub?: string;
  token?: string;
  rate?: string;
  profile: string;
  from?: string;
  to?: string;
  speed?: string;
  area: string;
  readsPerDay?: string;
  dayLength?: string;
  startHour?: string;
  units: string;
  backlog: string;
  burstAt?: string;
  duration?: string;
  maxReads?: string;
  batch?: string;
  connections?: string;
  alertEvery?: string;
  delivery: string;
  findSaturation?: boolean;
  stepFactor?: string;
  maxSteps?: string;
  maxP99Ms?: string;
  maxErrorRate?: string;
  json?: boolean;
}

export function registerLoadCommand(program: Command, io: CliIo): void {
  program
    .command('load')
    .description(
      'Offer a hub reads at a rate (open loop) or find the rate it saturates at; write ' +
        'load.json and its reports',
    )
    .argument('<scenario>', 'the scenario whose reads and hotlist are sent')
    .requiredOption('--out <dir>', 'folder for load.json, report.html, junit.xml and summary.md')
    .option('--hub <url>', 'a hub that speaks the Hub API (default: the reference hub, here)')
    .option('--token <token>', 'bearer token for --hub')
    .option('--rate <r>', 'reads a second: the constant rate, a burst’s baseline, a first step')
    .option('--profile <kind>', `${PROFILE_KINDS.join(', ')}`, 'constant')
    .option('--from <r>', 'ramp: the starting rate, reads a second')
    .option('--to <r>', 'ramp: the final rate, reads a second')
    .option('--speed <x>', 'scenario: times real time the scenario’s reads are replayed at')
    .option('--area <area>', 'diurnal: national or county (the scenario’s cameras)', 'national')
    .option('--reads-per-day <n>', 'diurnal: reads a day (default: the area’s)')
    .option('--day-length <d>', 'diurnal: wall-clock time a whole day takes', '24m')
    .option('--start-hour <h>', 'diurnal: the hour of day the test starts at', '0')
    .option('--units <n>', 'burst: mobile units reconnecting at once', '50')
    .option('--backlog <n>', 'burst: reads each unit uploads', '2000')
    .option('--burst-at <d>', 'burst: when the units reconnect (default: halfway)')
    .option('--duration <d>', 'how long load is offered, e.g. 30s, 5m (a step, when searching)')
    .option('--max-reads <n>', 'the most reads offered in the whole test')
    .option('--batch <n>', 'reads a request')
    .option('--connections <n>', 'keep-alive connections to the hub')
    .option('--alert-every <n>', 'one read in n carries a seeded listed mark (0: none)')
    .option('--delivery <push|pull>', 'how the hub hands back alerts', 'push')
    .option('--find-saturation', 'step a constant rate up until the thresholds break')
    .option('--step-factor <x>', 'saturation: each step offers this times the last', '1.5')
    .option('--max-steps <n>', 'saturation: the most steps', '15')
    .option('--max-p99-ms <ms>', 'p99 latency bound (default: the scenario’s, else 1000)')
    .option('--max-error-rate <share>', 'share of reads that may fail (default 0.001)')
    .option('--json', 'print load.json instead of the short summary')
    .addHelpText(
      'after',
      '\nLatency runs from when each request was due, so a hub that stalls cannot hide it.\n' +
        'Exit status: 0 when the thresholds hold, 1 when not (or the hub failed), 2 for a ' +
        'usage or input error.',
    )
    .action(async (path: string, flags: LoadFlags) => {
      await loadAndReport(io, optionsOf(path, flags), flags.out, flags.json === true);
    });
}

/**
 * Runs the test with progress on standard error, writes load.json and its reports whatever
 * happened, prints the summary and fails with the error or the failed thresholds.
 */
export async function loadAndReport(
  io: CliIo,
  options: LoadOptions,
  outDir: string,
  json: boolean,
): Promise<void> {
  await makeOutDir(outDir);
  const abort = new AbortController();
  const detach = onInterrupt(abort, io);
  const progress = progressFor(io);
  try {
    const { result, error } = await runLoadTest(options, {
      signal: abort.signal,
      onStage: (text) => io.err(`${text}\n`),
      onProgress: progress.update,
    }).catch((err: unknown) => {
      throw flagError(err);
    });
    progress.stop();
    const { files, report } = await writeLoadResult(outDir, result);
    if (json) printJson(io, result);
    else io.out(describeLoad(result, files, report));
    if (error) throw flagError(error);
    if (result.verdict === 'fail')
      throw new TestbedError('ATB_LOAD_FAILED', { detail: failuresOf(result) });
  } finally {
    progress.stop();
    detach();
  }
}

/** The flag that sets each load option the library checks, for its messages. */
const FLAG_OF: Readonly<Record<string, string>> = {
  durationMs: '--duration',
  maxReads: '--max-reads',
  batch: '--batch',
  connections: '--connections',
  probeEvery: '--alert-every',
  maxP99Ms: '--max-p99-ms',
  maxErrorRate: '--max-error-rate',
  delivery: '--delivery',
  readsPerSecond: '--rate',
  baselinePerSecond: '--rate',
  startPerSecond: '--rate',
  fromPerSecond: '--from',
  toPerSecond: '--to',
  speed: '--speed',
  area: '--area',
  readsPerDay: '--reads-per-day',
  dayMs: '--day-length',
  startHour: '--start-hour',
  units: '--units',
  backlog: '--backlog',
  atMs: '--burst-at',
  factor: '--step-factor',
  maxSteps: '--max-steps',
};

/**
 * A load option the library refused, as a usage error that names the flag the user
 * typed rather than the option's name in the library; any other error as it is.
 */
function flagError(err: unknown): unknown {
  if (!isTestbedError(err) || err.code !== 'ATB_LOAD_OPTION_INVALID') return err;
  const { name = '', expected = '', value = '' } = err.details;
  const flag = FLAG_OF[name];
  if (flag === undefined) return err;
  const unit = name.endsWith('Ms') ? ' ms' : '';
  return usage(`${flag} takes ${expected}${unit}; got ${value}`);
}

/** A bar on a terminal; elsewhere a line every few seconds. */
function progressFor(io: CliIo): { update: (p: RunProgress) => void; stop: () => void } {
  if (io.isTty) {
    const bar = new SingleBar(
      {
        format: 'load {step}[{bar}] {percentage}% | {sent} sent | {answered} answered | p99 {p99}',
        stream: process.stderr,
      },
      Presets.shades_classic,
    );
    let started = false;
    return {
      update: (p) => {
        const payload = { ...fields(p), step: p.step ? `step ${p.step.number} ` : '' };
        if (!started) bar.start(100, 0, payload);
        started = true;
        bar.update(Math.min(100, Math.floor((p.elapsedMs / p.durationMs) * 100)), payload);
      },
      stop: () => bar.stop(),
    };
  }
  let lastMs = -Infinity;
  let lastStep: number | null = null;
  return {
    update: (p) => {
      // Each step of a search starts its clock again and says so at once; a short step
      // has a second line before it ends.
      const number = p.step?.number ?? null;
      const every = Math.min(PROGRESS_EVERY_MS, Math.max(1000, p.durationMs / 2));
      if (number === lastStep && p.elapsedMs - lastMs < every) return;
      lastMs = p.elapsedMs;
      lastStep = number;
      const f = fields(p);
      const step = p.step
        ? `step ${p.step.number} at ${f.rate(p.step.readsPerSecond)} reads/s, `
        : '';
      io.err(
        `load: ${step}${Math.round(p.elapsedMs / 1000)} s of ${p.durationMs / 1000} s, ` +
          `${f.sent} reads sent, ${f.answered} answered, ` +
          `${p.p99Ms === null ? '' : `p99 ${f.p99}, `}${f.failed} failed, ` +
          `${f.late} behind schedule\n`,
      );
    },
    stop: () => {},
  };
}

const PROGRESS_EVERY_MS = 5000;

function fields(p: RunProgress) {
  return {
    rate: n,
    sent: n(p.sentReads),
    answered: n(p.answeredReads),
    failed: n(p.failedReads),
    late: n(p.behindSchedule),
    p99: p.p99Ms === null ? 'n/a' : `${p.p99Ms < 10 ? p.p99Ms.toFixed(2) : n(p.p99Ms)} ms`,
  };
}

/** Ctrl-C stops sending and keeps what was measured; a second one quits at once. */
function onInterrupt(abort: AbortController, io: CliIo): () => void {
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130);
    io.err('\nStopping: writing what was measured so far (Ctrl-C again to quit at once)\n');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  return () => void process.off('SIGINT', onSigint);
}

/** The test the flags ask for, every flag checked before anything starts. */
export function optionsOf(path: string, flags: LoadFlags): LoadOptions {
  const durationMs =
    flags.duration === undefined ? undefined : duration('--duration', flags.duration);
  const options: LoadOptions = {
    scenarioPath: path,
    ...hubOf(flags),
    ...(durationMs === undefined ? {} : { durationMs }),
    ...optional('maxReads', '--max-reads', flags.maxReads, whole),
    ...optional('batch', '--batch', flags.batch, whole),
    ...optional('connections', '--connections', flags.connections, whole),
    ...optional('probeEvery', '--alert-every', flags.alertEvery, whole),
    ...optional('maxP99Ms', '--max-p99-ms', flags.maxP99Ms, positive),
    ...optional('maxErrorRate', '--max-error-rate', flags.maxErrorRate, share),
    delivery: deliveryOf(flags.delivery),
  };
  if (flags.findSaturation) {
    if (flags.profile !== 'constant')
      throw usage('--find-saturation steps a constant rate; drop --profile');
    checkProfileFlags(flags, '--find-saturation, which steps a constant rate');
    options.saturation = {
      ...(flags.rate === undefined ? {} : { startPerSecond: positive('--rate', flags.rate) }),
      factor: positive('--step-factor', flags.stepFactor ?? '1.5'),
      maxSteps: whole('--max-steps', flags.maxSteps ?? '15'),
    };
    return options;
  }
  checkProfileFlags(flags, `--profile ${flags.profile}`);
  return { ...options, profile: profileOf(flags, durationMs) };
}

/** Flags that shape one profile only, so that a misplaced one is not silently ignored. */
const PROFILE_FLAGS: Readonly<Record<string, readonly string[]>> = {
  '--rate': ['constant', 'burst'],
  '--from': ['ramp'],
  '--to': ['ramp'],
  '--speed': ['scenario'],
  '--reads-per-day': ['diurnal'],
  '--burst-at': ['burst'],
};

/** `shaping` says what decides the profile: the --profile flag or the saturation search. */
function checkProfileFlags(flags: LoadFlags, shaping: string): void {
  const given: Record<string, string | undefined> = {
    '--rate': flags.rate,
    '--from': flags.from,
    '--to': flags.to,
    '--speed': flags.speed,
    '--reads-per-day': flags.readsPerDay,
    '--burst-at': flags.burstAt,
  };
  for (const [flag, value] of Object.entries(given)) {
    const kinds = PROFILE_FLAGS[flag] ?? [];
    if (value !== undefined && !kinds.includes(flags.profile)) {
      throw usage(`${flag} goes with --profile ${kinds.join(' or ')}, not ${shaping}`);
    }
  }
}

function hubOf(flags: LoadFlags): Pick<LoadOptions, 'hub'> {
  if (flags.hub === undefined) {
    if (flags.token !== undefined) throw usage('--token goes with --hub');
    return {};
  }
  if (flags.token === undefined) throw usage('--hub needs --token, the hub’s bearer token');
  const url = URL.canParse(flags.hub) ? new URL(flags.hub) : undefined;
  if (!url) throw usage(`--hub takes a URL such as http://127.0.0.1:8080; got "${flags.hub}"`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usage(`--hub must be an http or https URL; got "${flags.hub}"`);
  }
  return { hub: { url: flags.hub, token: flags.token } };
}

function profileOf(flags: LoadFlags, durationMs: number | undefined): LoadProfileInput {
  const kind = flags.profile;
  const need = (flag: string, value: string | undefined) => {
    if (value === undefined) throw usage(`--profile ${kind} needs ${flag}`);
    return value;
  };
  switch (kind) {
    case 'constant':
      return { kind, readsPerSecond: positive('--rate', flags.rate ?? '1000') };
    case 'ramp':
      return {
        kind,
        fromPerSecond: rate('--from', need('--from', flags.from)),
        toPerSecond: rate('--to', need('--to', flags.to)),
      };
    case 'scenario':
      return { kind, speed: positive('--speed', flags.speed ?? '1') };
    case 'diurnal':
      return diurnalOf(flags);
    case 'burst': {
      const atMs =
        flags.burstAt === undefined
          ? (durationMs ?? 30_000) / 2
          : duration('--burst-at', flags.burstAt);
      return {
        kind,
        baselinePerSecond: rate('--rate', flags.rate ?? '1000'),
        units: whole('--units', flags.units),
        backlog: whole('--backlog', flags.backlog),
        atMs,
      };
    }
    default:
      throw usage(`--profile takes one of ${PROFILE_KINDS.join(', ')}; got "${kind}"`);
  }
}

function diurnalOf(flags: LoadFlags): LoadProfileInput {
  if (flags.area !== 'national' && flags.area !== 'county') {
    throw usage(`--area takes national or county; got "${flags.area}"`);
  }
  const hour = whole('--start-hour', flags.startHour ?? '0');
  if (hour > 23) throw usage(`--start-hour takes an hour from 0 to 23; got "${flags.startHour}"`);
  return {
    kind: 'diurnal',
    area: flags.area,
    dayMs: duration('--day-length', flags.dayLength ?? '24m'),
    startHour: hour,
    ...optional('readsPerDay', '--reads-per-day', flags.readsPerDay, positive),
  };
}

function deliveryOf(text: string): 'push' | 'pull' {
  if (text === 'push' || text === 'pull') return text;
  throw usage(`--delivery takes push or pull; got "${text}"`);
}

function optional<K extends string>(
  key: K,
  flag: string,
  text: string | undefined,
  parse: (flag: string, text: string) => number,
): Partial<Record<K, number>> {
  return text === undefined ? {} : ({ [key]: parse(flag, text) } as Record<K, number>);
}

function duration(flag: string, text: string): number {
  const ms = parseDurationMs(text);
  if (!Number.isFinite(ms) || ms <= 0) {
    throw usage(`${flag} takes a duration such as 500ms, 30s, 5m or 1h; got "${text}"`);
  }
  return ms;
}

function rate(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw usage(`${flag} takes reads a second, a number of 0 or more; got "${text}"`);
  }
  return value;
}

function positive(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw usage(`${flag} takes a number above 0; got "${text}"`);
  }
  return value;
}

function share(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw usage(`${flag} takes a share from 0 to 1, such as 0.001; got "${text}"`);
  }
  return value;
}

function whole(flag: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw usage(`${flag} takes a whole number; got "${text}"`);
  }
  return value;
}

function usage(detail: string): TestbedError {
  return new TestbedError('ATB_CLI_USAGE', { detail });
}
