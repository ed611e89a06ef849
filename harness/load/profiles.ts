import type { DayType } from '../../simulator/scenario/resolve.js';
import { HOURLY_SHARE } from '../../simulator/traffic/profiles.js';
import { count as n } from '../format.js';

/**
 * How many reads a load test offers, and when. Every profile is a rate over wall-clock
 * time (reads a second), except `scenario`, which replays the scenario's own reads at
 * their delivery times. A profile says nothing of batching or of bounds: those belong to
 * the schedule (schedule.ts), so every profile takes them alike.
 */
export type LoadProfile =
  /** The same rate throughout. */
  | { kind: 'constant'; readsPerSecond: number }
  /** From one rate to another in a straight line over the test's duration. */
  | { kind: 'ramp'; fromPerSecond: number; toPerSecond: number }
  /** The scenario's reads at their delivery times, `speed` times faster than real time. */
  | { kind: 'scenario'; speed: number }
  /**
   * A day's hourly curve at its real rates, each hour lasting `dayMs / 24` of wall-clock
   * time, starting at `startHour`.
   */
  | {
      kind: 'diurnal';
      area: DiurnalArea;
      readsPerDay: number;
      dayMs: number;
      startHour: number;
      day: DayType;
    }
  /**
   * A baseline rate, and at `atMs` a number of mobile units reconnecting at once, each
   * uploading a backlog of reads.
   */
  | { kind: 'burst'; baselinePerSecond: number; units: number; backlog: number; atMs: number };

export type ProfileKind = LoadProfile['kind'];

/** Whose day a diurnal profile follows: the whole country's, or the scenario's county's. */
export type DiurnalArea = 'national' | 'county';

type Diurnal = Extract<LoadProfile, { kind: 'diurnal' }>;

/**
 * A profile as asked for: a diurnal day may leave its size, length, start and day type
 * to the defaults (the area's reads a day, a day in 24 minutes from midnight, a weekday).
 */
export type LoadProfileInput =
  | Exclude<LoadProfile, Diurnal>
  | (Pick<Diurnal, 'kind' | 'area'> & Partial<Omit<Diurnal, 'kind' | 'area'>>);
export const PROFILE_KINDS: readonly ProfileKind[] = [
  'constant',
  'ramp',
  'scenario',
  'diurnal',
  'burst',
];

/**
 * About 60 million reads a day over about 12,700 cameras nationally (National ANPR
 * Service DPIA, 2020/21): some 700 a second on average, 4,700 per camera per day.
 */
export const NATIONAL_READS_PER_DAY = 60_000_000;
export const READS_PER_CAMERA_PER_DAY = 4_700;

/** A day squeezed into 24 minutes: an hour of the curve a minute. */
export const DEFAULT_DAY_MS = 24 * 60_000;

/**
 * The profile with its defaults filled. A county's day is its cameras' share of the
 * national reads: `cameras` (the scenario network's sites) times the national average
 * per camera.
 */
export function completeProfile(profile: LoadProfileInput, cameras: number): LoadProfile {
  if (profile.kind !== 'diurnal') return profile;
  const perDay =
    profile.area === 'national' ? NATIONAL_READS_PER_DAY : cameras * READS_PER_CAMERA_PER_DAY;
  return {
    kind: 'diurnal',
    area: profile.area,
    readsPerDay: profile.readsPerDay ?? perDay,
    dayMs: profile.dayMs ?? DEFAULT_DAY_MS,
    startHour: profile.startHour ?? 0,
    day: profile.day ?? 'weekday',
  };
}

/**
 * When the next read is due, in milliseconds after the start of the test; Infinity when
 * the profile has no more. Successive values never decrease.
 */
export interface Arrivals {
  next(): number;
}

/** A stretch of wall-clock time over which the rate moves in a straight line. */
interface Segment {
  startMs: number;
  endMs: number;
  fromPerSecond: number;
  toPerSecond: number;
}

/** What the scenario profile replays: the pool's delivery times. */
export interface ReplayTimes {
  /** Simulated milliseconds after the pool's first delivery, in order. */
  offsetsMs: Float64Array;
  /** Simulated milliseconds one pass of the pool stands for. */
  spanMs: number;
}

/** The arrivals of a profile over a test of `durationMs`. */
export function arrivalsOf(
  profile: LoadProfile,
  durationMs: number,
  replay?: ReplayTimes,
): Arrivals {
  switch (profile.kind) {
    case 'scenario':
      if (!replay) throw new Error('The scenario profile needs the pool’s delivery times');
      return new ReplayArrivals(replay, profile.speed);
    case 'burst': {
      const base = new RateArrivals(segmentsOf(profile, durationMs));
      return new MergedArrivals(base, new Impulse(profile.atMs, profile.units * profile.backlog));
    }
    default:
      return new RateArrivals(segmentsOf(profile, durationMs));
  }
}

/** The rate-over-time pieces of the profiles that have a rate. */
function segmentsOf(profile: LoadProfile, durationMs: number): Segment[] {
  switch (profile.kind) {
    case 'constant':
      return [flat(0, durationMs, profile.readsPerSecond)];
    case 'ramp':
      return [
        {
          startMs: 0,
          endMs: durationMs,
          fromPerSecond: profile.fromPerSecond,
          toPerSecond: profile.toPerSecond,
        },
      ];
    case 'burst':
      return [flat(0, durationMs, profile.baselinePerSecond)];
    case 'diurnal':
      return diurnalSegments(profile, durationMs);
    case 'scenario':
      return [];
  }
}

function flat(startMs: number, endMs: number, perSecond: number): Segment {
  return { startMs, endMs, fromPerSecond: perSecond, toPerSecond: perSecond };
}

/** One flat segment per hour of the curve, as far as the duration reaches. */
function diurnalSegments(profile: Diurnal, durationMs: number): Segment[] {
  const hourMs = profile.dayMs / 24;
  const shares = HOURLY_SHARE[profile.day];
  const segments: Segment[] = [];
  for (let i = 0; i * hourMs < durationMs; i++) {
    const share = shares[(profile.startHour + i) % 24]!;
    const endMs = Math.min(durationMs, (i + 1) * hourMs);
    segments.push(flat(i * hourMs, endMs, (profile.readsPerDay * share) / 3600));
  }
  return segments;
}

/** The rate a profile offers at a moment, reads a second (the scenario's is not known). */
export function rateAt(profile: LoadProfile, durationMs: number, atMs: number): number | null {
  if (profile.kind === 'scenario') return null;
  const segment = segmentsOf(profile, durationMs).find((s) => atMs >= s.startMs && atMs < s.endMs);
  if (!segment) return 0;
  const share = (atMs - segment.startMs) / (segment.endMs - segment.startMs);
  return segment.fromPerSecond + (segment.toPerSecond - segment.fromPerSecond) * share;
}

/**
 * How many reads the profile offers in `durationMs` (before the schedule's bound on
 * reads), for sizing what is prepared before the clock starts.
 */
export function expectedReads(
  profile: LoadProfile,
  durationMs: number,
  replay?: ReplayTimes,
): number {
  if (profile.kind === 'scenario') {
    if (!replay || replay.offsetsMs.length === 0) return 0;
    return Math.ceil((replay.offsetsMs.length * durationMs * profile.speed) / replay.spanMs);
  }
  const impulse = profile.kind === 'burst' && profile.atMs < durationMs;
  const extra = impulse ? profile.units * profile.backlog : 0;
  return Math.ceil(segmentsOf(profile, durationMs).reduce((n, s) => n + readsIn(s), 0)) + extra;
}

function readsIn(segment: Segment): number {
  const seconds = (segment.endMs - segment.startMs) / 1000;
  return ((segment.fromPerSecond + segment.toPerSecond) / 2) * seconds;
}

/**
 * Reads due at an exact rate: the kth read (from 0) is due when the rate's integral
 * reaches k, so that every second holds the reads its rate says, with no drift.
 */
class RateArrivals implements Arrivals {
  readonly #segments: Segment[];
  #index = 0;
  /** Reads due before the current segment. */
  #before = 0;
  #k = 0;

  constructor(segments: Segment[]) {
    this.#segments = segments;
  }

  next(): number {
    for (; this.#index < this.#segments.length; this.#index++) {
      const segment = this.#segments[this.#index]!;
      const within = this.#k - this.#before;
      if (within < readsIn(segment)) {
        this.#k++;
        return segment.startMs + timeOfRead(segment, within);
      }
      this.#before += readsIn(segment);
    }
    return Infinity;
  }
}

/**
 * Milliseconds into a segment at which `x` reads have been due: the root of
 * a·t + (b − a)·t² / 2d = x, in the form that stays exact when the rate starts at 0.
 */
function timeOfRead(segment: Segment, x: number): number {
  if (x <= 0) return 0;
  const a = segment.fromPerSecond;
  const slope = (segment.toPerSecond - a) / ((segment.endMs - segment.startMs) / 1000);
  const seconds = (2 * x) / (a + Math.sqrt(Math.max(0, a * a + 2 * slope * x)));
  return seconds * 1000;
}

/** `count` reads all due at one moment. */
class Impulse implements Arrivals {
  #left: number;

  constructor(
    private readonly atMs: number,
    count: number,
  ) {
    this.#left = count;
  }

  next(): number {
    if (this.#left <= 0) return Infinity;
    this.#left--;
    return this.atMs;
  }
}

/** Two streams of arrivals as one, in time order. */
class MergedArrivals implements Arrivals {
  #a: number;
  #b: number;

  constructor(
    private readonly first: Arrivals,
    private readonly second: Arrivals,
  ) {
    this.#a = first.next();
    this.#b = second.next();
  }

  next(): number {
    if (this.#a <= this.#b) {
      const due = this.#a;
      this.#a = this.first.next();
      return due;
    }
    const due = this.#b;
    this.#b = this.second.next();
    return due;
  }
}

/** The pool's delivery times, pass after pass, squeezed by the speed. */
class ReplayArrivals implements Arrivals {
  #i = 0;
  #pass = 0;

  constructor(
    private readonly replay: ReplayTimes,
    private readonly speed: number,
  ) {}

  next(): number {
    const offsets = this.replay.offsetsMs;
    if (offsets.length === 0) return Infinity;
    if (this.#i === offsets.length) {
      this.#i = 0;
      this.#pass++;
    }
    const simulatedMs = this.#pass * this.replay.spanMs + offsets[this.#i++]!;
    return simulatedMs / this.speed;
  }
}

/** The profile in a few words, for the terminal. */
export function describeProfile(profile: LoadProfile): string {
  switch (profile.kind) {
    case 'constant':
      return `constant ${n(profile.readsPerSecond)} reads/s`;
    case 'ramp':
      return `ramp from ${n(profile.fromPerSecond)} to ${n(profile.toPerSecond)} reads/s`;
    case 'scenario':
      return `the scenario's own reads at ${profile.speed}x real time`;
    case 'diurnal':
      return (
        `diurnal, ${profile.area} (${n(profile.readsPerDay)} reads a day), ` +
        `a day in ${Math.round(profile.dayMs / 60_000)} min from ${profile.startHour}:00`
      );
    case 'burst':
      return (
        `burst: ${n(profile.baselinePerSecond)} reads/s, then ${profile.units} units ` +
        `uploading ${n(profile.backlog)} reads each at ${profile.atMs / 1000} s`
      );
  }
}
