import { TestbedError } from '../../simulator/errors.js';
import {
  completeProfile,
  PROFILE_KINDS,
  type LoadProfile,
  type LoadProfileInput,
} from './profiles.js';

/** What a load test is asked to do; everything but the scenario has a default. */
export interface LoadOptions {
  scenarioPath: string;
  /** A hub that speaks the Hub API; without it the reference hub runs in this process. */
  hub?: { url: string; token: string };
  /** Constant 1,000 reads a second unless said; ignored by a saturation search. */
  profile?: LoadProfileInput;
  /** Step the rate up until the thresholds break, instead of following a profile. */
  saturation?: SaturationSettings;
  /** How long the test (or each saturation step) offers load: 30 s, or a diurnal day. */
  durationMs?: number;
  /** The most reads offered in the whole test. */
  maxReads?: number;
  /** Reads per request. */
  batch?: number;
  /** How long a request that is not full waits for more reads. */
  holdMs?: number;
  /** Keep-alive connections to the hub. */
  connections?: number;
  /** Requests out at once per connection (queued behind the one being answered). */
  inFlightPerConnection?: number;
  /** One read in this many carries a seed mark and should raise an alert; 0 for none. */
  probeEvery?: number;
  delivery?: 'push' | 'pull';
  /** Latency p99 (ingest and alert) above this fails the test, ms. */
  maxP99Ms?: number;
  /** A larger share of reads failed fails the test. */
  maxErrorRate?: number;
  /** A request that goes more than this late is behind schedule, ms. */
  lateAfterMs?: number;
  /** How long past the schedule's end late requests may still go, ms. */
  graceMs?: number;
  /** Longest wait for an answer to start, and between its chunks, ms. */
  timeoutMs?: number;
  /** Longest wait for the alerts of probes after the last answer, ms. */
  alertWaitMs?: number;
  /** The most reads generated into the pool before the clock starts. */
  poolReads?: number;
}

export interface SaturationSettings {
  /** The first step's rate, reads a second. */
  startPerSecond?: number;
  /** Each step offers this many times the rate of the one before. */
  factor?: number;
  /** The most steps. */
  maxSteps?: number;
  /** Quiet time between steps, for the hub to empty its queues, ms. */
  restMs?: number;
}

export type ResolvedSaturation = Required<SaturationSettings>;

export interface ResolvedLoadOptions {
  scenarioPath: string;
  hub: { url: string; token: string } | null;
  profile: LoadProfile;
  saturation: ResolvedSaturation | null;
  durationMs: number;
  maxReads: number;
  batch: number;
  holdMs: number;
  connections: number;
  maxInFlight: number;
  probeEvery: number;
  delivery: 'push' | 'pull';
  /** As given; the scenario's thresholds and the defaults fill the gaps later. */
  maxP99Ms: number | null;
  maxErrorRate: number | null;
  lateAfterMs: number;
  graceMs: number;
  timeoutMs: number;
  alertWaitMs: number;
  poolReads: number;
}

export const LOAD_DEFAULTS = {
  durationMs: 30_000,
  readsPerSecond: 1_000,
  maxReads: 50_000_000,
  batch: 1,
  holdMs: 1_000,
  connections: 16,
  inFlightPerConnection: 2,
  probeEvery: 1_000,
  maxP99Ms: 1_000,
  maxErrorRate: 0.001,
  lateAfterMs: 10,
  graceMs: 2_000,
  timeoutMs: 10_000,
  alertWaitMs: 2_000,
  poolReads: 200_000,
  saturation: { startPerSecond: 1_000, factor: 1.5, maxSteps: 15, restMs: 1_000 },
} as const;

const DAY_MS = 24 * 3_600_000;

/**
 * Fills the defaults and checks every option, failing on the first bad one by name.
 * `cameras` (the scenario network's sites) sizes a county's diurnal day.
 */
export function resolveLoadOptions(options: LoadOptions, cameras = 0): ResolvedLoadOptions {
  const asked = options.profile ?? constant(LOAD_DEFAULTS.readsPerSecond);
  if (!PROFILE_KINDS.includes(asked.kind)) {
    invalid('profile', `one of ${PROFILE_KINDS.join(', ')}`, asked.kind);
  }
  const profile = checkProfile(completeProfile(asked, cameras));
  const natural = profile.kind === 'diurnal' ? profile.dayMs : LOAD_DEFAULTS.durationMs;
  const connections = int('connections', options.connections ?? LOAD_DEFAULTS.connections, 1, 4096);
  const perConnection = options.inFlightPerConnection ?? LOAD_DEFAULTS.inFlightPerConnection;
  const delivery = options.delivery ?? 'push';
  if (delivery !== 'push' && delivery !== 'pull') invalid('delivery', 'push or pull', delivery);
  const timeoutMs = num('timeoutMs', options.timeoutMs ?? LOAD_DEFAULTS.timeoutMs, 1, 3_600_000);
  return {
    scenarioPath: options.scenarioPath,
    hub: options.hub ?? null,
    profile,
    saturation: options.saturation ? checkSaturation(options.saturation) : null,
    durationMs: num('durationMs', options.durationMs ?? natural, 1, 7 * DAY_MS),
    maxReads: int('maxReads', options.maxReads ?? LOAD_DEFAULTS.maxReads, 1, 1e12),
    batch: int('batch', options.batch ?? LOAD_DEFAULTS.batch, 1, 100_000),
    holdMs: num('holdMs', options.holdMs ?? LOAD_DEFAULTS.holdMs, 0, 3_600_000),
    connections,
    maxInFlight: connections * int('inFlightPerConnection', perConnection, 1, 64),
    probeEvery: int('probeEvery', options.probeEvery ?? LOAD_DEFAULTS.probeEvery, 0, 1e9),
    delivery,
    maxP99Ms: optional('maxP99Ms', options.maxP99Ms, 0, Infinity),
    maxErrorRate: optional('maxErrorRate', options.maxErrorRate, 0, 1),
    lateAfterMs: num('lateAfterMs', options.lateAfterMs ?? LOAD_DEFAULTS.lateAfterMs, 0, 60_000),
    graceMs: num('graceMs', options.graceMs ?? LOAD_DEFAULTS.graceMs, 0, 3_600_000),
    timeoutMs,
    alertWaitMs: num('alertWaitMs', options.alertWaitMs ?? LOAD_DEFAULTS.alertWaitMs, 0, 600_000),
    poolReads: int('poolReads', options.poolReads ?? LOAD_DEFAULTS.poolReads, 1, 50_000_000),
  };
}

export function constant(readsPerSecond: number): LoadProfile {
  return { kind: 'constant', readsPerSecond };
}

function checkProfile(profile: LoadProfile): LoadProfile {
  const rate = (name: string, value: number) => num(name, value, 0, 1e9);
  switch (profile.kind) {
    case 'constant':
      if (rate('readsPerSecond', profile.readsPerSecond) === 0) {
        invalid('readsPerSecond', 'a rate above 0', 0);
      }
      break;
    case 'ramp':
      rate('fromPerSecond', profile.fromPerSecond);
      rate('toPerSecond', profile.toPerSecond);
      if (profile.fromPerSecond + profile.toPerSecond === 0) {
        invalid('toPerSecond', 'a rate above 0 at one end of the ramp', 0);
      }
      break;
    case 'scenario':
      num('speed', profile.speed, 0.001, 1e6);
      break;
    case 'diurnal':
      if (profile.area !== 'national' && profile.area !== 'county') {
        invalid('area', 'national or county', profile.area);
      }
      num('readsPerDay', profile.readsPerDay, 1, 1e12);
      num('dayMs', profile.dayMs, 24, 7 * DAY_MS);
      int('startHour', profile.startHour, 0, 23);
      break;
    case 'burst':
      rate('baselinePerSecond', profile.baselinePerSecond);
      int('units', profile.units, 0, 1e6);
      int('backlog', profile.backlog, 0, 1e9);
      num('atMs', profile.atMs, 0, 7 * DAY_MS);
      break;
  }
  return profile;
}

function checkSaturation(settings: SaturationSettings): ResolvedSaturation {
  const d = LOAD_DEFAULTS.saturation;
  return {
    startPerSecond: num('startPerSecond', settings.startPerSecond ?? d.startPerSecond, 1, 1e9),
    factor: num('factor', settings.factor ?? d.factor, 1.01, 100),
    maxSteps: int('maxSteps', settings.maxSteps ?? d.maxSteps, 1, 100),
    restMs: num('restMs', settings.restMs ?? d.restMs, 0, 600_000),
  };
}

function optional(name: string, value: number | undefined, min: number, max: number) {
  return value === undefined ? null : num(name, value, min, max);
}

function num(name: string, value: number, min: number, max: number): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) {
    return value;
  }
  const upper = max === Infinity ? '' : ` to ${max}`;
  return invalid(name, `a number from ${min}${upper}`, value);
}

function int(name: string, value: number, min: number, max: number): number {
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  return invalid(name, `a whole number from ${min} to ${max}`, value);
}

function invalid(name: string, expected: string, value: unknown): never {
  throw new TestbedError('ATB_LOAD_OPTION_INVALID', {
    name,
    expected,
    value: JSON.stringify(value) ?? String(value),
  });
}

const UNITS_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
};

/**
 * A duration as people write it: `500ms`, `10s`, `2m`, `1h`, `1m30s`; a bare number is
 * seconds. NaN when it is none of these.
 */
export function parseDurationMs(text: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|min|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) return NaN;
  return parts.reduce((ms, p) => ms + Number(p[1]) * UNITS_MS[p[2]!]!, 0);
}
