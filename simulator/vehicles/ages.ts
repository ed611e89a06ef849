import { TestbedError } from '../errors.js';
import type { Random } from '../random.js';
import { formatIsoUtc, parseIsoUtc, yearMonth } from '../time.js';

/**
 * Age identifiers of current-format marks (the two digits in `YK71ABC`). Marks
 * issued from March to August of year Y carry Y mod 100; from September to February,
 * Y mod 100 + 50. The scheme began with 51 in September 2001 (DVLA, INF104).
 */

/**
 * The newest identifier issued in each series at an instant, e.g. 26 and 76 in
 * 2026-12.
 */
export interface AgeIdentifiers {
  march: number;
  september: number;
}

const YEAR_MS = 365.25 * 86_400_000;

/** First March identifier (02); before it the March series had nothing issued. */
const FIRST_SUPPORTED_MS = parseIsoUtc('2002-03-01T00:00Z')!;

/**
 * March 2050 issues 50 and September 2050 wraps to 00, which this rule does not
 * model.
 */
const END_SUPPORTED_MS = parseIsoUtc('2050-03-01T00:00Z')!;

export function latestAgeIdentifiers(atMs: number): AgeIdentifiers {
  if (!(atMs >= FIRST_SUPPORTED_MS && atMs < END_SUPPORTED_MS)) {
    throw new TestbedError('ATB_VEHICLES_DATE_UNSUPPORTED', {
      at: Number.isFinite(atMs) ? formatIsoUtc(atMs) : String(atMs),
      reason: 'age identifiers are modelled from March 2002 to February 2050',
    });
  }
  const { year, month } = yearMonth(atMs);
  const marchYear = month >= 3 ? year : year - 1;
  const septemberYear = month >= 9 ? year : year - 1;
  return { march: marchYear - 2000, september: septemberYear - 2000 + 50 };
}

/** Whether an age identifier had been issued by `atMs`. */
export function isIssuedAge(age: number, atMs: number): boolean {
  const latest = latestAgeIdentifiers(atMs);
  return (age >= 2 && age <= latest.march) || (age >= 51 && age <= latest.september);
}

/**
 * Whether an age identifier cannot have been issued by `atMs`. The next identifier
 * of each series is not counted as safe: the DVLA sells personalised marks in the
 * coming series before its release date, and a run may cross the release.
 */
export function isSafeAge(age: number, atMs: number): boolean {
  const latest = latestAgeIdentifiers(atMs);
  const march = age >= latest.march + 2 && age <= 49;
  return march || (age >= latest.september + 2 && age <= 99);
}

/** Age identifiers with weights, drawn by inverse cumulative weight. */
export class AgeTable {
  private readonly cumulative: Float64Array;

  constructor(
    readonly ages: readonly number[],
    weights: readonly number[],
  ) {
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      total += weights[i]!;
      this.cumulative[i] = total;
    }
    for (let i = 0; i < weights.length; i++) this.cumulative[i]! /= total;
  }

  /**
   * The identifier whose cumulative share first exceeds `unit`, a number in [0, 1).
   */
  ageForUnit(unit: number): number {
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > unit) hi = mid;
      else lo = mid + 1;
    }
    return this.ages[lo]!;
  }

  draw(random: Random): number {
    return this.ageForUnit(random.next());
  }

  /** The largest share of any one identifier. */
  maxShare(): number {
    let max = 0;
    let previous = 0;
    for (const c of this.cumulative) {
      max = Math.max(max, c - previous);
      previous = c;
    }
    return max;
  }
}

let cached: { key: string; table: AgeTable } | null = null;

/** The issued identifiers weighted as the parc is, or the safe ones uniformly. */
export function ageTableAt(atMs: number, safe: boolean): AgeTable {
  const key = `${safe}:${Math.floor(atMs / 86_400_000)}`;
  if (cached?.key === key) return cached.table;
  const table = safe ? safeAgeTable(atMs) : issuedAgeTable(atMs);
  cached = { key, table };
  return table;
}

function safeAgeTable(atMs: number): AgeTable {
  const ages: number[] = [];
  for (let age = 0; age <= 99; age++) if (isSafeAge(age, atMs)) ages.push(age);
  if (ages.length === 0) {
    throw new TestbedError('ATB_VEHICLES_DATE_UNSUPPORTED', {
      at: formatIsoUtc(atMs),
      reason: 'every age identifier is issued or about to be, so no mark is safe',
    });
  }
  return new AgeTable(
    ages,
    ages.map(() => 1),
  );
}

function issuedAgeTable(atMs: number): AgeTable {
  const latest = latestAgeIdentifiers(atMs);
  const ages: number[] = [];
  const weights: number[] = [];
  for (let age = 2; age <= latest.march; age++) {
    ages.push(age);
    weights.push(halfYearWeight(2000 + age, 3, atMs));
  }
  for (let age = 51; age <= latest.september; age++) {
    ages.push(age);
    weights.push(halfYearWeight(2000 + age - 50, 9, atMs));
  }
  return new AgeTable(ages, weights);
}

/**
 * Approximate new car registrations in the UK by calendar year, millions (SMMT
 * annual figures as we recall them, rounded; 2025 on is our estimate).
 */
// prettier-ignore
const NEW_REGISTRATIONS_M: Readonly<Record<number, number>> = {
  2002: 2.56, 2003: 2.58, 2004: 2.57, 2005: 2.44, 2006: 2.34, 2007: 2.4, 2008: 2.13,
  2009: 1.99, 2010: 2.03, 2011: 1.94, 2012: 2.04, 2013: 2.26, 2014: 2.48, 2015: 2.63,
  2016: 2.69, 2017: 2.54, 2018: 2.37, 2019: 2.31, 2020: 1.63, 2021: 1.65, 2022: 1.61,
  2023: 1.9, 2024: 1.95,
};

/**
 * Our estimate: the March to August half takes about 57% of a year's registrations,
 * March being the biggest month (SMMT monthly figures).
 */
const MARCH_HALF_SHARE = 0.57;

/**
 * Survival of a vehicle to a given age: Weibull, scale 15.5 years and shape 3.5, our
 * fit to an average scrappage age of about 14 years (SMMT).
 */
function survival(ageYears: number): number {
  return Math.exp(-Math.pow(Math.max(0, ageYears) / 15.5, 3.5));
}

/**
 * The share of today's parc carrying the identifier of the half year that starts
 * then.
 */
function halfYearWeight(year: number, startMonth: 3 | 9, atMs: number): number {
  const startMs = parseIsoUtc(`${year}-0${startMonth}-01T00:00Z`)!;
  const endMs =
    startMonth === 3
      ? parseIsoUtc(`${year}-09-01T00:00Z`)!
      : parseIsoUtc(`${year + 1}-03-01T00:00Z`)!;
  const issuedMs = Math.min(atMs, endMs) - startMs;
  const issuedShare = issuedMs / (endMs - startMs);
  const ageYears = (atMs - (startMs + issuedMs / 2)) / YEAR_MS;
  const half = startMonth === 3 ? MARCH_HALF_SHARE : 1 - MARCH_HALF_SHARE;
  const volume = NEW_REGISTRATIONS_M[year] ?? 2.0;
  return volume * half * issuedShare * survival(ageYears);
}
